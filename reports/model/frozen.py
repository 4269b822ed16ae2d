"""How every block of the report model is declared: immutable, compact, built by keyword."""

FROZEN = {"frozen": True, "slots": True, "kw_only": True}

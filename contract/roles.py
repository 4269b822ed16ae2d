"""Role, specialism and focus ids (DESIGN.md's public contract), listed once.

The normalizer assigns them, the warehouse seeds their names (`warehouse/seeds/roles.csv`, held to
these ids by tests/contract/test_contract.py), and the report walks them in this order.
"""

from __future__ import annotations

ML_ROLE_IDS = ("data_scientist", "ml_engineer", "ai_engineer", "research_scientist", "research_engineer")
OTHER_ROLE = "other"  # a posting that is none of the ML roles
ROLE_IDS = (*ML_ROLE_IDS, OTHER_ROLE)

# Which role each refinement belongs to: ML engineers carry a specialism, data scientists a focus.
SPECIALISM_ROLE = "ml_engineer"
SPECIALISM_IDS = ("ml_platform", "ml_hardware", "ml_solutions_architect")
FOCUS_ROLE = "data_scientist"
FOCUS_IDS = ("analytics", "modelling")

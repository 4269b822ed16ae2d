"""Pay as the pipeline carries it from a source to the warehouse: `Salary(minimum, maximum, currency, period)`.

Extractors build one from a source's structured pay fields (Lever `salaryRange`, Ashby
compensation, schema.org `baseSalary`, …); normalization builds one from pay written in text
(`salary_text`, titles, descriptions). Either end may be missing ("up to $180k", "$200k+").
"""

from __future__ import annotations

from typing import Any, NamedTuple

PERIODS = ("hour", "day", "week", "month", "year")


class Salary(NamedTuple):
    minimum: float | None
    maximum: float | None
    currency: str | None  # ISO 4217, only when the text or the API states it
    period: str | None  # one of PERIODS, or None when nobody can tell

    def as_item_fields(self) -> dict[str, Any]:
        """The item's salary fields (contract.posting.PostingItem) holding this pay."""
        return {
            "salary_min": self.minimum,
            "salary_max": self.maximum,
            "salary_currency": self.currency,
            "salary_period": self.period,
        }

"""The report as typed values: what `compute_report` returns and every renderer reads.

`Report` holds the whole report; its blocks live by subject in `section.py` (one role, specialism or
"all" section), `blocks.py` (headline, data quality, regions, riser companies, source history) and
`report.py`. `to_json(report)` is the JSON document written to `report-<period>.json`: key for key
and in the same order as the fields are declared, a field left `ABSENT` is not written.
"""

from reports.model.blocks import (
    Grid, GridCell, GridRow, GridSkill, Headline, HeadlineRole, LongMove, LongVolume, PostingCounts, Quality, QualityCoverage, RegionShare, RegionWindow, Regions,
    RejectReason, Rejects, RiserCompany, RiserSkill, ShortMove, ShortVolume, SourceQuality, VolumeMoves, WindowCoverage,
)  # fmt: skip
from reports.model.convert import ABSENT, Absent, Json, from_json, to_json
from reports.model.report import Data, Period, Report, Windows, WindowSpan
from reports.model.section import (
    ActiveVolume, ArticleRow, Breakdown, Company, HistoryLine, LongHorizon, LongTitleTrend, LongTrend, LongVolumeTrend, MixShare, PayDisclosure,
    PayRange, Remote, Salary, Section, SeriesPoint, SkillHistory, SkillTrend, Titles, TitleTrend, TopSkill, Volume,
)  # fmt: skip

__all__ = [
    "ABSENT", "Absent", "ActiveVolume", "ArticleRow", "Breakdown", "Company", "Data", "Grid", "GridCell", "GridRow", "GridSkill",
    "Headline", "HeadlineRole", "HistoryLine", "Json", "LongHorizon", "LongMove", "LongVolume", "LongTitleTrend", "LongTrend", "LongVolumeTrend", "MixShare", "PayDisclosure",
    "PayRange", "Period", "PostingCounts", "Quality", "QualityCoverage", "RegionShare", "RegionWindow", "Regions", "RejectReason", "Rejects", "Remote", "Report", "RiserCompany", "RiserSkill",
    "Salary", "Section", "ShortMove", "ShortVolume", "SeriesPoint", "SkillHistory", "SkillTrend", "SourceQuality", "Titles", "TitleTrend", "TopSkill",
    "Volume", "VolumeMoves", "WindowCoverage", "Windows", "WindowSpan", "from_json", "to_json",
]  # fmt: skip

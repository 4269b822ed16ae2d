"""The report as typed values: what `compute_report` returns and every renderer reads.

`Report` (report.py) holds the whole report; its blocks live by subject: `section.py` (one role,
specialism or "all" section), `long_horizon.py` (the long view of a section), `blocks.py` (headline,
data quality, regions, riser companies). `to_json(report)` is the JSON document written to
`report-<period>.json`, key for key in the order the fields are declared (a field left `ABSENT` is not
written); `from_json(Report, document)` reads one back.
"""

from reports.model.blocks import (
    Grid, GridCell, GridRow, GridSkill, Headline, HeadlineRole, LongMove, LongVolume, PostingCounts, Quality, QualityCoverage,
    RegionShare, RegionWindow, Regions, RejectReason, Rejects, RiserCompany, RiserSkill, ShortMove, ShortVolume, SourceQuality,
    VolumeMoves, WindowCoverage,
)
from reports.model.convert import ABSENT, Absent, Json, from_json, to_json
from reports.model.long_horizon import LongHorizon, LongRules, LongTitleTrend, LongTrend, LongVolumeTrend, Span, YearOverYear
from reports.model.report import Data, Period, Report, WindowSpan, Windows
from reports.model.section import (
    ActiveVolume, ArticleRow, Breakdown, Company, HistoryLine, MixShare, PayDisclosure, PayRange, Remote, Salary, Section,
    SeriesPoint, SkillHistory, SkillTrend, TitleTrend, Titles, TopSkill, Volume,
)

__all__ = [
    "ABSENT", "Absent", "ActiveVolume", "ArticleRow", "Breakdown", "Company", "Data", "Grid", "GridCell", "GridRow",
    "GridSkill", "Headline", "HeadlineRole", "HistoryLine", "Json", "LongHorizon", "LongMove", "LongRules", "LongTitleTrend",
    "LongTrend", "LongVolume", "LongVolumeTrend", "MixShare", "PayDisclosure", "PayRange", "Period", "PostingCounts", "Quality",
    "QualityCoverage", "RegionShare", "RegionWindow", "Regions", "RejectReason", "Rejects", "Remote", "Report", "RiserCompany",
    "RiserSkill", "Salary", "Section", "SeriesPoint", "ShortMove", "ShortVolume", "SkillHistory", "SkillTrend", "SourceQuality",
    "Span", "TitleTrend", "Titles", "TopSkill", "Volume", "VolumeMoves", "WindowCoverage", "WindowSpan", "Windows",
    "YearOverYear", "from_json", "to_json",
]

"""The sandbox board: a deterministic corpus of job postings with planted trends, served over
local HTTP in the real wire formats (Greenhouse, Lever, Ashby, HN Algolia) for the offline demo
and end-to-end tests. See DESIGN.md "The sandbox board"."""

from .corpus import DEFAULT_END, Company, Corpus, Posting, Salary, generate_corpus
from .hn import HNComment, HNStory
from .server import BoardRouter, SandboxBoard
from .trends import PlantedTrend, planted_trends

__all__ = [
    "DEFAULT_END",
    "BoardRouter",
    "Company",
    "Corpus",
    "HNComment",
    "HNStory",
    "PlantedTrend",
    "Posting",
    "Salary",
    "SandboxBoard",
    "generate_corpus",
    "planted_trends",
]

"""Small hand-written landing records and a helper to write them as a crawl would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from contract.posting import new_item
from pipeline.landing import write_meta


def posting(source_id: str, title: str, description_html: str, **fields: Any) -> dict[str, Any]:
    fields.setdefault("company", "Quillstone Analytics")
    fields.setdefault("posted_at", "2026-11-02T09:00:00Z")
    return new_item(
        source="greenhouse",
        source_id=source_id,
        board="quillstone",
        title=title,
        description_html=description_html,
        raw={"id": source_id},
        **fields,
    )


AI_ENGINEER = posting(
    "101", "Senior AI Engineer", "<p>Build RAG pipelines on LLMs.</p><ul><li>Python and SQL</li><li>Docker</li></ul>"
)
DATA_SCIENTIST = posting(
    "102", "Data Scientist, Growth", "<p>Run A/B testing and experiments.</p><p>Python, SQL, statistics.</p>"
)
ML_ENGINEER = posting(
    "103", "Machine Learning Engineer", "<p>Train models with PyTorch; deploy them with Kubernetes and CI/CD.</p>"
)


def write_landing(directory: Path, name: str, lines: list[Any], crawled_at: str = "2026-11-09T06:00:00+00:00") -> Path:
    """A landing file with its sidecar; strings are written verbatim (to plant malformed lines)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.jsonl"
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    write_meta(path, {"source": "greenhouse", "crawled_at": crawled_at})
    return path

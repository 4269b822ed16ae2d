"""The demo warehouse, built without sockets or Scrapy: the sandbox board's router answers the
same API requests the spiders send, the real extractors turn the answers into items, and the
pipeline's own pieces (staged publish, ingest, pipeline run record) load them.

Same corpus, wire formats, normalization and views as `jobpulse demo`, in a few seconds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from crawlers.extractors import extractor
from jobpulse.sandbox import BoardRouter, generate_corpus
from pipeline.ingest import ingest_files
from pipeline.landing import write_meta
from pipeline.publish import staged
from pipeline.run_quality import record_pipeline_run
from warehouse.db import connect

AS_OF = date(2026, 11, 25)
SEED = 7


def landed_items(router: BoardRouter, clock: date) -> dict[str, list[dict]]:
    """Per source, the items a crawl of every sandbox board would land."""
    corpus = router.corpus

    def payload(path: str):
        reply = router.handle(path, clock)
        assert reply.status == 200, path
        return json.loads(reply.body)

    board_paths = {
        "greenhouse": "/v1/boards/{}/jobs?content=true",
        "lever": "/v0/postings/{}?mode=json",
        "ashby": "/posting-api/job-board/{}?includeCompensation=true",
    }
    items = {
        source: [i for t in corpus.boards(source) for i in extractor(source).extract(payload(path.format(t)), t)]
        for source, path in board_paths.items()
    }
    items["hn"] = [
        i
        for story in corpus.hn_threads()
        if story.created_at.date() <= clock
        for i in extractor("hn").extract(payload(f"/api/v1/items/{story.id}"))
    ]
    return items


def write_landing_files(items: dict[str, list[dict]], landing: Path, crawled_at: datetime) -> list[dict]:
    """One landing file per source, as a crawl writes it; returns crawl summaries like crawl()'s."""
    crawls = []
    for source, rows in items.items():
        run_id = f"{crawled_at:%Y%m%dT%H%M%SZ}-demo-{source}"
        path = landing / source / f"{run_id}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(row) + "\n" for row in rows))
        write_meta(path, {"source": source, "crawled_at": crawled_at.isoformat(), "run_id": run_id})
        crawls.append(
            {"source": source, "status": "ok", "items": len(rows), "run_id": run_id, "landing_file": str(path)}
        )
    return crawls


def build_demo_warehouse(directory: Path, *, as_of: date = AS_OF, seed: int = SEED) -> Path:
    """A published warehouse holding one pipeline run over the whole sandbox corpus."""
    router = BoardRouter(generate_corpus(seed=seed, end=as_of))
    crawled_at = datetime.combine(as_of, datetime.min.time(), UTC).replace(hour=6)
    crawls = write_landing_files(landed_items(router, as_of), directory / "landing", crawled_at)
    db_path = directory / "warehouse.duckdb"
    with staged(db_path) as staging:
        con = connect(staging)
        try:
            ingested = [r.__dict__ for r in ingest_files(con, [Path(c["landing_file"]) for c in crawls])]
        finally:
            con.close()
        record_pipeline_run(staging, crawled_at.replace(tzinfo=None), crawls, ingested, "demo-run")
    return db_path

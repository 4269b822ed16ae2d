"""What to crawl: one `SourceSpec` per spider run, read from a sources file or built by the demo."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_SOURCES_FILE = Path(__file__).with_name("sources.toml")
SPIDERS = ("greenhouse", "lever", "ashby", "hn")


@dataclass(frozen=True)
class SourceSpec:
    source: str  # spider name
    boards: tuple[str, ...] = ()
    base_url: str | None = None  # None: the real API host
    args: dict[str, str] = field(default_factory=dict)  # extra spider arguments (-a)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "boards": list(self.boards), "base_url": self.base_url, "args": dict(self.args)}


class SourcesFileError(ValueError):
    pass


def load_sources(path: Path = DEFAULT_SOURCES_FILE) -> list[SourceSpec]:
    """Parse a sources TOML file: `[greenhouse] boards = [...]`, `[hn] enabled = true, since = "2026-01"`."""
    try:
        config = tomllib.loads(Path(path).read_text())
    except FileNotFoundError:
        raise SourcesFileError(f"sources file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourcesFileError(f"sources file {path} is not valid TOML: {exc}") from None
    specs = []
    for name, table in config.items():
        if name not in SPIDERS:
            raise SourcesFileError(f"{path}: unknown source [{name}] (known: {', '.join(SPIDERS)})")
        if not table.get("enabled", True):
            continue
        args = {k: str(v) for k, v in table.items() if k not in ("enabled", "boards", "base_url")}
        specs.append(SourceSpec(name, tuple(table.get("boards", ())), table.get("base_url"), args))
    return specs

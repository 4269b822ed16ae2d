"""Between the typed report and its JSON: `to_json` writes a model as the JSON document, `from_json` reads one back.

The JSON's key order is the dataclasses' field order, so the file a reader sees is fixed by the
model's declaration; a field holding `ABSENT` is left out (a key some sections have and others lack).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any

Json = dict[str, Any]  # a block kept as plain JSON: open-ended (crawl stats, coverage spans) or read by one renderer only


class Absent:
    """The value of a field the JSON does not have (not null: the key is missing)."""

    _instance: Absent | None = None

    def __new__(cls) -> Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT = Absent()


def to_json(value: Any) -> Any:
    """The JSON value of a model (dicts, lists, str, numbers, bool, None), keys in field order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if item is not ABSENT:
                out[field.name] = to_json(item)
        return out
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(kind: Any, value: Any) -> Any:
    """`value` (JSON, or rows built as dicts) as `kind`: dataclasses built field by field, anything else kept as is.

    A key the dataclass does not declare is an error, so the model and the rows that fill it cannot drift apart.
    """
    if value is None or value is ABSENT:
        return value
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        choices = [arg for arg in typing.get_args(kind) if arg not in (type(None), Absent)]
        return from_json(choices[0], value) if len(choices) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [from_json(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(kind)
        return {k: from_json(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind) and isinstance(value, dict):
        hints = _hints(kind)
        unknown = set(value) - set(hints)
        if unknown:
            raise TypeError(f"{kind.__name__} has no field(s) {sorted(unknown)}")
        return kind(**{key: from_json(hints[key], v) for key, v in value.items()})
    return value

"""Between the typed report and its JSON: `to_json` writes a model as the JSON document, `from_json` reads one back.

The JSON's key order is the dataclasses' field order, so the file a reader sees is fixed by the
model's declaration; a field holding `ABSENT` is left out (a key some sections have and others lack).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

Json = dict[
    str, Any
]  # a block kept as plain JSON: open-ended (crawl stats, coverage spans) or read by one renderer only


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


_SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def to_json(value: Any) -> Any:
    """The JSON value of a model (dicts, lists, str, numbers, bool, None), keys in field order."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if dataclasses.is_dataclass(kind):
        out = {}
        for name in _field_names(kind):
            item = getattr(value, name)
            if item is not ABSENT:
                out[name] = to_json(item)
        return out
    if kind is dict:
        return {key: to_json(item) for key, item in value.items()}
    if kind in (list, tuple):
        return [to_json(item) for item in value]
    return value


def from_json(kind: Any, value: Any) -> Any:
    """`value` (JSON, or rows built as dicts) as `kind`: dataclasses built field by field, anything else kept as is.

    A key the dataclass does not declare is an error, so the model and the rows that fill it cannot drift apart.
    """
    return _reader(kind)(value)


def _keep(value: Any) -> Any:
    return value


@cache
def _reader(kind: Any) -> Callable[[Any], Any]:
    """A function reading JSON as `kind`, made once per type (the report has thousands of rows of a few types)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        choices = [arg for arg in typing.get_args(kind) if arg not in (type(None), Absent)]
        inner = _reader(choices[0]) if len(choices) == 1 else _keep
        return lambda value: value if value is None or value is ABSENT else inner(value)
    if origin is list:
        item = _reader(typing.get_args(kind)[0])
        return lambda value: None if value is None else [item(v) for v in value]
    if origin is dict:
        item = _reader(typing.get_args(kind)[1])
        return lambda value: None if value is None else {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        fields: dict[str, Callable[[Any], Any]] = {}  # filled on first use: a Section holds Sections

        def read(value: Any) -> Any:
            if not isinstance(value, dict):
                return value  # already built (e.g. TrendRules)
            if not fields:
                fields.update({name: _reader(hint) for name, hint in typing.get_type_hints(kind).items()})
            unknown = value.keys() - fields.keys()
            if unknown:
                raise TypeError(f"{kind.__name__} has no field(s) {sorted(unknown)}")
            return kind(**{key: fields[key](v) for key, v in value.items()})

        return read
    return _keep

"""Option tables: each engine's and each rule's options are a frozen dataclass, checked at load.

An engine or a rule declares its options as a frozen dataclass whose fields are the keys of
its TOML table (``max_request_chars`` is written ``max-request-chars``; both spellings are
accepted) and whose defaults are the defaults. `parse_options` turns a table into that class,
strictly: an unknown key, a string where a boolean belongs, a value `__post_init__` refuses —
each is one `ConfigError` line naming the file, the table and the key. msgspec does the type
checking, and is imported only when a table has something in it.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")

_AT = re.compile(r"\s*-\s*at\s*`\$(?P<path>[^`]*)`\s*$")


class ConfigError(Exception):
    """A configuration problem; str() is one line naming the file, the table and the key."""


def option_names(cls: type[Any]) -> list[str]:
    """The TOML keys an options class accepts, kebab-case, in declaration order."""
    return [f.name.replace("_", "-") for f in dataclasses.fields(cls) if f.init]


def parse_options(cls: type[T], table: Any, where: str, name: str) -> T:
    """`cls` built from `table`, the TOML table `[name]` of the file `where`.

    `where` is the file (or "command line"), `name` the table's dotted name as the user wrote
    it (``tool.copylint.languagetool``). Raises ConfigError with one line on any problem.
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where}: [{name}] must be a table, not {_kind(table)}")
    if not table:
        return cls()
    known = {f.name: f for f in dataclasses.fields(cls) if f.init}
    data: dict[str, Any] = {}
    for key, value in table.items():
        field_name = str(key).replace("-", "_")
        if field_name not in known:
            hint = difflib.get_close_matches(str(key), option_names(cls), n=1)
            also = f"; did you mean {hint[0]!r}?" if hint else ""
            listing = ", ".join(option_names(cls)) or "none"
            raise ConfigError(
                f"{where}: [{name}] unknown key {str(key)!r}{also} (known: {listing})"
            )
        if field_name in data:
            raise ConfigError(f"{where}: [{name}] {key!r} is given twice (dashes and underscores)")
        data[field_name] = value

    import msgspec

    try:
        return msgspec.convert(data, cls, strict=True)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{where}: [{name}] {_explain(str(exc))}") from None


def _explain(message: str) -> str:
    """msgspec's "Expected `bool`, got `str` - at `$.picky`" as "picky: expected a boolean…"."""
    found = _AT.search(message)
    text = _AT.sub("", message)
    for raw, nice in (
        ("`bool`", "true or false"),
        ("`str`", "a string"),
        ("`int`", "a whole number"),
        ("`float`", "a number"),
        ("`array`", "a list"),
        ("`object`", "a table"),
        ("`null`", "nothing"),
        ("`int | float`", "a number"),
    ):
        text = text.replace(raw, nice)
    text = text[:1].lower() + text[1:]
    if found is None:
        return text
    path = found["path"].lstrip(".")
    key = re.sub(r"^([A-Za-z_0-9]+)", lambda m: m[1].replace("_", "-"), path)
    return f"{key}: {text}" if key else text


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__

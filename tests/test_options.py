"""Option tables are checked strictly at load, one line naming the file, table and key."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from copylint.options import ConfigError, option_names, parse_options


@dataclass(frozen=True)
class _Options:
    url: str | None = None
    picky: bool = False
    disable: tuple[str, ...] = ()
    max_request_chars: int = 50_000
    prefer: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.max_request_chars < 100:
            raise ValueError("max-request-chars must be at least 100")


def _parse(table: object) -> _Options:
    return parse_options(_Options, table, "pyproject.toml", "tool.copylint.x")


def test_an_empty_table_gives_the_defaults() -> None:
    assert _parse({}) == _Options()


def test_values_of_the_right_types_are_taken_with_either_spelling() -> None:
    got = _parse({"picky": True, "disable": ["A", "B"], "max_request_chars": 200})
    assert got == _Options(picky=True, disable=("A", "B"), max_request_chars=200)
    assert _parse({"max-request-chars": 300}).max_request_chars == 300


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"bogus": 1}, "[tool.copylint.x] unknown key 'bogus' (known: url, picky, disable,"),
        ({"pickey": True}, "unknown key 'pickey'; did you mean 'picky'?"),
        ({"picky": "false"}, "[tool.copylint.x] picky: expected true or false, got a string"),
        ({"disable": "A"}, "disable: expected a list, got a string"),
        ({"max-request-chars": 5}, "max-request-chars must be at least 100"),
        ({"prefer": {"email": 1}}, "prefer"),
        ([1, 2], "[tool.copylint.x] must be a table, not a list"),
        ({"max-request-chars": 200, "max_request_chars": 300}, "is given twice"),
    ],
)
def test_each_problem_is_one_line_naming_the_file_table_and_key(
    table: object, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        _parse(table)
    message = str(caught.value)
    assert message.startswith("pyproject.toml: [tool.copylint.x] ")
    assert expected in message
    assert "\n" not in message


def test_option_names_are_kebab_case() -> None:
    assert option_names(_Options) == ["url", "picky", "disable", "max-request-chars", "prefer"]

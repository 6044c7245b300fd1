"""The engines table: one row per engine, read by config, merge, cache, catalog and schema."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import copylint
from copylint import cache, catalog, config, merge, pipeline
from copylint.cli import cli
from copylint.config import Config, Selection, from_mapping
from copylint.diagnostics import Applicability, Category, Severity
from copylint.document.model import Document
from copylint.engines import all_engines
from copylint.engines.all_engines import ENGINES, EngineSpec
from copylint.engines.base import EngineContext, Finding, RuleInfo
from copylint.options import ConfigError

PACKAGE = Path(copylint.__file__).parent


def test_each_row_names_its_engine_and_fits_the_report_schema() -> None:
    schema = json.loads((PACKAGE / "schemas" / "report-v1.schema.json").read_text())
    diagnostic = schema["$defs"]["diagnostic"]["properties"]
    for name, spec in ENGINES.items():
        assert spec.name == name
        assert spec.factory(Config()).name == name
        assert re.fullmatch(diagnostic["engine"]["pattern"], name)
        assert all(info.engine == name for info in spec.rules(Config()))
    assert len({spec.priority for spec in ENGINES.values()}) == len(ENGINES)


@pytest.mark.parametrize(
    "path",
    ["config.py", "merge.py", "cache.py", "catalog.py", "pipeline.py", "runner.py", "fixes.py"],
)
def test_no_engine_is_named_outside_the_table_and_its_module(path: str) -> None:
    source = (PACKAGE / path).read_text(encoding="utf-8")
    for name in ENGINES:
        assert not re.search(rf"[\"']{name}[\"'/]", source), f"{path} names the {name} engine"
    schema = (PACKAGE / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8")
    assert not any(f'"{name}"' in schema for name in ENGINES)


def test_a_first_party_engine_that_fails_to_import_fails_loudly() -> None:
    """No try/except ImportError hides a broken engine: the command itself fails."""
    code = (
        "import sys; sys.modules['copylint.engines.proselint'] = None\n"
        "from copylint.cli import main\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode != 0
    assert "copylint.engines.proselint" in run.stderr


# An engine added in one place: a row in ENGINES (and its own module, here this test).

ECHO = "echo"


@dataclass(frozen=True)
class EchoOptions:
    word: str = "zebra"


class EchoEngine:
    name = ECHO

    def __init__(self, options: EchoOptions) -> None:
        self.word = options.word

    def rules(self) -> Iterable[RuleInfo]:
        return [RuleInfo(f"{ECHO}/word", Category.STYLE, Severity.INFO, Applicability.UNSAFE, "")]

    def check(self, doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        for block in doc.blocks:
            at = block.text.find(self.word)
            if at >= 0:
                yield Finding.replace(
                    block,
                    (at, at + len(self.word)),
                    self.word.upper(),
                    applicability=Applicability.UNSAFE,
                    rule=f"{ECHO}/word",
                    message=f"Found {self.word}.",
                )

    def shared_options(self) -> None:
        return None

    def close(self) -> None:
        pass


@pytest.fixture
def echo(monkeypatch: pytest.MonkeyPatch) -> EngineSpec:
    spec = EngineSpec(
        name=ECHO,
        priority=len(ENGINES),
        options=EchoOptions,
        factory=lambda c: EchoEngine(c.options_of(ECHO)),
        version=lambda c: "1.0",
        rules=lambda c: EchoEngine(c.options_of(ECHO)).rules(),
    )
    monkeypatch.setitem(ENGINES, ECHO, spec)  # type: ignore[arg-type]
    return spec


def test_a_new_engine_is_configured_run_merged_cached_and_listed_from_its_row(
    echo: EngineSpec,
) -> None:
    loaded = from_mapping({"select": ["house", ECHO], ECHO: {"word": "lake"}}, Path("x.toml"))
    assert loaded.options_of(ECHO) == EchoOptions(word="lake")
    with pytest.raises(ConfigError, match=r"x.toml: \[echo\] unknown key 'wrd'"):
        from_mapping({ECHO: {"wrd": "lake"}}, Path("x.toml"))

    linter = pipeline.Linter(loaded)
    assert [e.name for e in linter.engines] == ["house", ECHO]
    found = linter.lint("a.md", "We saw the the lake.\n")
    assert [d.rule for d in found] == ["house/duplicated-word", f"{ECHO}/word"]
    assert all_engines.priority(ECHO) > all_engines.priority("house")
    assert merge.merge(found) == found
    assert cache.engine_versions(loaded)[ECHO] == "1.0"
    assert f"{ECHO}/word" in {i.id for i in catalog.all_rules(loaded)}
    assert config.known_keys() >= {ECHO}


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            "[tool.copylint.languagetool]\nbogus = 1\n",
            "[tool.copylint.languagetool] unknown key 'bogus'",
        ),
        (
            '[tool.copylint.languagetool]\npicky = "false"\n',
            "[tool.copylint.languagetool] picky: expected true or false, got a string",
        ),
        ("[tool.copylint.languagetool]\ntimeout = -1\n", "timeout: must be more than 0 seconds"),
        ('[tool.copylint.languagetool]\nheap = "lots"\n', "heap: expected a Java heap size"),
        ('[tool.copylint.languagetool]\ndisable = "EN_QUOTES"\n', "disable: expected a list"),
        ("[tool.copylint.proselint]\nbogus = 1\n", "[tool.copylint.proselint] unknown key"),
        (
            '[tool.copylint.proselint]\nenable = ["uncomparable"]\n',
            "enable: no proselint check 'uncomparable'; did you mean 'uncomparables'?",
        ),
    ],
)
def test_every_engine_table_is_checked_before_any_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, expected: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--select", "house", "missing.md"], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    line = result.output.strip()
    assert "\n" not in line
    assert line.startswith(f"copylint: {tmp_path / 'pyproject.toml'}: "), line
    assert "missing.md" not in line  # the config is refused before any file is looked at
    assert expected in line


def test_proselint_options_turn_checks_on_and_off() -> None:
    from copylint.document import read_document
    from copylint.engines.proselint import Options, ProselintEngine

    doc = read_document("a.txt", "It was very unique.\n")
    ctx = EngineContext(is_selected=Selection(("proselint",), ()).is_selected)

    def rules(engine: ProselintEngine) -> set[str]:
        return {f.rule or "" for f in engine.check(doc, ctx)}

    assert "proselint/uncomparables" not in rules(ProselintEngine())  # off by default
    enabled = ProselintEngine(Options.parse({"enable": ["proselint/uncomparables"]}))
    assert "proselint/uncomparables" in rules(enabled)
    assert {r.id: r.enabled for r in enabled.rules()}["proselint/uncomparables"]
    both = Options.parse({"enable": ["uncomparables"], "disable": ["uncomparables"]})
    assert "proselint/uncomparables" not in rules(ProselintEngine(both))  # disable wins
    typography = ProselintEngine(Options.parse({"disable": ["typography"]}))
    assert not any(r.enabled for r in typography.rules() if r.id.startswith("proselint/typo"))


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            '[tool.copylint.rules.dates-format]\ndate-format = "xyz"\n',
            "[tool.copylint.rules.dates-format] date-format: expected one of mdy, dmy, iso, not 'xyz'",
        ),
        (
            '[tool.copylint.rules.dates]\nnumeric-order = "iso"\n',
            "[tool.copylint.rules.dates] numeric-order: expected one of mdy, dmy",
        ),
        (
            '[tool.copylint.rules.date-format]\ndate-format = "dmy"\n',
            "[tool.copylint.rules.date-format] no house rule takes options by that name; "
            "did you mean [tool.copylint.rules.dates-format]?",
        ),
        (
            "[tool.copylint.rules.consistency]\npreferred = {}\n",
            "[tool.copylint.rules.consistency] unknown key 'preferred'; did you mean 'prefer'?",
        ),
        (
            '[tool.copylint.rules.consistency]\nspelling = "en-AU"\n',
            "[tool.copylint.rules.consistency] spelling: expected 'en-GB' or 'en-US'",
        ),
        (
            "[tool.copylint.rules.consistency]\nprefer = {email = 1}\n",
            "[tool.copylint.rules.consistency] prefer",
        ),
        (
            '[tool.copylint.rules.utilize]\nx = "y"\n',
            "[tool.copylint.rules.utilize] no house rule takes options by that name",
        ),
    ],
)
def test_every_rule_table_is_checked_before_any_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, expected: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--select", "house", "missing.md"], catch_exceptions=False
    )
    assert result.exit_code == 2, result.output
    line = result.output.strip()
    assert "\n" not in line
    assert line.startswith(f"copylint: {tmp_path / 'pyproject.toml'}: "), line
    assert expected in line
    assert "missing.md" not in line


def test_rule_options_reach_every_rule_that_reads_their_table(tmp_path: Path) -> None:
    toml = (
        '[tool.copylint.rules.consistency]\nprefer = { "email" = "email" }\n\n'
        '[tool.copylint.rules.dates-format]\ndate-format = "dmy"\n'
    )
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    loaded = config.load_config(tmp_path / "pyproject.toml")
    linter = pipeline.Linter(loaded)
    text = "Send an e-mail. Her e-mail and an email came on September 21, 2021 and 22 September 2021.\n"
    found = {(d.rule, d.fix.edits[0].text if d.fix else None) for d in linter.lint("a.md", text)}
    assert ("house/consistency/compounds", "email") in found
    assert ("house/dates-format", "21 September 2021") in found

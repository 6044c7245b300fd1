"""Security: nothing in an article or a rule file is executed; a hostile regex is stopped by the
timeout; writes never follow a link out of the tree (test_atomic_writes.py); LanguageTool
listens on loopback only (test_languagetool_faults.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from copylint.house.kinds import REGEX_TIMEOUT

DOUBLED = "Paris in the the spring.\n"  # one safe-fixable house/duplicated-word
Check = Callable[..., Result]  # the `check` fixture of conftest.py


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


CANARY = "copylint-was-here"

PAYLOADS = [
    "!!python/object/apply:os.system ['touch {canary}']",
    "!!python/object/new:subprocess.Popen [['touch', '{canary}']]",
    '!!python/object/apply:builtins.exec [\'open("{canary}", "w").close()\']',
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_in_front_matter_are_not_executed(
    check: Check, tmp_path: Path, payload: str
) -> None:
    canary = tmp_path / CANARY
    article = tmp_path / "a.md"
    article.write_text(
        f"---\ntitle: x\nhook: {payload.format(canary=canary)}\n---\n\n{DOUBLED}", "utf-8"
    )
    result = check("--fix", "a.md")
    assert not canary.exists()
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "a.md: front matter does not parse" in line
    assert "Paris in the the spring." in article.read_text("utf-8")  # refused, not edited


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_tags_in_rule_files_are_not_executed(
    check: Check, tmp_path: Path, payload: str
) -> None:
    canary = tmp_path / CANARY
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "hostile.yaml").write_text(
        "name: hostile\nkind: existence\n"
        f"message: {payload.format(canary=canary)}\n"
        'why: "x"\ntokens: [foo]\n'
        'examples:\n  - {bad: "a <<foo>> b"}\n  - good: "b"\n',
        encoding="utf-8",
    )
    (tmp_path / ".copylint.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("A foo here.\n", encoding="utf-8")
    result = check("a.md")
    assert not canary.exists()
    assert result.exit_code in (1, 2), result.output  # loaded as a plain string, or refused
    assert "Traceback" not in result.output


def test_python_tags_in_the_config_are_inert(check: Check, tmp_path: Path) -> None:
    canary = tmp_path / CANARY
    (tmp_path / ".copylint.toml").write_text(
        f"vocabulary = [\"!!python/object/apply:os.system ['touch {canary}']\"]\n", "utf-8"
    )
    (tmp_path / "a.md").write_text(DOUBLED, encoding="utf-8")
    check("a.md")
    assert not canary.exists()


HOSTILE = "(a|aa)+$"  # catastrophic backtracking, even for the `regex` engine


def test_hostile_regex_in_a_rule_file_is_stopped_by_the_timeout(
    check: Check, tmp_path: Path
) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "redos.yaml").write_text(
        'name: redos\nkind: existence\nmessage: "Avoid {match}."\nwhy: "x"\n'
        f'patterns:\n  - "{HOSTILE}"\n'
        'examples:\n  - {bad: "b <<a>>"}\n  - good: "b"\n',
        encoding="utf-8",
    )
    (tmp_path / ".copylint.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")
    (tmp_path / "evil.md").write_text("Look: " + "a" * 80 + "!\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(DOUBLED, encoding="utf-8")
    began = time.monotonic()
    result = check("--format", "json", "evil.md", "ok.md")
    assert time.monotonic() - began < 10 * REGEX_TIMEOUT + 10
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    (line,) = stderr_lines(result)
    assert "evil.md:" in line and "redos.yaml:6: house/redos: pattern took more than" in line
    assert '"house/duplicated-word"' in result.stdout  # the other file is still checked


def test_fix_never_writes_outside_the_tree_through_a_symlinked_folder(
    check: Check, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text(DOUBLED, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "elsewhere").symlink_to(outside, target_is_directory=True)
    result = check("--fix", "tree")
    assert result.exit_code == 2
    assert (outside / "x.md").read_text("utf-8") == DOUBLED
    assert "not fixed" in result.stderr


def test_no_eval_exec_or_unsafe_yaml_in_the_code() -> None:
    """A guard against regressions: the code base never evaluates text or loads YAML unsafely."""
    import re

    root = Path(__file__).parents[2] / "copylint"
    banned = re.compile(
        r"\b(eval|exec)\(|yaml\.load\((?![^)]*Loader=(?:yaml\.)?(?:C?Safe|C?Base)Loader)"
        r"|yaml\.unsafe_load|yaml\.full_load|pickle\.loads?\(|shell=True|__import__\("
    )
    found = [
        f"{p.relative_to(root)}:{i}: {line.strip()}"
        for p in root.rglob("*.py")
        for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if banned.search(line)
    ]
    assert found == []

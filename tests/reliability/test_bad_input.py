"""Bad input through the CLI: a one-line message naming the file, a documented exit status, and
the other files still checked."""

from __future__ import annotations

import codecs
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from pytest import MonkeyPatch

from copylint.sources import expand as real_expand

DOUBLED = "Paris in the the spring.\n"  # one safe-fixable house/duplicated-word
Check = Callable[..., Result]  # the `check` fixture of conftest.py


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def _ok(tmp_path: Path) -> Path:
    """A sound article beside the bad one: its finding proves the run went on."""
    p = tmp_path / "ok.md"
    p.write_text(DOUBLED, encoding="utf-8")
    return p


def _files(stdout: str) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for f in json.loads(stdout)["files"]}


def _one_line_error(result_stderr: str, name: str, cause: str) -> None:
    lines = [line for line in result_stderr.splitlines() if name in line]
    assert len(lines) == 1, result_stderr
    assert cause in lines[0], lines[0]
    assert "Traceback" not in result_stderr


@pytest.mark.parametrize(
    ("name", "data", "cause"),
    [
        ("bad.md", b"Hello \xff world\n", "invalid UTF-8 at byte offset 6 (byte 0xff)"),
        ("cut.md", "Caf\u00e9".encode()[:-1] + b"\n", "invalid UTF-8 at byte offset 3"),
        ("nul.md", b"Text\x00more\n", "binary file (NUL byte at byte offset 4)"),
        ("bad16.md", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8", "invalid UTF-16-LE at byte offset"),
        ("fm.md", b"---\ntitle: [unclosed\n---\nBody.\n", "front matter does not parse"),
        ("open.md", b"---\ntitle: Lost\n\nBody the the text.\n", "front matter opened by ---"),
        ("open.md", b"+++\ntitle = 'Lost'\n\nBody text.\n", "front matter opened by +++"),
        ("py.md", b"---\nx: !!python/object/apply:os.system [echo]\n---\nA.\n", "front matter"),
    ],
)
def test_unreadable_file_is_one_line_exit_2_and_the_run_goes_on(
    check: Check, tmp_path: Path, name: str, data: bytes, cause: str
) -> None:
    (tmp_path / name).write_bytes(data)
    _ok(tmp_path)
    result = check("--format", "json", name, "ok.md")
    assert result.exit_code == 2, result.output
    _one_line_error(result.stderr, name, cause)
    files = _files(result.stdout)
    assert files[name]["error"] and not files[name]["diagnostics"]
    assert len(files["ok.md"]["diagnostics"]) == 1


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_file_with_a_bom_is_decoded_and_fixed_in_its_own_encoding(
    check: Check, tmp_path: Path, bom: bytes, encoding: str
) -> None:
    p = tmp_path / "bom.md"
    p.write_bytes(bom + "Caf\u00e9 in the the spring.\r\n".encode(encoding))
    result = check("--format", "json", "bom.md")
    assert result.exit_code == 1, result.output
    (d,) = _files(result.stdout)["bom.md"]["diagnostics"]
    assert d["rule"] == "house/duplicated-word"
    assert check("--fix", "bom.md").exit_code == 0
    assert p.read_bytes() == bom + "Caf\u00e9 in the spring.\r\n".encode(encoding)


def test_ten_thousand_characters_without_a_space(check: Check, tmp_path: Path) -> None:
    (tmp_path / "long.md").write_text("a" * 10_000 + "\n\n" + "b" * 10_000, encoding="utf-8")
    (tmp_path / "long.txt").write_text("x" * 10_000 + " the the end\n", encoding="utf-8")
    began = time.monotonic()
    result = check("--format", "json", "long.md", "long.txt")
    assert time.monotonic() - began < 20
    assert result.exit_code == 1, result.output
    files = _files(result.stdout)
    assert files["long.md"]["diagnostics"] == []
    assert len(files["long.txt"]["diagnostics"]) == 1


DEEP = 1_000

NESTED: dict[str, str] = {
    "lists.md": "".join("  " * i + "- item the the\n" for i in range(DEEP)),
    "ordered.md": "".join("   " * i + "1. item\n" for i in range(DEEP)),
    "quotes.md": ">" * DEEP + " deep quote\n",
    "quote-lines.md": "".join(">" * i + " line\n" for i in range(1, DEEP + 1)),
    "mixed.md": "".join("  " * i + ("- " if i % 2 else "> ") + "x\n" for i in range(DEEP)),
    "emphasis.md": "*" * DEEP + "word" + "*" * DEEP + "\n",
    "links.md": "[" * DEEP + "text" + "](u)" * DEEP + "\n",
    "brackets.md": "[" * 10_000 + "\n",
    "backticks.md": "`" * 10_000 + " code\n",
    "html.md": "<div>" * DEEP + "Text" + "</div>" * DEEP + "\n",
    "divs.html": "<div>" * 10_000 + "<p>Deep text.</p>" + "</div>" * 10_000,
    "unclosed.html": "<p>One <b>two <i>three <div>four the the</span></p></p></ul>\n" * 50,
    "tables.md": "|" * 5_000 + "\n|" + "-|" * 2_500 + "\n",
    "footnotes.md": "".join(f"[^{i}]: note [^{i + 1}]\n" for i in range(DEEP)),
}


@pytest.mark.parametrize("name", sorted(NESTED))
def test_deep_nesting_does_not_crash(check: Check, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(NESTED[name], encoding="utf-8")
    _ok(tmp_path)
    began = time.monotonic()
    result = check("--format", "json", name, "ok.md")
    assert time.monotonic() - began < 30, name
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    files = _files(result.stdout)
    assert files[name]["error"] is None
    assert len(files["ok.md"]["diagnostics"]) == 1


def test_deep_nesting_keeps_the_recursion_limit(check: Check, tmp_path: Path) -> None:
    """A low recursion limit must not matter either: nothing recurses per nesting level."""
    (tmp_path / "lists.md").write_text(NESTED["lists.md"], encoding="utf-8")
    (tmp_path / "divs.html").write_text(NESTED["divs.html"], encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        result = check("lists.md", "divs.html")
    finally:
        sys.setrecursionlimit(limit)
    assert result.exit_code in (0, 1), result.output


def test_unterminated_code_fence_is_code_to_the_end(check: Check, tmp_path: Path) -> None:
    p = tmp_path / "fence.md"
    p.write_text("Prose with with a slip.\n\n```python\nx = 'the the'\nmore more\n", "utf-8")
    result = check("--format", "json", "fence.md")
    (d,) = _files(result.stdout)["fence.md"]["diagnostics"]
    assert d["start"]["line"] == 1
    assert check("--fix", "fence.md").exit_code == 0
    assert p.read_text("utf-8") == "Prose with a slip.\n\n```python\nx = 'the the'\nmore more\n"


def test_thematic_break_at_the_top_is_still_markdown(check: Check, tmp_path: Path) -> None:
    (tmp_path / "hr.md").write_text("---\n\nThe the start.\n", encoding="utf-8")
    (tmp_path / "hr2.md").write_text("---\n", encoding="utf-8")
    result = check("--format", "json", "hr.md", "hr2.md")
    assert result.exit_code == 1, result.output
    assert len(_files(result.stdout)["hr.md"]["diagnostics"]) == 1


def test_config_with_a_syntax_error(check: Check, tmp_path: Path) -> None:
    _ok(tmp_path)
    (tmp_path / ".copylint.toml").write_text("select = [\n", encoding="utf-8")
    result = check("ok.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert ".copylint.toml: invalid TOML" in line
    (tmp_path / ".copylint.toml").unlink()
    (tmp_path / "other.toml").write_text("[tool.copylint\n", encoding="utf-8")
    result = check("--config", "other.toml", "ok.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "other.toml: invalid TOML" in line


def test_pyproject_with_a_broken_copylint_table_is_an_error(check: Check, tmp_path: Path) -> None:
    _ok(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.copylint]\nselect = ["house"\n', "utf-8")
    result = check("ok.md", house=False)
    assert result.exit_code == 2
    assert "pyproject.toml: invalid TOML" in result.stderr


def _rule(tmp_path: Path, body: str) -> None:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "broken.yaml").write_text(body, encoding="utf-8")
    (tmp_path / ".copylint.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")


RULE_HEAD = 'name: broken\nkind: existence\nmessage: "Avoid {match}."\nwhy: "x"\n'
RULE_TAIL = 'examples:\n  - {bad: "a <<foo>> b"}\n  - good: "b"\n'


def test_rule_file_with_a_bad_regex_names_rule_and_line(check: Check, tmp_path: Path) -> None:
    _ok(tmp_path)
    _rule(tmp_path, RULE_HEAD + 'patterns:\n  - "fine"\n  - "foo(bar"\n' + RULE_TAIL)
    result = check("ok.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "broken.yaml:7: house/broken: bad regular expression 'foo(bar'" in line


def test_rule_file_with_a_yaml_error_names_the_line(check: Check, tmp_path: Path) -> None:
    _ok(tmp_path)
    _rule(tmp_path, RULE_HEAD + "patterns: [unclosed\n" + RULE_TAIL)
    result = check("ok.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "broken.yaml:" in line and "Traceback" not in result.output


def test_folder_with_symlink_loops_checks_each_article_once(check: Check, tmp_path: Path) -> None:
    top = tmp_path / "articles"
    (top / "a" / "b").mkdir(parents=True)
    (top / "one.md").write_text(DOUBLED, encoding="utf-8")
    (top / "a" / "b" / "two.md").write_text(DOUBLED, encoding="utf-8")
    (top / "a" / "b" / "up").symlink_to(top)
    (top / "a" / "self").symlink_to(top / "a")
    (top / "dangling.md").symlink_to(tmp_path / "gone.md")
    (top / "self.md").symlink_to(top / "self.md")  # a link to itself: ELOOP
    result = check("--format", "json", "articles")
    assert result.exit_code == 2, result.output
    files = json.loads(result.stdout)["files"]
    found = sorted(Path(f["path"]).name for f in files if not f["error"])
    assert found == ["one.md", "two.md"]
    errors = {Path(f["path"]).name: f["error"] for f in files if f["error"]}
    assert set(errors) == {"dangling.md", "self.md"}
    assert "no such file" in errors["dangling.md"]


def test_file_that_disappears_during_the_run(
    check: Check, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    (tmp_path / "gone.md").write_text(DOUBLED, encoding="utf-8")
    _ok(tmp_path)

    def expand_then_delete(paths: list[str]) -> Iterator[tuple[str, str | None]]:
        for path, problem in real_expand(paths):
            yield path, problem
            if path == "gone.md":
                os.unlink(path)  # gone between finding the file and reading it

    monkeypatch.setattr("copylint.runner.expand", expand_then_delete)
    result = check("--format", "json", "gone.md", "ok.md")
    assert result.exit_code == 2
    _one_line_error(result.stderr, "gone.md", "no such file")
    assert len(_files(result.stdout)["ok.md"]["diagnostics"]) == 1


def test_file_replaced_by_a_folder_during_the_run(
    check: Check, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    (tmp_path / "turns.md").write_text(DOUBLED, encoding="utf-8")

    def expand_then_swap(paths: list[str]) -> Iterator[tuple[str, str | None]]:
        for path, problem in real_expand(paths):
            yield path, problem
            os.unlink(path)
            os.mkdir(path)

    monkeypatch.setattr("copylint.runner.expand", expand_then_swap)
    result = check("--fix", "turns.md")
    assert result.exit_code == 2
    _one_line_error(result.stderr, "turns.md", "is a directory")


def test_special_files_in_a_folder_are_skipped_not_waited_on(check: Check, tmp_path: Path) -> None:
    top = tmp_path / "articles"
    top.mkdir()
    os.mkfifo(top / "pipe.md")
    (top / "ok.md").write_text(DOUBLED, encoding="utf-8")
    result = check("--format", "json", "articles")
    assert result.exit_code == 1, result.output
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["ok.md"]


def test_named_device_is_an_error(check: Check) -> None:
    result = check("/dev/zero")
    assert result.exit_code == 2
    _one_line_error(result.stderr, "/dev/zero", "not a regular file")


def test_path_with_spaces_and_non_ascii(check: Check, tmp_path: Path) -> None:
    folder = tmp_path / "Dossier d’été" / "Zürich 2026"
    folder.mkdir(parents=True)
    p = folder / "Résumé des débats — 東京.md"
    p.write_text(DOUBLED, encoding="utf-8")
    (folder / "naïve bad.md").write_bytes(b"\xc3(\n")
    result = check("Dossier d’été")
    assert result.exit_code == 2
    assert "Résumé des débats — 東京.md:1:14" in result.stdout
    _one_line_error(result.stderr, "naïve bad.md", "invalid UTF-8 at byte offset 0")
    assert check("--fix", str(p)).exit_code == 0
    assert p.read_text("utf-8") == "Paris in the spring.\n"


def test_empty_and_bom_only_files(check: Check, tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bom.md").write_bytes(codecs.BOM_UTF8)
    (tmp_path / "blank.txt").write_bytes(b"\r\n\n \t\r")
    (tmp_path / "cr.txt").write_bytes(b"Old Mac\rline the the end\r")
    result = check("--format", "json", "empty.md", "bom.md", "blank.txt", "cr.txt")
    assert result.exit_code == 1, result.output
    files = _files(result.stdout)
    assert [len(files[n]["diagnostics"]) for n in sorted(files)] == [0, 0, 1, 0]
    assert check("--fix", "cr.txt").exit_code == 0
    assert (tmp_path / "cr.txt").read_bytes() == b"Old Mac\rline the end\r"


def test_stdin_with_invalid_utf8(tmp_path: Path, monkeypatch: MonkeyPatch) -> None:
    from click.testing import CliRunner

    from copylint.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["check", "--select", "house", "--stdin-filename", "in.md", "-"], input=b"ok \xfe\n"
    )
    assert result.exit_code == 2
    _one_line_error(result.stderr, "in.md", "invalid UTF-8 at byte offset 3")


@pytest.mark.slow
def test_fifty_megabyte_file_completes_with_sane_memory(tmp_path: Path) -> None:
    import subprocess

    import psutil

    para = (
        "The council met on Tuesday, and the mayor said the budget would hold until spring.\n" * 5
        + "See [the minutes](https://example.org/minutes) and `budget.xlsx` for the figures.\n\n"
    )
    size = 50 * 1024 * 1024
    p = tmp_path / "huge.md"
    p.write_text(para * (size // len(para)) + "The the end.\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text(DOUBLED, encoding="utf-8")
    exe = Path(sys.executable).with_name("copylint")
    proc = psutil.Popen(
        [
            str(exe),
            "check",
            "--select",
            "house",
            "--no-cache",
            "--format",
            "json",
            "huge.md",
            "ok.md",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    began = time.monotonic()
    while proc.poll() is None:
        try:
            peak = max(peak, proc.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
        assert time.monotonic() - began < 600, "50 MB took more than 10 minutes"
    out, err = proc.communicate()
    assert proc.returncode == 1, err.decode()
    files = _files(out.decode())
    assert [d["rule"] for d in files["huge.md"]["diagnostics"]] == ["house/duplicated-word"]
    assert len(files["ok.md"]["diagnostics"]) == 1
    # The file is 50 MB of text; Python holds it as str, the prose view and the source map.
    assert peak < 40 * size, f"peak RSS {peak / 2**20:.0f} MB for a 50 MB file"
    print(f"\n50 MB file: {time.monotonic() - began:.1f} s, peak RSS {peak / 2**20:.0f} MB")

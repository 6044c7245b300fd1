"""The command line through click's CliRunner: exit codes, formats, fixes and bad input."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from copylint.cli import cli

HOUSE = ["--select", "house"]
ARTICLE = "# Spring\n\nParis in the the spring is **lovely**.\n\nRun `make make` first.\n"


def schema() -> dict[str, object]:
    text = resources.files("copylint").joinpath("schemas/report-v1.schema.json").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8", newline="")
    return p


def test_clean_file_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", "A clean sentence.\n")
    result = runner.invoke(cli, ["check", *HOUSE, str(p)])
    assert result.exit_code == 0, result.output
    assert "No problems found in 1 file." in result.output


def test_findings_exit_1_with_inline_fix(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", ARTICLE)
    result = runner.invoke(cli, ["check", *HOUSE, str(p)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert f"{p}:3:14: warning house/duplicated-word" in result.output
    assert "Paris in the[- the-] spring" in result.output
    assert "Found 1 problem in 1 file (1 fixable with --fix)." in result.output


def test_json_matches_the_schema_and_offsets(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", ARTICLE)
    result = runner.invoke(cli, ["check", *HOUSE, "--format", "json", str(p)])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    jsonschema.validate(doc, schema())
    (d,) = doc["files"][0]["diagnostics"]
    assert ARTICLE[d["start"]["offset"] : d["end"]["offset"]] == "the"
    assert (d["start"]["line"], d["start"]["column"]) == (3, 14)
    assert d["fix"] == {
        "title": "Remove the second “the”",
        "applicability": "safe",
        "edits": [{"start": 22, "end": 26, "replacement": ""}],
    }
    assert doc["summary"] == {"files": 1, "diagnostics": 1, "fixable": 1}


def test_fix_writes_only_safe_fixes_and_keeps_crlf_and_bom(
    runner: CliRunner, tmp_path: Path
) -> None:
    raw = "\ufeffIt was the the end.\r\nCyber-attacks rose.\r\nThe cyberattacks  grew.\r\n".encode()
    p = write(tmp_path, "a.txt", raw)
    result = runner.invoke(cli, ["check", *HOUSE, "--fix", str(p)])
    assert result.exit_code == 1, result.output  # the unsafe one (a tie) remains
    assert (
        p.read_bytes()
        == "\ufeffIt was the end.\r\nCyber-attacks rose.\r\nThe cyberattacks grew.\r\n".encode()
    )
    result = runner.invoke(cli, ["check", *HOUSE, "--fix", "--unsafe-fixes", str(p)])
    assert (
        p.read_bytes()
        == "\ufeffIt was the end.\r\nCyber-attacks rose.\r\nThe cyber-attacks grew.\r\n".encode()
    )
    assert result.exit_code == 0, result.output


def test_fix_never_edits_code_or_front_matter(runner: CliRunner, tmp_path: Path) -> None:
    text = "---\ntitle: the the\n---\nThe the end.\n\n```\nthe the\n```\n"
    p = write(tmp_path, "a.md", text)
    runner.invoke(cli, ["check", *HOUSE, "--fix", str(p)])
    assert p.read_text() == "---\ntitle: the the\n---\nThe end.\n\n```\nthe the\n```\n"


def test_diff_prints_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", ARTICLE)
    result = runner.invoke(cli, ["check", *HOUSE, "--diff", str(p)])
    assert result.exit_code == 1
    assert "-Paris in the the spring is **lovely**." in result.output
    assert "+Paris in the spring is **lovely**." in result.output
    assert p.read_text() == ARTICLE


def test_unchanged_file_is_not_rewritten(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", "Clean text.\n")
    before = p.stat().st_mtime_ns
    runner.invoke(cli, ["check", *HOUSE, "--fix", str(p)])
    assert p.stat().st_mtime_ns == before


def test_stdin_with_filename_picks_the_reader(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["check", *HOUSE, "--format", "json", "--stdin-filename", "x.html", "-"],
        input="<p>The <b>the</b> end</p><pre>the the</pre>",
    )
    doc = json.loads(result.output)
    assert doc["files"][0]["path"] == "x.html"
    assert len(doc["files"][0]["diagnostics"]) == 1


def test_stdin_fix_prints_the_fixed_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", *HOUSE, "--fix", "-"], input="The the end.\n")
    assert result.output == "The end.\n"


def test_bad_inputs_are_one_line_each_and_the_run_goes_on(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = write(tmp_path, "good.md", "The the end.\n")
    bad_utf8 = write(tmp_path, "bad.md", b"ok \xff\xfe no")
    binary = write(tmp_path, "bin.md", b"\x00\x01\x02")
    empty = write(tmp_path, "empty.md", "")
    result = runner.invoke(
        cli,
        [
            "check",
            *HOUSE,
            "--format",
            "json",
            str(good),
            str(bad_utf8),
            str(binary),
            str(empty),
            str(tmp_path / "missing.md"),
        ],
    )
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    by_path = {f["path"]: f for f in doc["files"]}
    assert len(by_path[str(good)]["diagnostics"]) == 1
    assert "invalid UTF-8 at byte offset 3" in by_path[str(bad_utf8)]["error"]
    assert "binary" in by_path[str(binary)]["error"]
    assert by_path[str(empty)] == {"path": str(empty), "error": None, "diagnostics": []}
    assert "no such file" in by_path[str(tmp_path / "missing.md")]["error"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("copylint: ")]
    assert len(errors) == 3
    assert all(str(tmp_path) in e for e in errors)


def test_folder_without_articles_is_a_notice(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["check", *HOUSE, str(tmp_path / "empty")])
    assert result.exit_code == 0
    assert "no articles" in result.stderr


def test_folder_is_walked(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/a.md", "The the end.\n")
    write(tmp_path, "sub/b.txt", "Fine.\n")
    result = runner.invoke(cli, ["check", *HOUSE, "--format", "json", str(tmp_path)])
    paths = sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"])
    assert paths == ["a.md", "b.txt"]


def test_config_errors_exit_2_naming_file_and_key(runner: CliRunner, tmp_path: Path) -> None:
    cfg = write(tmp_path, "c.toml", "nonsense = 1\n")
    p = write(tmp_path, "a.md", "x\n")
    result = runner.invoke(cli, ["check", "--config", str(cfg), str(p)])
    assert result.exit_code == 2
    assert "c.toml: unknown key 'nonsense'" in result.stderr


def test_unknown_rule_in_select_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", "x\n")
    result = runner.invoke(cli, ["check", "--select", "house/no-such-rule", str(p)])
    assert result.exit_code == 2
    assert "no-such-rule" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--select", "hous"],
            "command line: --select: no rule matches 'hous'; did you mean 'house'?",
        ),
        (
            ["--ignore", "house/duplicated-wrd"],
            "command line: --ignore: no rule matches 'house/duplicated-wrd'; "
            "did you mean 'house/duplicated-word'?",
        ),
        (["--select", "house/dates-form"], "no rule matches 'house/dates-form'"),
    ],
)
def test_a_prefix_must_name_rules_by_whole_segments(
    runner: CliRunner, tmp_path: Path, args: list[str], expected: str
) -> None:
    p = write(tmp_path, "a.md", "x\n")
    result = runner.invoke(cli, ["check", "--no-cache", *args, str(p)])
    assert result.exit_code == 2
    assert expected in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_typo_in_the_severity_table_is_reported_under_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    cfg = write(tmp_path, "c.toml", '[severity]\n"house/whitespaces" = "info"\n')
    p = write(tmp_path, "a.md", "x\n")
    result = runner.invoke(cli, ["check", "--no-cache", "--config", str(cfg), str(p)])
    assert result.exit_code == 2
    assert f"{cfg}: severity: no rule matches 'house/whitespaces'" in result.stderr
    assert "did you mean 'house/whitespace'?" in result.stderr


def test_a_languagetool_id_copylint_cannot_check_is_said_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    p = write(tmp_path, "a.md", "Fine.\n")
    args = ["check", "--no-cache", "--select", "house,languagetool/NOT_A_RULE", str(p)]
    result = runner.invoke(cli, args)
    assert "languagetool/NOT_A_RULE is not a rule copylint knows" in result.stderr
    assert "could not be checked" in result.stderr
    known = runner.invoke(
        cli, ["check", "--no-cache", "--select", "languagetool/EN_A_VS_AN", str(p)]
    )
    assert "could not be checked" not in known.stderr


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(cli, ["check"]).exit_code == 2
    assert runner.invoke(cli, ["check", "--format", "nope", "x"]).exit_code == 2


def test_vocabulary_and_suppressions(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path, ".copylint.toml", 'vocabulary = ["thebrand"]\n')
    p = write(
        tmp_path,
        "a.md",
        "We sell thebrand here.\n\n<!-- copylint-disable-next-line house/duplicated-word -->\nThe the end.\n",
    )
    result = runner.invoke(
        cli, ["check", *HOUSE, "--config", str(tmp_path / ".copylint.toml"), str(p)]
    )
    assert result.exit_code == 0, result.output


def test_severity_override_and_fail_on(runner: CliRunner, tmp_path: Path) -> None:
    cfg = write(tmp_path, "c.toml", '[severity]\n"house/duplicated-word" = "info"\n')
    p = write(tmp_path, "a.md", "The the end.\n")
    result = runner.invoke(
        cli, ["check", *HOUSE, "--config", str(cfg), "--fail-on", "warning", str(p)]
    )
    assert result.exit_code == 0
    assert "info house/duplicated-word" in result.output


def test_rules_list_and_explain(runner: CliRunner) -> None:
    listing = runner.invoke(cli, ["rules"])
    assert listing.exit_code == 0
    assert "house/duplicated-word" in listing.output
    assert "duplication" in listing.output
    explained = runner.invoke(cli, ["rules", "explain", "house/duplicated-word"])
    assert explained.exit_code == 0
    assert "Fix safety" in explained.output
    assert "Villa La Grange <<Villa>>" in explained.output
    assert runner.invoke(cli, ["rules", "explain", "nope"]).exit_code == 2


@pytest.mark.slow
def test_twenty_megabyte_markdown_file(runner: CliRunner, tmp_path: Path) -> None:
    para = (
        "The quick brown fox jumps over the lazy dog, and the dog does not mind at all.\n" * 6
        + "It ran *fast* past [a link](http://x.org) and `code`.\n\n"
    )
    p = write(tmp_path, "big.md", para * (20_000_000 // len(para)) + "The the end.\n")
    result = runner.invoke(cli, ["check", *HOUSE, "--format", "json", str(p)])
    assert result.exit_code == 1, result.stderr
    diags = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert [d["rule"] for d in diags] == ["house/duplicated-word"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab"])
def test_output_file_holds_the_report_and_stdout_stays_empty(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    p = write(tmp_path, "a.md", ARTICLE)
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(cli, ["check", *HOUSE, "--format", fmt, "-o", str(out), str(p)])
    assert result.exit_code == 1
    assert result.stdout == ""
    report = out.read_text(encoding="utf-8")
    assert "duplicated-word" in report
    if fmt != "github":
        json.loads(report)


def test_baseline_hides_known_findings_and_reports_new_ones(
    runner: CliRunner, tmp_path: Path
) -> None:
    p = write(tmp_path, "a.md", "Intro.\n\nThe the end.\n")
    base = tmp_path / "baseline.json"
    recorded = runner.invoke(cli, ["check", *HOUSE, "--write-baseline", str(base), str(p)])
    assert recorded.exit_code == 0, recorded.output
    write(tmp_path, "a.md", "A new paragraph above.\n\nIntro.\n\nThe the end.\n")
    known = runner.invoke(cli, ["check", *HOUSE, "--baseline", str(base), str(p)])
    assert known.exit_code == 0, known.output
    write(tmp_path, "a.md", "A new paragraph above.\n\nIntro.\n\nThe the end.\n\nAnd a a slip.\n")
    new = runner.invoke(cli, ["check", *HOUSE, "--baseline", str(base), "--format", "json", str(p)])
    assert new.exit_code == 1
    (d,) = json.loads(new.stdout)["files"][0]["diagnostics"]
    assert d["message"].startswith("“a”")


def test_changed_checks_only_what_git_reports(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    write(tmp_path, "old.md", "The the old text.\n")
    subprocess.run(["git", "add", "."], check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], check=True
    )
    write(tmp_path, "new.md", "A a new text.\n")
    result = runner.invoke(cli, ["check", *HOUSE, "--format", "json", "--changed"])
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["new.md"]


def test_jobs_in_worker_processes_check_and_fix_every_file_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    for i in range(10):
        write(tmp_path, f"a{i}.md", f"Article {i}.\n\nThe the end of article {i}.\n")
    exe = [sys.executable, "-m", "copylint", "check", *HOUSE, "--no-cache", "--jobs", "2"]
    checked = subprocess.run(
        [*exe, "--format", "json", str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 1, checked.stderr
    files = json.loads(checked.stdout)["files"]
    assert sorted(Path(f["path"]).name for f in files) == sorted(f"a{i}.md" for i in range(10))
    assert all(len(f["diagnostics"]) == 1 for f in files)
    fixed = subprocess.run([*exe, "--fix", str(tmp_path)], capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert all(
        (tmp_path / f"a{i}.md").read_text() == f"Article {i}.\n\nThe end of article {i}.\n"
        for i in range(10)
    )


def test_strict_paths_makes_a_folder_without_articles_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    relaxed = runner.invoke(cli, ["check", *HOUSE, "--no-cache", str(empty)])
    assert relaxed.exit_code == 0
    assert "no articles" in relaxed.stderr
    strict = runner.invoke(cli, ["check", *HOUSE, "--no-cache", "--strict-paths", str(empty)])
    assert strict.exit_code == 2
    assert f"{empty}: no articles" in strict.stderr
    assert "No problems found" not in strict.stdout


def test_a_read_only_file_is_not_counted_as_fixed(runner: CliRunner, tmp_path: Path) -> None:
    p = write(tmp_path, "a.md", "We saw the the lake.\n")
    p.chmod(0o444)  # copylint leaves a read-only file alone, even for root
    result = runner.invoke(cli, ["check", *HOUSE, "--fix", str(p)])
    assert result.exit_code == 2
    assert "Fixed" not in result.stdout
    assert p.read_text(encoding="utf-8") == "We saw the the lake.\n"


ARTICLE_WITH_MIXES = (
    "● One.\n\n● Two.\n\n• Three.\n\n"
    'The U.S. economy grew. U.S. exports rose. US imports fell and we say “yes” and "no" '
    'and "maybe".\n'
)


@pytest.mark.parametrize(
    ("args", "prelude", "gone", "kept"),
    [
        (["--ignore", "house/typography"], "", "house/typography/", "house/consistency/"),
        (["--ignore", "house/typography/bullets"], "", "bullets", "house/typography/quotes"),
        (["--select", "house/consistency"], "", "house/typography/", "house/consistency/"),
        ([], "<!-- copylint-disable house/typography -->\n\n", "house/typography/", "consistency"),
        ([], "<!-- copylint-disable typography -->\n\n", "house/typography/", "consistency"),
        ([], "<!-- copylint-disable typography/bullets -->\n\n", "bullets", "typography/quotes"),
    ],
)
def test_the_old_family_ids_still_select_ignore_and_suppress(
    runner: CliRunner, tmp_path: Path, args: list[str], prelude: str, gone: str, kept: str
) -> None:
    p = write(tmp_path, "a.md", prelude + ARTICLE_WITH_MIXES)
    base = [] if "--select" in args else HOUSE
    result = runner.invoke(cli, ["check", *base, "--no-cache", "--format", "json", *args, str(p)])
    assert result.exit_code == 1, result.output
    found = [d["rule"] for d in json.loads(result.stdout)["files"][0]["diagnostics"]]
    assert not [r for r in found if gone in r]
    assert [r for r in found if kept in r]


def test_the_severity_of_a_family_applies_to_its_checks(runner: CliRunner, tmp_path: Path) -> None:
    cfg = write(tmp_path, "c.toml", '[severity]\n"house/typography" = "error"\n')
    p = write(tmp_path, "a.md", ARTICLE_WITH_MIXES)
    args = ["check", "--config", str(cfg), *HOUSE, "--no-cache", "--format", "json", str(p)]
    diagnostics = json.loads(runner.invoke(cli, args).stdout)["files"][0]["diagnostics"]
    levels = {d["rule"]: d["severity"] for d in diagnostics}
    assert levels["house/typography/bullets"] == "error"
    assert levels["house/consistency/abbreviations"] == "warning"


def test_explain_on_a_family_lists_its_checks(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["rules", "explain", "house/consistency"])
    assert result.exit_code == 0
    assert "house/consistency names 5 rules" in result.stdout
    assert "house/consistency/spelling-variant" in result.stdout
    assert runner.invoke(cli, ["rules", "explain", "house/consistenc"]).exit_code == 2

"""Tests for configuration loading and rule selection."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.config import Config, Selection, find_config, load_config, with_overrides
from copylint.diagnostics import Severity
from copylint.options import ConfigError


def test_longest_prefix_decides() -> None:
    sel = Selection(("house", "languagetool/EN_A_VS_AN"), ("house/whitespace",))
    assert sel.is_selected("house/duplicated-word")
    assert not sel.is_selected("house/whitespace")
    assert sel.is_selected("languagetool/EN_A_VS_AN")
    assert not sel.is_selected("languagetool/OTHER")
    assert not sel.is_selected("proselint/x")


def test_default_off_rules_need_a_close_selection() -> None:
    assert not Selection(("proselint",), ()).is_selected("proselint/slow", default_on=False)
    assert Selection(("proselint/slow",), ()).is_selected("proselint/slow", default_on=False)


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copylint]\nselect = ["house"]\nvocabulary = ["Navalny"]\n'
        'severity = {"house/whitespace" = "info"}\nfail-on = "warning"\n'
        '[tool.copylint.per-path-ignores]\n"drafts/*" = ["house/dates"]\n'
    )
    found = find_config(tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path)
    assert found == tmp_path / "pyproject.toml"
    config = load_config(found)
    assert config.selection.select == ("house",)
    assert "Navalny" in config.vocabulary
    assert config.severity_of("house/whitespace", Severity.WARNING) is Severity.INFO
    assert config.fail_on is Severity.WARNING
    assert config.ignores_for("drafts/a.md") == ("house/dates",)


def test_dotfile_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.copylint]\nselect = ["house"]\n')
    (tmp_path / ".copylint.toml").write_text('select = ["proselint"]\n')
    assert load_config(find_config(tmp_path)).selection.select == ("proselint",)


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / ".copylint.toml"
    path.write_text("selcet = ['house']\n")
    with pytest.raises(ConfigError, match=r"\.copylint\.toml: unknown key 'selcet'"):
        load_config(path)


def test_syntax_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / ".copylint.toml"
    path.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(path)


def test_bad_severity_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / ".copylint.toml"
    path.write_text('[severity]\n"house" = "loud"\n')
    with pytest.raises(ConfigError, match=r"severity\.house"):
        load_config(path)


def test_command_line_wins() -> None:
    config = with_overrides(
        load_config(None), select=["house"], ignore=["house/dates"], language="en-GB"
    )
    assert config.selection.select == ("house",)
    assert config.selection.ignore == ("house/dates",)
    assert config.language == "en-GB"
    assert config.explicit_select


def test_prefixes_match_whole_id_segments() -> None:
    sel = Selection(("house",), ("house/dates",))
    assert not sel.is_selected("house/dates")
    assert not sel.is_selected("house/dates/weekday")
    assert sel.is_selected("house/dates-format")  # not under house/dates
    assert not Selection(("hous",), ()).is_selected("house/duplicated-word")
    assert Selection(("house/",), ()).is_selected("house/whitespace")
    assert not Selection(("hous",), ()).engine_selected("house")
    config = Config(severity={"house/dates": Severity.ERROR})
    assert config.severity_of("house/dates", Severity.INFO) is Severity.ERROR
    assert config.severity_of("house/dates-format", Severity.INFO) is Severity.INFO


def test_where_names_the_command_line_for_its_own_prefixes(tmp_path: Path) -> None:
    cfg = tmp_path / ".copylint.toml"
    cfg.write_text('select = ["house"]\n', encoding="utf-8")
    config = with_overrides(load_config(cfg), ignore=["house/x"])
    assert config.where("ignore", "house/x") == "command line: --ignore"
    assert config.where("select", "house") == f"{cfg}: select"


def test_a_dot_separates_segments_of_proselint_check_paths() -> None:
    sel = Selection(("proselint/typography.symbols",), ())
    assert sel.is_selected("proselint/typography.symbols.curly_quotes")
    assert not sel.is_selected("proselint/typography.symbolsx")
    assert not sel.is_selected("proselint/typography.diacritical_marks")

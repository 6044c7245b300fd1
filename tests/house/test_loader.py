"""Tests for the rule-file loader: schema, lines in errors, names, strings, folders."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from copylint.house import loader
from copylint.house.loader import (
    RuleFileError,
    load_rule_file,
    load_rules,
    read_yaml,
    rule_files,
    shipped_rules_dir,
)

SHIPPED = shipped_rules_dir()

GOOD_RULE = """\
name: {name}
kind: substitution
message: "Prefer “{{replacement}}” to “{{match}}”."
why: "Shorter."
fix: safe
swap: {{utilize: use}}
examples:
  - {{bad: "We <<utilize>> it.", fixed: "We use it."}}
  - good: "We use it."
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    return info.value


# --------------------------------------------------------------------------- the shipped style


def test_the_schema_is_a_valid_json_schema() -> None:
    schema = json.loads((SHIPPED / "schema.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)


def test_the_shipped_style_loads_forty_rules_or_more() -> None:
    rules = load_rules([SHIPPED])
    assert len([r for r in rules if r.info.enabled]) >= 40
    assert len({r.info.id for r in rules}) == len(rules)
    kinds = {r.options["kind"] for r in rules}
    assert kinds == {"existence", "substitution", "consistency"}


@pytest.mark.parametrize("path", rule_files(SHIPPED), ids=lambda p: p.stem)
def test_every_shipped_file_meets_the_schema_and_is_named_for_its_file(path: Path) -> None:
    schema = json.loads((SHIPPED / "schema.json").read_text(encoding="utf-8"))
    data, _ = read_yaml(path)
    jsonschema.validate(data, schema)
    assert data["name"] == path.stem
    rule = load_rule_file(path)
    assert rule is not None and rule.info.id == f"house/{path.stem}"
    kinds = {e.kind.value for e in rule.info.examples}
    assert {"bad", "good"} <= kinds


def test_shipped_dir_is_the_wheel_copy_when_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "copylint"
    (package / "house").mkdir(parents=True)
    monkeypatch.setattr(loader, "__file__", str(package / "house" / "loader.py"))
    assert shipped_rules_dir() == tmp_path / "site-packages" / "rules"  # a checkout's layout
    (package / "_rules").mkdir()
    assert shipped_rules_dir() == package / "_rules"


def test_in_a_checkout_the_shipped_dir_is_the_repos_rules_folder() -> None:
    assert SHIPPED.name in {"rules", "_rules"}
    assert (SHIPPED / "schema.json").is_file()


# --------------------------------------------------------------------------- strings only


def test_every_scalar_stays_a_string(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "yes-no",
        "name: yes-no\nkind: substitution\nmessage: m {match}\nwhy: w\n"
        "swap: {no: none, on: 'off', yes: 3, 1.0: ~}\n"
        "examples:\n  - {bad: 'say <<no>>', fixed: 'say none'}\n  - good: 'none'\n",
    )
    data, lines = read_yaml(path)
    assert data["swap"] == {"no": "none", "on": "off", "yes": "3", "1.0": "~"}
    assert lines[("swap",)] == 5
    rule = load_rule_file(path)
    assert rule is not None


def test_a_yaml_boolean_word_is_not_a_flag(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="flags").replace("fix: safe", "fix: safe\nignore-case: no")
    err = error_of(write(tmp_path, "flags", text))
    assert err.line == 6
    assert "ignore-case" in err.message and "'no'" in err.message


# --------------------------------------------------------------- errors name file and line


def test_error_is_one_line_path_line_message(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="extra").replace("why:", "colour: red\nwhy:")
    path = write(tmp_path, "extra", text)
    err = error_of(path)
    assert str(err) == f"{path}:4: unknown key 'colour'"
    assert "\n" not in str(err)


def test_a_wrong_enum_names_its_line(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="sev").replace("fix: safe", "fix: safe\nseverity: fatal")
    err = error_of(write(tmp_path, "sev", text))
    assert err.line == 6 and "severity" in err.message


def test_a_missing_key_is_reported(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="nowhy").replace('why: "Shorter."\n', "")
    err = error_of(write(tmp_path, "nowhy", text))
    assert "'why' is a required property" in err.message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken", "name: broken\nkind: existence\nmessage: [unclosed\nwhy: x\n")
    err = error_of(path)
    assert err.path == str(path) and err.line >= 3 and "invalid YAML" in err.message


def test_a_key_written_twice_names_the_second(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="twice").replace('why: "Shorter."', 'why: "a"\nwhy: "b"')
    err = error_of(write(tmp_path, "twice", text))
    assert err.line == 5 and "'why' appears twice" in err.message


def test_name_must_equal_the_file_name(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "other", GOOD_RULE.format(name="utilize")))
    assert err.line == 1 and "must equal the file name" in err.message


def test_a_bad_regex_is_named_with_the_rule_and_line(tmp_path: Path) -> None:
    text = (
        "name: regexy\nkind: existence\nmessage: m\nwhy: w\npatterns:\n  - 'fine'\n"
        "  - '(unclosed'\nexamples:\n  - {bad: '<<fine>>'}\n  - good: ok\n"
    )
    err = error_of(write(tmp_path, "regexy", text))
    assert err.line == 7
    assert "house/regexy" in err.message and "(unclosed" in err.message


def test_a_bad_exception_regex_is_named_too(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="exc").replace("swap:", "exceptions: ['[a-']\nswap:")
    err = error_of(write(tmp_path, "exc", text))
    assert err.line == 6 and "bad regular expression" in err.message


def test_a_rule_without_examples_fails(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="bare").split("examples:")[0]
    err = error_of(write(tmp_path, "bare", text))
    assert "examples" in err.message


def test_a_rule_without_a_good_example_fails(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="nogood").replace(
        '  - good: "We use it."', '  - {bad: "They <<utilize>> it.", fixed: "They use it."}'
    )
    err = error_of(write(tmp_path, "nogood", text))
    assert err.line == 7 and "one bad and one good" in err.message


def test_a_bad_example_needs_a_marked_span(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="nomark").replace("We <<utilize>> it.", "We utilize it.")
    err = error_of(write(tmp_path, "nomark", text))
    assert err.line == 8


def test_a_fixing_rule_needs_fixed_text(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="nofixed").replace(', fixed: "We use it."', "")
    err = error_of(write(tmp_path, "nofixed", text))
    assert err.line == 8 and "needs `fixed`" in err.message


def test_an_unknown_message_field_is_refused(tmp_path: Path) -> None:
    text = GOOD_RULE.format(name="field").replace("{match}", "{matched}")
    err = error_of(write(tmp_path, "field", text))
    assert err.line == 3 and "{matched}" in err.message


def test_an_existence_rule_cannot_fix(tmp_path: Path) -> None:
    text = (
        "name: exists\nkind: existence\nmessage: m\nwhy: w\nfix: safe\ntokens: [a]\n"
        "examples:\n  - {bad: '<<a>>'}\n  - good: b\n"
    )
    err = error_of(write(tmp_path, "exists", text))
    assert err.line == 5 and "none" in err.message


def test_prefer_must_be_one_of_the_forms(tmp_path: Path) -> None:
    text = (
        "name: pair\nkind: consistency\nmessage: m\nwhy: w\neither: {a: b}\nprefer: c\n"
        "examples:\n  - {bad: 'a <<b>> a', fixed: 'a a a'}\n  - good: a\n"
    )
    err = error_of(write(tmp_path, "pair", text))
    assert err.line == 6 and "prefer" in err.message


# --------------------------------------------------------------------------- folders


def test_duplicate_names_across_folders_name_both_files(tmp_path: Path) -> None:
    first = write(tmp_path / "one", "utilize", GOOD_RULE.format(name="utilize"))
    second = write(tmp_path / "two" / "deep", "utilize", GOOD_RULE.format(name="utilize"))
    with pytest.raises(RuleFileError) as info:
        load_rules([tmp_path / "one", tmp_path / "two"])
    assert info.value.path == str(second) and str(first) in info.value.message


def test_a_data_file_for_a_python_rule_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "house-terms", "data-for: house/term-consistency\nterms: {e-mail: email}\n")
    write(tmp_path, "utilize", GOOD_RULE.format(name="utilize"))
    assert [r.name for r in load_rules([tmp_path])] == ["utilize"]


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no such rules folder"):
        load_rules([tmp_path / "nowhere"])

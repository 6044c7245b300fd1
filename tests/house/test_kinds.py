"""Tests for the rule kinds, and every shipped rule's own examples run through them."""

from __future__ import annotations

from pathlib import Path

import pytest

from copylint.diagnostics import Applicability, Span
from copylint.document.plaintext import read_plaintext
from copylint.engines.base import EngineContext, Finding
from copylint.house import kinds
from copylint.house.examples import Example, ExampleKind
from copylint.house.kinds import RuleTimeoutError, match_case, quoted_spans
from copylint.house.loader import load_rule_file, load_rules, shipped_rules_dir
from copylint.house.registry import HouseRule

CTX = EngineContext()
SHIPPED = load_rules([shipped_rules_dir()])


def rule_from(tmp_path: Path, name: str, body: str) -> HouseRule:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"name: {name}\n{body}", encoding="utf-8")
    rule = load_rule_file(path)
    assert rule is not None
    return rule


def lint(rule: HouseRule, text: str, ctx: EngineContext = CTX) -> tuple[str, list[Finding]]:
    doc = read_plaintext("article.txt", text)
    return doc.source, list(rule.run(doc, ctx))


def apply(source: str, finding: Finding) -> str:
    assert finding.edits, "the finding has no fix"
    edit = finding.block.edit(finding.edits[0].span, finding.edits[0].text)
    assert edit is not None
    return source[: edit.start] + edit.text + source[edit.end :]


# --------------------------------------------------------------------------- shipped examples


def _cases() -> list[tuple[HouseRule, Example]]:
    return [(rule, ex) for rule in SHIPPED for ex in rule.info.examples]


@pytest.mark.parametrize(
    ("rule", "example"),
    _cases(),
    ids=[f"{r.name}-{i}" for i, (r, _) in enumerate(_cases())],
)
def test_shipped_example(rule: HouseRule, example: Example) -> None:
    source, found = lint(rule, example.text)
    if example.kind is ExampleKind.GOOD:
        assert found == [], [f.matched for f in found]
    elif example.kind is ExampleKind.KNOWN_FALSE_POSITIVE:
        assert found, "no longer fires: move it to good"
    else:
        assert [f.span for f in found] == list(example.spans)
        if example.fixed is not None:
            fixed = apply(source, found[0])
            assert fixed == example.fixed
            assert lint(rule, fixed)[1] == []


def test_well_edited_copy_stays_quiet() -> None:
    article = (
        "Shares in the bank rose 4% on Tuesday after it said profits had doubled.\n\n"
        "The chief executive said the results showed the strategy was working, although "
        'analysts warned that a slowdown in lending could hit earnings next year. "We are '
        'not complacent," he said. "At the end of the day, customers decide."\n\n'
        "The firm, which employs 40,000 people, will publish its full accounts in March. "
        "Regulators have been asked to look at its online banking arm, which was launched "
        "in 2001 and now serves two million customers. No one at the regulator would comment."
    )
    enabled = [r for r in SHIPPED if r.info.enabled]
    assert {r.name: lint(r, article)[1] for r in enabled if lint(r, article)[1]} == {}


# --------------------------------------------------------------------------- case


@pytest.mark.parametrize(
    ("matched", "written", "replacement", "expected"),
    [
        ("utilizing", "utilizing", "using", "using"),
        ("Utilizing", "utilizing", "using", "Using"),
        ("UTILIZE", "utilize", "use", "USE"),
        ("In order to", "in order to", "to", "To"),
        ("PIN number", "PIN number", "PIN", "PIN"),
        ("OK", "OK", "okay", "okay"),
        ("okay", "okay", "OK", "OK"),
        ("Okay", "okay", "OK", "OK"),
        ("free gift", "free gift", "", ""),
    ],
)
def test_match_case(matched: str, written: str, replacement: str, expected: str) -> None:
    assert match_case(matched, written, replacement) == expected


UTILIZE = (
    "kind: substitution\nmessage: 'Prefer “{replacement}” to “{match}”.'\nwhy: w\nfix: safe\n"
    "swap: {utilize: use, utilizing: using, in order to: to, OK: okay}\n"
    "examples:\n  - {bad: 'we <<utilize>> it', fixed: 'we use it'}\n  - good: use\n"
)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("We are Utilizing it.", "We are Using it."),
        ("WE UTILIZE IT.", "WE USE IT."),
        ("Utilizing it helps.", "Using it helps."),
        ("It was late. OK, it was.", "It was late. Okay, it was."),
        ("It was\nin order\nto win.", "It was\nto win."),
    ],
)
def test_substitution_keeps_the_capital(tmp_path: Path, text: str, fixed: str) -> None:
    source, found = lint(rule_from(tmp_path, "utilize", UTILIZE), text)
    assert len(found) == 1
    assert apply(source, found[0]) == fixed
    assert found[0].applicability is Applicability.SAFE
    assert found[0].message is not None and "Prefer “" in found[0].message


def test_substitution_respects_word_boundaries(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "utilize", UTILIZE)
    assert lint(rule, "The utilizer and re-utilize and utilized stay.")[1] == []


def test_substitution_offers_the_other_choices_as_suggestions(tmp_path: Path) -> None:
    body = UTILIZE.replace("swap: {utilize: use, ", "swap: {utilize: [use, employ], ")
    _, found = lint(rule_from(tmp_path, "utilize", body), "We utilize it.")
    assert found[0].edits[0].text == "use" and found[0].suggestions == ("employ",)


def test_a_phrase_with_an_apostrophe_matches_a_curly_one(tmp_path: Path) -> None:
    body = UTILIZE.replace("swap: {", 'swap: {"couldn\'t of": "couldn\'t have", ')
    source, found = lint(rule_from(tmp_path, "utilize", body), "We couldn’t of won.")
    assert apply(source, found[0]) == "We couldn't have won."


def test_matches_touching_a_placeholder_are_skipped(tmp_path: Path) -> None:
    body = (
        "kind: existence\nmessage: m\nwhy: w\ntokens: [see x, see]\n"
        "examples:\n  - {bad: '<<see>>'}\n  - good: look\n"
    )
    rule = rule_from(tmp_path, "see", body)
    _, found = lint(rule, "Please see https://example.com/see now.")
    assert [f.matched for f in found] == []  # "see x" touches the URL's placeholder
    assert [f.matched for f in lint(rule, "Please see it.")[1]] == ["see"]


def test_words_in_the_vocabulary_are_not_flagged(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "utilize", UTILIZE)
    ctx = EngineContext(vocabulary=frozenset({"Utilize"}))
    assert lint(rule, "Utilize is our product's name.", ctx)[1] == []


def test_exceptions_and_quotes(tmp_path: Path) -> None:
    body = (
        "kind: existence\nmessage: m\nwhy: w\nskip-quotes: true\ntokens: [could of]\n"
        "exceptions: ['could\\s+of\\s+course']\n"
        "examples:\n  - {bad: '<<could of>>'}\n  - good: could have\n"
    )
    rule = rule_from(tmp_path, "could-of", body)
    assert lint(rule, 'He could of course go. "I could of won," he said.')[1] == []
    assert [f.matched for f in lint(rule, "He could of won.")[1]] == ["could of"]


def test_quoted_spans_follow_speech_reopened_without_closing() -> None:
    text = 'He said "one. "Two," and “three” then "four'
    spans = quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ['"one. "Two,"', "“three”", '"four']
    assert quoted_spans('The 5" screen') == []


def test_a_hostile_pattern_times_out_with_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (
        "kind: existence\nmessage: m\nwhy: w\npatterns: ['(?:(?:a|aa)+)+b']\n"
        "examples:\n  - {bad: '<<aab>>'}\n  - good: c\n"
    )
    rule = rule_from(tmp_path, "slow", body)
    monkeypatch.setattr(kinds, "REGEX_TIMEOUT", 0.05)
    with pytest.raises(RuleTimeoutError, match=r"slow\.yaml:5: house/slow: pattern took"):
        lint(rule, "a" * 40)


# --------------------------------------------------------------------------- consistency

PAIR = (
    "kind: consistency\nmessage: 'also “{replacement}”'\nwhy: w\nfix: safe\n"
    "either: {towards: toward, per cent: percent}\n"
    "examples:\n  - {bad: 'towards towards <<toward>>', fixed: 'towards towards towards'}\n"
    "  - good: towards\n"
)


def test_consistency_fixes_towards_the_majority(tmp_path: Path) -> None:
    text = "Toward the sea.\n\nTowards the hills, towards home, 5 percent and 6 per cent."
    source, found = lint(rule_from(tmp_path, "pair", PAIR), text)
    assert [f.matched for f in found] == ["Toward", "percent"]
    assert apply(source, found[0]).startswith("Towards the sea.")
    assert found[0].message == "also “Towards”"


def test_consistency_on_a_tie_keeps_the_first_form(tmp_path: Path) -> None:
    _, found = lint(rule_from(tmp_path, "pair", PAIR), "toward one, towards two.")
    assert [f.matched for f in found] == ["towards"]


def test_consistency_prefers_the_house_form(tmp_path: Path) -> None:
    rule = rule_from(tmp_path, "pair", PAIR.replace("fix: safe", "fix: safe\nprefer: percent"))
    _, found = lint(rule, "5 per cent, 6 per cent, 7 percent; toward, toward, towards.")
    assert [f.matched for f in found] == ["per cent", "per cent", "towards"]


def test_consistency_is_quiet_when_one_form_is_used(tmp_path: Path) -> None:
    assert lint(rule_from(tmp_path, "pair", PAIR), "towards a 5 per cent rise")[1] == []


def test_scope_limits_the_blocks_read(tmp_path: Path) -> None:
    body = UTILIZE.replace("fix: safe", "fix: safe\nscope: [paragraph]")
    rule = rule_from(tmp_path, "utilize", body)
    assert lint(rule, "Utilize it\n\nWe utilize it.")[1][0].span == Span(3, 10)
    assert len(lint(rule, "Utilize it\n\nWe utilize it.")[1]) == 1

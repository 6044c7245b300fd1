"""Live tests of the proselint engine: the real proselint 0.16 runs on every test."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile

from copylint.config import Selection
from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.document.model import Document
from copylint.document.plaintext import read_plaintext
from copylint.engines import proselint as engine_module
from copylint.engines.base import EngineContext, Finding, ProseEdit
from copylint.engines.proselint import (
    DEFAULT_OFF,
    ProselintEngine,
    category_of,
    registered_checks,
)


def lint(text: str, is_selected: Callable[..., bool] | None = None, **ctx: object) -> list[Finding]:
    doc = read_plaintext("article.txt", text)
    return ProselintEngine().check(doc, EngineContext(is_selected=is_selected, **ctx))  # type: ignore[arg-type]


# These tests use checks that are off by default on news copy; name them.
ALSO_OFF = Selection(
    (
        "proselint",
        "proselint/typography.diacritical_marks",
        "proselint/social_awareness.sexism",
        "proselint/weasel_words.very",
        "proselint/misc.but",
    ),
).is_selected


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_a_known_check_fires_at_the_exact_prose_offsets_after_emoji() -> None:
    text = "🎉👩‍💻 Party time 🎊. Irregardless, the 𝔘nicode stays."
    (found,) = by_rule(lint(text, ALSO_OFF), "proselint/nonwords")
    start = text.index("Irregardless")
    assert found.span == Span(start, start + len("Irregardless"))
    assert found.matched == "Irregardless"
    assert found.block.index == 0


def test_the_offsets_equal_lintfile_lint_shifted_back_by_one() -> None:
    text = (
        "Irregardless, the chairman said it was very unique. Meantime, we met at 9 a.m. in the "
        'morning. He said "hi" and left... Utilize the data. We left in the the morning.'
    )
    everything = Selection(("proselint", *(f"proselint/{p}" for p in DEFAULT_OFF)))
    ours = {(f.rule, f.span.start, f.span.end) for f in lint(text, everything.is_selected)}
    all_on = {name: True for name in DEFAULT["checks"]}
    theirs = {
        (
            f"proselint/{r.check_result.check_path}",
            r.check_result.span[0] - 1,
            r.check_result.span[1] - 1,
        )
        for r in LintFile("t", text).lint({"max_errors": None, "checks": all_on})
    }
    assert len(theirs) > 10
    assert ours == theirs


def test_replacements_become_unsafe_fixes_that_keep_the_capital() -> None:
    text = "We met. Irregardless, the chairman spoke."
    nonword = by_rule(lint(text, ALSO_OFF), "proselint/nonwords")[0]
    start = text.index("Irregardless")
    assert nonword.edits == (ProseEdit(Span(start, start + 12), "Regardless"),)
    assert nonword.applicability is Applicability.UNSAFE
    assert nonword.suggestions == ("Regardless",)
    assert nonword.message == "Nonword - try 'regardless'."
    sexism = by_rule(lint(text, ALSO_OFF), "proselint/social_awareness.sexism")[0]
    assert sexism.edits[0].text == "chair"


def test_a_capitalization_check_keeps_its_own_case() -> None:
    (found,) = by_rule(lint("We met on a monday in March."), "proselint/misc.capitalization.days")
    assert found.edits[0].text == "Monday"


def test_a_pattern_is_not_offered_as_a_replacement() -> None:
    text = "One.  Two. Three. Four. Five. Six."
    (found,) = by_rule(lint(text), "proselint/typography.punctuation.spacing")
    assert found.edits == ()  # proselint's "replacement" here is the regex "[\.\?!] \w"


def test_a_replacement_proselint_misses_on_regex_keys_is_recovered() -> None:
    (found,) = by_rule(
        lint("We met at 9 a.m. in the morning."), "proselint/redundancy.misc.nordquist"
    )
    assert found.matched == "a.m. in the morning"
    assert found.edits[0].text == "a.m."
    assert "None" not in (found.message or "")


def test_selection_by_prefix_runs_only_the_selected_checks() -> None:
    text = "Irregardless, the chairman was very tired. We had a cafe."
    only_typography = lint(text, Selection(("proselint/typography",)).is_selected)
    assert {f.rule for f in only_typography} == {"proselint/typography.diacritical_marks"}
    without_style = lint(text, Selection(("proselint",), ("proselint/weasel_words",)).is_selected)
    assert "proselint/weasel_words.very" not in {f.rule for f in without_style}
    assert "proselint/nonwords" in {f.rule for f in without_style}
    plain = lint(text, lambda rule: rule.startswith("proselint/nonwords"))
    assert {f.rule for f in plain} == {"proselint/nonwords"}
    assert lint(text, lambda rule: False) == []


def test_default_off_checks_run_only_when_named() -> None:
    text = 'It was very unique, she said "hi"... We left in the the morning.'
    expected = {
        "proselint/uncomparables",
        "proselint/typography.symbols.curly_quotes",
        "proselint/typography.symbols.ellipsis",
        "proselint/lexical_illusions",
    }
    for ctx_selection in (
        None,
        Selection().is_selected,
        Selection(("proselint",)).is_selected,
        lambda rule: True,
    ):
        assert not {f.rule for f in lint(text, ctx_selection)} & expected
    named = Selection(
        ("proselint/uncomparables", "proselint/typography.symbols", "proselint/lexical_illusions")
    )
    assert {f.rule for f in lint(text, named.is_selected)} == expected
    plain = lint(text, lambda rule: rule == "proselint/uncomparables")
    assert {f.rule for f in plain} == {"proselint/uncomparables"}


def test_default_off_lists_the_house_rules_and_real_checks() -> None:
    paths = {c.path for c in registered_checks()}
    assert paths >= DEFAULT_OFF
    assert {
        "typography.symbols.curly_quotes",
        "typography.symbols.ellipsis",
        "lexical_illusions",
        "uncomparables",
    } <= DEFAULT_OFF


def test_registering_twice_does_not_duplicate_results(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Irregardless, the chairman spoke."
    before = lint(text)
    monkeypatch.setattr(CheckRegistry, "_checks", list(CheckRegistry().checks))
    CheckRegistry().register_many(__register__)  # someone else registered again
    monkeypatch.setattr(engine_module, "_checks", None)
    assert len(CheckRegistry().checks) == 2 * len(__register__)
    assert len(registered_checks()) == len(__register__)
    after = lint(text)
    assert [(f.rule, f.span) for f in after] == [(f.rule, f.span) for f in before]
    assert len(by_rule(after, "proselint/nonwords")) == 1


def test_registration_from_several_threads_happens_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CheckRegistry, "_checks", [])
    monkeypatch.setattr(engine_module, "_checks", None)
    threads = [threading.Thread(target=registered_checks) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(CheckRegistry().checks) == len(__register__)


def test_checks_from_several_threads_agree() -> None:
    doc = read_plaintext("a.txt", "Irregardless, the chairman spoke.\n\nIt was very unique.\n")
    engine = ProselintEngine()
    expected = [(f.rule, f.span) for f in engine.check(doc, EngineContext())]
    results: list[list[tuple[str | None, Span]]] = []

    def work(select: str) -> None:
        for _ in range(5):
            engine.check(doc, EngineContext(is_selected=Selection((select,)).is_selected))
            results.append([(f.rule, f.span) for f in engine.check(doc, EngineContext())])

    threads = [
        threading.Thread(target=work, args=(s,)) for s in ("proselint/misc", "house", "proselint")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results and all(r == expected for r in results)


def test_findings_map_to_the_right_block() -> None:
    text = (
        "A plain title\n\n"
        "The first paragraph is fine.\n\n"
        "The second one says irregardless\nacross a line break.\n\n"
        "Third: the chairman."
    )
    doc = read_plaintext("a.txt", text)
    found = ProselintEngine().check(doc, EngineContext(is_selected=ALSO_OFF))
    nonword = by_rule(found, "proselint/nonwords")[0]
    assert nonword.block is doc.blocks[2]
    assert nonword.block.text[nonword.span.start : nonword.span.end] == "irregardless"
    assert doc.source[nonword.block.source_span(nonword.span).start :].startswith("irregardless")
    chair = by_rule(found, "proselint/social_awareness.sexism")[0]
    assert chair.block is doc.blocks[3]
    assert chair.matched == "chairman"


def test_a_result_across_two_blocks_is_dropped() -> None:
    text = "Shares in Nike\n\nNike has reported growth."
    selected = Selection(("proselint/lexical_illusions",)).is_selected
    assert by_rule(lint(text, selected), "proselint/lexical_illusions") == []
    assert by_rule(lint("Shares in Nike Nike fell.", selected), "proselint/lexical_illusions")


def test_a_result_touching_a_placeholder_is_dropped() -> None:
    multiplication = "proselint/typography.symbols.multiplication"
    assert by_rule(lint("The board is 3 x 4 wide."), multiplication)
    # The URL becomes the placeholder "x": "3 x 4" must not be read as a multiplication.
    assert by_rule(lint("The board is 3 https://example.com/a 4 wide."), multiplication) == []


def test_vocabulary_words_are_not_flagged() -> None:
    text = "We had a cafe."
    assert by_rule(lint(text, ALSO_OFF), "proselint/typography.diacritical_marks")
    assert lint(text, ALSO_OFF, vocabulary=frozenset({"Cafe"})) == []


def test_empty_documents_give_nothing() -> None:
    assert lint("") == []
    assert ProselintEngine().check(Document("a.txt", "", "text", ()), EngineContext()) == []


def test_rules_list_every_check_once_with_its_facts() -> None:
    rules = {r.id: r for r in ProselintEngine().rules()}
    assert set(rules) == {f"proselint/{c.path}" for c in registered_checks()}
    assert rules["proselint/nonwords"].fix is Applicability.UNSAFE
    assert rules["proselint/misc.waxed"].fix is Applicability.UNSAFE
    assert rules["proselint/weasel_words.very"].fix is None
    assert rules["proselint/typography.punctuation.spacing"].fix is None
    assert rules["proselint/uncomparables"].enabled is False
    assert rules["proselint/nonwords"].enabled is True
    assert rules["proselint/nonwords"].category is Category.SPELLING
    assert rules["proselint/hedging"].severity is Severity.INFO
    assert "{}" not in rules["proselint/archaism"].summary
    assert "Garner" in rules["proselint/archaism"].doc


@pytest.mark.parametrize(
    ("path", "category"),
    [
        ("typography.symbols.curly_quotes", Category.TYPOGRAPHY),
        ("typography.punctuation.spacing", Category.SPACING),
        ("typography.punctuation.hyperbole", Category.PUNCTUATION),
        ("spelling.consistency", Category.CONSISTENCY),
        ("spelling.able_ible", Category.SPELLING),
        ("dates_times.am_pm.spacing", Category.DATES),
        ("lexical_illusions", Category.DUPLICATION),
        ("misc.preferred_forms", Category.USAGE),
        ("misc.but", Category.STYLE),
        ("misc.butter", Category.USAGE),  # a prefix ends at a dot
        ("cliches.misc.write_good", Category.STYLE),
    ],
)
def test_categories(path: str, category: Category) -> None:
    assert category_of(path) is category

"""The LanguageTool engine against the real server: ids, categories, exact spans, fixes, options."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copylint.config import Selection
from copylint.diagnostics import Applicability, Category, Severity
from copylint.document import read_document
from copylint.engines.base import EngineContext, EngineUnavailable, Finding
from copylint.engines.languagetool import (
    DEFAULT_DISABLED,
    LanguageToolEngine,
    Options,
    opens_sentence,
)
from copylint.languagetool import server
from copylint.locate import locate
from copylint.options import ConfigError

pytestmark = pytest.mark.languagetool


def _check(
    source: str,
    path: str = "a.md",
    *,
    options: dict[str, object] | None = None,
    ctx: EngineContext | None = None,
) -> list[Finding]:
    engine = LanguageToolEngine(options or {})
    try:
        return list(engine.check(read_document(path, source), ctx or EngineContext()))
    finally:
        engine.close()


def _by_rule(findings: list[Finding], rule: str) -> Finding:
    (found,) = [f for f in findings if f.rule == f"languagetool/{rule}"]
    return found


def test_he_go_to_school() -> None:
    (f,) = _check("He go to school.\n")
    assert (f.rule, f.matched, f.category) == ("languagetool/HE_VERB_AGR", "go", Category.GRAMMAR)
    assert f.severity is Severity.WARNING
    assert f.suggestions[:2] == ("goes", "went")
    assert f.applicability is Applicability.DISPLAY_ONLY  # two replacements: the writer picks


def test_this_is_an_test() -> None:
    (f,) = _check("This is an test.\n")
    assert (f.rule, f.matched, f.category) == ("languagetool/EN_A_VS_AN", "an", Category.GRAMMAR)
    assert f.suggestions == ("a",)
    assert f.applicability is Applicability.UNSAFE
    assert [(e.span.start, e.span.end, e.text) for e in f.edits] == [(8, 10, "a")]
    assert f.title == "Replace “an” with “a”"


def test_exact_source_span_after_emoji_and_markup() -> None:
    source = (
        "---\ntitle: Emoji 🎉\n---\n\n# A heading 😀\n\n"
        "Some **bold 👩‍👩‍👧** text and `code 🎉` here.\n\n"
        "- 🇨🇭 He go to school.\n- 😀😀 This is an test.\n"
    )
    doc = read_document("a.md", source)
    engine = LanguageToolEngine({})
    try:
        findings = list(engine.check(doc, EngineContext()))
    finally:
        engine.close()
    spans = {}
    for f in findings:
        d = locate(doc, f, None)
        spans[f.rule] = source[d.span.start : d.span.end]
        if f.rule == "languagetool/EN_A_VS_AN":
            assert d.fix is not None
            (edit,) = d.fix.edits
            assert source[edit.start : edit.end] == "an"
            assert source[: edit.start] + "a" + source[edit.end :] == source.replace(
                "an test", "a test"
            )
    assert spans == {"languagetool/HE_VERB_AGR": "go", "languagetool/EN_A_VS_AN": "an"}


def test_blocks_are_split_back() -> None:
    source = "First paragraph is fine.\n\nSecond is fine too.\n\nThird has an mistake.\n"
    (f,) = _check(source, "a.txt")
    assert f.block.index == 2
    assert f.block.text[f.span.start : f.span.end] == "an"


def test_several_replacements_are_display_only_and_capped() -> None:
    f = _by_rule(_check("I read teh letter yesterday.\n"), "MORFOLOGIK_RULE_EN_US")
    assert f.category is Category.SPELLING
    assert 1 < len(f.suggestions) <= 5
    assert f.applicability is Applicability.DISPLAY_ONLY
    assert f.edits[0].text == f.suggestions[0]


def test_safe_option_promotes_one_replacement() -> None:
    (f,) = _check("This is an test.\n", options={"safe": ["languagetool/EN_A_VS_AN"]})
    assert f.applicability is Applicability.SAFE


def test_disable_and_disabled_categories() -> None:
    assert _check("This is an test.\n", options={"disable": ["EN_A_VS_AN"]}) == []
    assert _check("He go to school.\n", options={"disable-categories": ["GRAMMAR"]}) == []


def test_house_rules_win_by_default() -> None:
    source = 'We saw the the film.  It was "good"...\n'
    assert {f.rule for f in _check(source)} & {
        f"languagetool/{r}" for r in DEFAULT_DISABLED
    } == set()
    enabled = _check(source, options={"enable": ["ENGLISH_WORD_REPEAT_RULE"]})
    assert "languagetool/ENGLISH_WORD_REPEAT_RULE" in {f.rule for f in enabled}


def test_selecting_a_default_off_rule_by_name_turns_it_on() -> None:
    source = "We saw the the film.\n"
    sel = Selection(select=("languagetool/ENGLISH_WORD_REPEAT_RULE",))
    found = _check(source, ctx=EngineContext(is_selected=sel.is_selected))
    assert [f.rule for f in found] == ["languagetool/ENGLISH_WORD_REPEAT_RULE"]
    ignored = Selection(select=("languagetool",), ignore=("languagetool/EN_A_VS_AN",))
    assert _check("This is an test.\n", ctx=EngineContext(is_selected=ignored.is_selected)) == []


def test_vocabulary_is_accepted_spelling() -> None:
    source = "Zorblax engines are fast.\n"
    assert _by_rule(_check(source), "MORFOLOGIK_RULE_EN_US").matched == "Zorblax"
    assert _check(source, ctx=EngineContext(vocabulary=frozenset({"Zorblax"}))) == []
    lower = "The zorblax engine is fast.\n"
    assert _by_rule(_check(lower), "MORFOLOGIK_RULE_EN_US").matched == "zorblax"
    assert _check(lower, ctx=EngineContext(vocabulary=frozenset({"zorblax"}))) == []
    phrase = "We met at Villa Quorblenza in May.\n"
    assert _check(phrase, ctx=EngineContext(vocabulary=frozenset({"Villa Quorblenza"}))) == []


def test_names_the_article_repeats_are_not_misspellings() -> None:
    source = "Zorblax founded the firm.\n\nLater, Zorblax sold it to a rival.\n"
    assert _check(source) == []
    once = "Later, Zorblax sold it to a rival.\n"  # a capital inside a sentence: a name
    assert _check(once) == []
    typo_twice = "Teh cat sat.\n\nTeh dog ran.\n"  # only ever at a sentence start: a typo
    assert len([f for f in _check(typo_twice) if f.category is Category.SPELLING]) == 2


def test_placeholders_are_not_misspelled_or_judged() -> None:
    assert _check("Run `qwzxv --frobnicate` now.\n") == []
    assert _check("Use a `apt` command or an `make` call.\n") == []
    assert _check("`npm` is a tool.\n") == []


def test_rules_listing() -> None:
    rules = {r.id: r for r in LanguageToolEngine().rules()}
    assert rules["languagetool/EN_A_VS_AN"].enabled
    assert rules["languagetool/EN_A_VS_AN"].category is Category.GRAMMAR
    assert not rules["languagetool/ENGLISH_WORD_REPEAT_RULE"].enabled
    assert all(r.engine == "languagetool" for r in rules.values())
    on = {r.id: r for r in LanguageToolEngine({"enable": ["EN_QUOTES"]}).rules()}
    assert on["languagetool/EN_QUOTES"].enabled


def test_unknown_option_is_one_line_naming_the_table() -> None:
    with pytest.raises(ConfigError, match=r"\[tool.copylint.languagetool\] unknown key 'pickey'"):
        Options.parse({"pickey": True})


def test_parallel_checks_on_one_engine() -> None:
    engine = LanguageToolEngine({})
    sources = [
        f"{'😀' * i} Paragraph {i}.\n\nHe go to school. This is an test.\n" for i in range(10)
    ]
    docs = [read_document(f"{i}.md", s) for i, s in enumerate(sources)]
    try:
        with ThreadPoolExecutor(max_workers=5) as pool:
            results = list(pool.map(lambda d: list(engine.check(d, EngineContext())), docs))
    finally:
        engine.close()
    for findings in results:
        assert [(f.rule, f.matched) for f in findings] == [
            ("languagetool/HE_VERB_AGR", "go"),
            ("languagetool/EN_A_VS_AN", "an"),
        ]


def test_through_the_pipeline() -> None:
    from copylint.pipeline import lint_text

    source = "# Title 🎉\n\nThis is an test with `code`.\n"
    found = [d for d in lint_text(source, "a.md") if d.rule == "languagetool/EN_A_VS_AN"]
    (d,) = found
    assert source[d.span.start : d.span.end] == "an"
    assert d.suggestions == ("a",)


# When no server can be had -----------------------------------------------------------------


@pytest.fixture
def failing_server() -> Iterator[str]:
    class _Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = b"Error: Internal Error"
            self.send_response(500)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_http_error_is_engine_unavailable(failing_server: str) -> None:
    engine = LanguageToolEngine({}, url=failing_server)
    with pytest.raises(EngineUnavailable, match="answered HTTP 500") as info:
        list(engine.check(read_document("a.md", "Hello there.\n"), EngineContext()))
    assert "\n" not in str(info.value)


def test_no_java_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(server.URL_ENV)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(server, "status", lambda: None)
    engine = LanguageToolEngine({})
    doc = read_document("a.md", "Hello there.\n")
    with pytest.raises(EngineUnavailable, match="Java is not installed"):
        list(engine.check(doc, EngineContext()))
    with pytest.raises(EngineUnavailable, match="Java is not installed"):  # no second attempt
        list(engine.check(doc, EngineContext()))
    engine.close()


@pytest.mark.slow
def test_engine_starts_and_stops_its_own_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(server.URL_ENV)
    monkeypatch.setattr(server, "status", lambda: None)
    launched: list[int] = []
    real_launch = server.launch

    def spy(**kw: object) -> object:
        proc, info = real_launch(**kw)  # type: ignore[arg-type]
        launched.append(proc.pid)
        return proc, info

    monkeypatch.setattr(server, "launch", spy)
    engine = LanguageToolEngine({"heap": "512m"})
    (f,) = engine.check(read_document("a.md", "This is an test.\n"), EngineContext())
    assert f.matched == "an"
    (pid,) = launched
    assert server._is_languagetool(pid)
    assert b"-Xmx512m" in Path(f"/proc/{pid}/cmdline").read_bytes()
    engine.close()
    assert not server._is_languagetool(pid)


def test_recorded_response_shape_is_what_the_engine_reads() -> None:
    # Guards the fields the client reads against a silent API change (a real 6.8 response).
    body = json.loads(
        '{"matches":[{"message":"m","shortMessage":"Wrong article","replacements":[{"value":"a"}],'
        '"offset":8,"length":2,"rule":{"id":"EN_A_VS_AN","issueType":"misspelling",'
        '"category":{"id":"MISC","name":"Miscellaneous"}}}]}'
    )
    from copylint.languagetool.client import parse_matches

    (m,) = parse_matches(body, "This is an test.")
    assert (m.offset, m.length, m.rule_id, m.category_id) == (8, 2, "EN_A_VS_AN", "MISC")


def test_long_files_go_in_several_requests_split_between_blocks() -> None:
    source = "".join(f"Paragraph {i} 😀 is fine. This is an test.\n\n" for i in range(6))
    whole = _check(source, "a.txt")
    split = _check(source, "a.txt", options={"max-request-chars": 60})
    assert [(f.block.index, f.span, f.rule) for f in split] == [
        (f.block.index, f.span, f.rule) for f in whole
    ]
    assert [f.block.index for f in split] == list(range(6))
    assert {f.matched for f in split} == {"an"}


_SENTENCE_START_SPEC = re.compile(r"(?:^|[.!?:…]\s+|\n)[\s\"“‘'(\[]*$")


@given(st.text(alphabet="ab .!?:…\n\t “‘'([\"\u00a0,;", max_size=16), st.data())
def test_opens_sentence_matches_its_regular_expression(text: str, data: st.DataObject) -> None:
    """opens_sentence looks back over a short run only; the regex it replaced (searched over the
    whole prefix, quadratic on long paragraphs) is its specification."""
    start = data.draw(st.integers(0, len(text)))
    assert opens_sentence(text, start) == bool(_SENTENCE_START_SPEC.search(text, 0, start))

"""Fixes never lose text: property tests over generated Markdown, HTML and plain text with
errors injected, through the fix loop and through `copylint check --fix`."""

from __future__ import annotations

import codecs
import itertools
import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copylint.cli import cli
from copylint.config import Config
from copylint.diagnostics import Applicability, Span
from copylint.document import read_document
from copylint.fixes import MAX_ROUNDS, apply_edits, select_fixes
from copylint.pipeline import Linter

# Errors a writer makes, each a house rule's business; some are safe to fix, some are not.
ERRORS = [
    "Paris in the the spring.",
    "We met met again.",
    "It was late.So we left.",
    "The council met on Tuesday , she said.",
    "Two  spaces here.",
    "Trailing space here. ",
    "A “mixed\" quote and 'another’ one.",
    "thepresident said so.",
    "He said said that that was fine.",
    "It is is what it is.",
    "The The start of a sentence.",
    "Villa La Grange Villa hosted it.",
    "A line with a tab\there.",
    "Café au lait au lait, naïve naïve.",
    "東京 東京 and emoji 🎉 🎉 too.",
]
CLEAN = ["The mayor spoke.", "Rain fell all day.", "She had had enough.", "Prices rose."]

MD_MARKUP = [
    "```\ncode the the stays\n  x  =  1 ,2\n```",
    "~~~python\nprint('the the')\n~~~",
    "    indented code the the",
    "Run `the the` and `a  b` now.",
    'See [the the link](https://example.org/the%20the?a=1&b=2 "the the") here.',
    "Go to <https://example.org/a  b> or https://example.org/the_the today.",
    "Mail <me@example.org> now.",
    '<span class="the the">the</span> end.',
    "<!-- copylint: the the comment -->",
    "| a the the | b |\n|---|---|\n| `c  c` | [d](http://d.org/x  x) |",
    "*emphasis* and **strong the** the words.",
    "Footnote here.[^1]\n\n[^1]: The the note.",
    "![the the alt](img/the%20the.png)",
    "# A heading with with a slip",
    "> Quoted quoted text.",
    "- item one\n- item item two",
    "Escaped \\*stars\\* and &amp; entity.",
]
HTML_MARKUP = [
    "<pre>the the code</pre>",
    "<code>a  b</code>",
    '<a href="http://x.org/the  the" title="the the">the link</a>',
    "<!-- the the -->",
    "<script>var a = 'the the';</script>",
    '<img src="a.png" alt="the the">',
    "&amp; &lt;the&gt; &#233;t&eacute;",
    "<b>bold</b> <i>the</i> the",
]
FRONT_MATTER = [
    "---\ntitle: The the title\ntags: [a, b]\n---\n",
    "+++\ntitle = 'the  the'\n+++\n",
]

LINE_ENDINGS = st.sampled_from(["\n", "\r\n", "mixed"])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, str]:
    """(path, text): a Markdown, HTML or plain-text article with errors and markup mixed in."""
    fmt = draw(st.sampled_from(["md", "html", "txt"]))
    prose = st.sampled_from(ERRORS + CLEAN)
    if fmt == "md":
        piece = st.one_of(prose, st.sampled_from(MD_MARKUP))
    elif fmt == "html":
        piece = st.one_of(prose.map(lambda p: f"<p>{p}</p>"), st.sampled_from(HTML_MARKUP))
    else:
        piece = prose
    parts = draw(st.lists(piece, min_size=1, max_size=8))
    text = "\n\n".join(parts) + draw(st.sampled_from(["\n", "", "\n\n"]))
    if fmt == "md" and draw(st.booleans()):
        text = draw(st.sampled_from(FRONT_MATTER)) + "\n" + text
    ending = draw(LINE_ENDINGS)
    lines = text.split("\n")
    if ending == "mixed":
        seps = draw(
            st.lists(st.sampled_from(["\n", "\r\n"]), min_size=len(lines), max_size=len(lines))
        )
        text = "".join(line + sep for line, sep in zip(lines[:-1], seps, strict=False)) + lines[-1]
    else:
        text = ending.join(lines)
    return f"article.{fmt}", text


_LINTER = Linter(Config(), None)
_LINTER.engines = [e for e in _LINTER.engines if e.name == "house"]


def _shift(span: Span, edits: list[tuple[int, int, str]]) -> Span:
    delta = sum(len(t) - (e - s) for s, e, t in edits if e <= span.start)
    return Span(span.start + delta, span.end + delta)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from([Applicability.SAFE, Applicability.UNSAFE]))
def test_fix_rounds_edit_only_flagged_prose(
    doc_text: tuple[str, str], threshold: Applicability
) -> None:
    """Round by round: every applied edit lies in a flagged span, outside every protected range,
    adds or removes no carriage return, and every protected range of the original (code, URLs,
    front matter, tags) is still there byte for byte at the end; the loop's result agrees."""
    path, original = doc_text
    text = original
    tracked = [(p, original[p.start : p.end]) for p in read_document(path, original).protected]
    for _ in range(MAX_ROUNDS):
        doc = read_document(path, text)
        diagnostics = _LINTER.lint_document(doc)
        fixes = select_fixes(diagnostics, threshold)
        if not fixes:
            break
        by_fix = {id(d.fix): d for d in diagnostics if d.fix is not None}
        edits: list[tuple[int, int, str]] = []
        for f in fixes:
            d = next(d for d in diagnostics if d.fix is f) if id(f) not in by_fix else by_fix[id(f)]
            for e in f.edits:
                assert not doc.is_protected(e), f"{d.rule} edits protected text: {e}"
                assert d.span.start - 1 <= e.start and e.end <= d.span.end + 1, (d, e)
                assert "\r" not in text[e.start : e.end] and "\r" not in e.text, (d, e)
                edits.append((e.start, e.end, e.text))
        edits.sort()
        for (_, end, _), (start, _, _) in itertools.pairwise(edits):
            assert end <= start, "overlapping edits applied"
        new_tracked = []
        for span, content in tracked:
            assert not any(s < span.end and span.start < e for s, e, _ in edits if s != e)
            new_tracked.append((_shift(span, edits), content))
        tracked = new_tracked
        text = apply_edits(text, [f_e for f in fixes for f_e in f.edits])
    for span, content in tracked:
        assert text[span.start : span.end] == content, "a protected range changed"
    outcome = _LINTER.fix(path, original, threshold)
    assert outcome.text == text
    again = _LINTER.fix(path, outcome.text, threshold)
    assert again.text == outcome.text and again.applied == 0, "fixing is not idempotent"


ENCODINGS = [
    (b"", "utf-8"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(documents(), st.sampled_from(ENCODINGS), st.sampled_from([0o644, 0o600, 0o664]))
def test_cli_fix_keeps_encoding_bom_endings_and_settles(
    doc_text: tuple[str, str], enc: tuple[bytes, str], mode: int
) -> None:
    """`check --fix` writes exactly the loop's text in the file's own encoding, BOM and line
    endings, keeps the permissions, a second --fix changes nothing, and `check` then finds
    no safe-fixable diagnostic."""
    import tempfile

    path, original = doc_text
    bom, encoding = enc
    with tempfile.TemporaryDirectory() as folder:
        p = Path(folder) / path
        p.write_bytes(bom + original.encode(encoding))
        p.chmod(mode)
        runner = CliRunner()
        args = ["check", "--select", "house", "--no-cache"]
        first = runner.invoke(cli, [*args, "--fix", str(p)])
        assert first.exit_code in (0, 1), first.output
        expected = _LINTER.fix(path, original, Applicability.SAFE).text
        data = p.read_bytes()
        assert data == bom + expected.encode(encoding)
        assert (p.stat().st_mode & 0o777) == mode
        second = runner.invoke(cli, [*args, "--fix", str(p)])
        assert second.exit_code == first.exit_code
        assert p.read_bytes() == data, "a second --fix changed the file"
        report = runner.invoke(cli, [*args, "--format", "json", str(p)])
        diagnostics = json.loads(report.stdout)["files"][0]["diagnostics"]
        assert not [d for d in diagnostics if d["fix"] and d["fix"]["applicability"] == "safe"]

"""Tests for the HTML reporter: marks on the flagged text, escaping, no external assets, and the
page itself in a real headless Chromium (console, marks, filters, a screenshot).

The browser tests need Debian's `chromium` and the `websocket-client` package. Under CI (CI=true)
a missing one fails the test; elsewhere the browser tests are skipped with the reason.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.config import Config, Selection
from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.pipeline import FileResult, Linter, check_source
from copylint.reporters.html import _CSS, _JS, render
from copylint.sources import SourceFile

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts"

ARTICLE = """\
---
title: A week in Geneva
date: 2024-03-14
---

# A week in Geneva

We arrived on Friday, 14 March 2024 and walked to the the lake.It was cold.
The guide said “welcome” and “good luck”, then “see you” and "goodbye" before she left.

A reader pasted <script>window.__copylintPwned = 1</script> into the comments; the map
is at https://example.com/map.png and <img src="https://example.com/x.png"> was sent too.
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@functools.cache
def house_result(text: str = ARTICLE, path: str = "articles/geneva.md") -> FileResult:
    """Real copylint output: the house rules over an article."""
    linter = Linter(Config(selection=Selection(("house",), ())))
    try:
        return check_source(linter, SourceFile(path, text))
    finally:
        linter.close()


def diag(
    rule: str,
    start: int,
    end: int,
    severity: Severity = Severity.WARNING,
    message: str = "m",
    fix: Fix | None = None,
    related: tuple[Diagnostic, ...] = (),
) -> Diagnostic:
    return Diagnostic(
        rule, message, Span(start, end), severity, Category.GRAMMAR, fix, related=related
    )


# Crossing, nested, identical and zero-width spans, with hostile messages and path.
CRAFTED_SOURCE = "Their is an apple <b>here</b>, said he.\r\nSecond line.\n"
CRAFTED = FileResult(
    path='notes/<img src=x onerror="alert(1)">.txt',
    source=CRAFTED_SOURCE,
    diagnostics=[
        diag(
            "languagetool/THEIR_IS",
            0,
            8,
            Severity.ERROR,
            "Did you mean “There is”? <script>window.__copylintPwned = 2</script>",
            Fix("Replace with “There”", (Edit(0, 5, "There"),), Applicability.UNSAFE),
            related=(diag("proselint/misc.x", 6, 14, Severity.INFO, "crossing related one"),),
        ),
        diag("proselint/misc.apple", 12, 17, Severity.INFO, "an apple, <b>bold</b> & more"),
        diag("languagetool/SAME_SPAN", 12, 17, Severity.WARNING, "same span as the one before"),
        diag("house/nothing-here", 29, 29, Severity.WARNING, "zero width"),
        diag(
            "house/whitespace",
            39,
            41,
            Severity.WARNING,
            "a line break is flagged",
            Fix("Remove it", (Edit(39, 41, ""),), Applicability.SAFE),
        ),
    ],
)


# --- a small parser for the generated HTML -------------------------------------------------


_VOID = frozenset({"meta", "input", "br", "img", "link", "hr", "wbr", "source"})


class Page(HTMLParser):
    """Collects the article text, each mark's text (pieces joined), tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.articles: list[str] = []
        self.in_article = 0  # depth of the open article div, 0 outside
        self.marks: dict[str, dict[str, str]] = {}
        self.open_marks: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.inserts: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag == "div" and a.get("class") == "article":
            self.in_article = len(self.stack)
            self.articles.append("")
        if tag == "mark" and "data-rule" in a:
            info = self.marks.setdefault(a["data-d"], {**a, "text": ""})
            assert info["data-rule"] == a["data-rule"], "pieces of one mark disagree"
            self.open_marks.append(a["data-d"])
        if tag == "ins" and self.in_article:
            self.inserts.append(a)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        if tag == "mark" and self.open_marks and self.stack[-1] == "mark":
            self.open_marks.pop()
        if self.in_article == len(self.stack):
            self.in_article = 0
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.scripts.append(data)
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        if self.in_article:
            self.articles[-1] += data
            for d in set(self.open_marks):
                self.marks[d]["text"] += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def all_marks(results: list[FileResult]) -> dict[str, tuple[FileResult, Diagnostic]]:
    """The mark id each diagnostic should get (documented order: sorted by span, then rule)."""
    out = {}
    for f, r in enumerate(results):
        ordered = sorted(r.diagnostics, key=lambda d: (d.span.start, d.span.end, d.rule))
        for i, d in enumerate(ordered):
            out[f"f{f}-d{i}"] = (r, d)
            for k, rel in enumerate(d.related):
                out[f"f{f}-d{i}-r{k}"] = (r, rel)
    return out


# --- unit tests on the HTML ---------------------------------------------------------------


def test_the_real_article_has_the_expected_findings() -> None:
    rules = [d.rule for d in house_result().diagnostics]
    for rule in ("house/dates", "house/duplicated-word", "house/missing-space"):
        assert rule in rules
    assert any(r.startswith("house/typography/") for r in rules)


@pytest.mark.parametrize("results", [[house_result()], [CRAFTED], [house_result(), CRAFTED]])
def test_every_diagnostic_has_a_mark_around_exactly_its_text(results: list[FileResult]) -> None:
    page = parse(render(results))
    expected = all_marks(results)
    assert set(page.marks) == set(expected)
    for mark_id, (r, d) in expected.items():
        mark = page.marks[mark_id]
        assert mark["text"] == r.source[d.span.start : d.span.end], (mark_id, d.rule)
        assert mark["data-rule"] == d.rule
        assert mark["data-engine"] == d.engine
        assert mark["data-severity"] == d.severity.label
        assert d.message in mark["title"]
    assert page.articles == [r.source for r in results]  # the text itself is untouched


def test_fixes_are_tracked_changes() -> None:
    r = house_result()
    page = parse(render([r]))
    dates = next(d for d in r.diagnostics if d.rule == "house/dates")
    mark_id = next(k for k, (_, d) in all_marks([r]).items() if d is dates)
    inserts = [i for i in page.inserts if i["data-d"] == mark_id]
    assert [i["data-ins"] for i in inserts] == ["Thursday"]
    assert inserts[0]["class"] == "unsafe"
    deleted = [t for t, a in page.tags if t == "del" and a.get("data-d") == mark_id]
    assert len(deleted) == 1
    # An inserted space is shown as a visible glyph.
    assert any(i["data-ins"] == "␣" for i in page.inserts)


def test_article_and_messages_are_escaped() -> None:
    html = render([house_result(), CRAFTED])
    page = parse(html)
    assert [t for t, _ in page.tags if t == "script"] == ["script"]
    assert page.scripts == [_JS]
    assert [t for t, _ in page.tags if t == "img"] == []
    assert [t for t, _ in page.tags if t == "b"] == []
    assert "&lt;script&gt;window.__copylintPwned = 1&lt;/script&gt;" in html
    assert "&lt;script&gt;window.__copylintPwned = 2&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.txt" in html


def test_no_external_assets() -> None:
    html = render([house_result(), CRAFTED])
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag not in {"link", "iframe", "object", "embed", "img", "base", "form"}
        for name in ("src", "href", "action", "data", "poster", "srcset", "formaction"):
            value = attrs.get(name, "")
            assert not value or value.startswith("#"), (tag, name, value)
    for css in page.styles:
        assert "url(" not in css and "@import" not in css
    assert "fetch(" not in _JS and "XMLHttpRequest" not in _JS
    # The article's URLs are there, as text.
    assert "https://example.com/map.png" in page.articles[0]
    csp = next(
        a["content"] for t, a in page.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp
    assert page.styles == [_CSS]


def test_summary_per_file_and_per_category() -> None:
    failed = FileResult("missing.md", error="cannot read: no such file")
    page = parse(render([house_result(), CRAFTED, failed]))
    text = "".join(d for d in page.articles)
    assert "cannot read" not in text
    html = render([house_result(), CRAFTED, failed])
    assert '<a href="#file-0">articles/geneva.md</a>' in html
    assert "cannot read: no such file" in html
    diags = [d for r in (house_result(), CRAFTED) for d in r.diagnostics]
    for category, n in Counter(d.category for d in diags).items():
        assert f"<td>{category.value}</td><td class=num>{n}</td>" in html
    assert "<td>dates</td><td class=num>1</td>" in html
    assert "3 files" in html and "1 file could not be checked" in html


def test_filters_for_each_engine_and_severity() -> None:
    page = parse(render([house_result(), CRAFTED]))
    boxes = {(a["data-filter"], a["value"]) for t, a in page.tags if t == "input"}
    assert boxes == {
        ("engine", "house"),
        ("engine", "languagetool"),
        ("engine", "proselint"),
        ("severity", "error"),
        ("severity", "warning"),
        ("severity", "info"),
    }
    notes = [a for t, a in page.tags if t == "li" and "note" in a.get("class", "")]
    assert {n["data-d"] for n in notes} == set(all_marks([house_result(), CRAFTED]))


def test_clean_file_is_collapsed_and_empty_run_renders() -> None:
    html = render([FileResult("ok.md", source="All good.\n")])
    assert '<details class="file" id="file-0">' in html
    assert "0 problems in 1 file" in html
    parse(render([]))


_TEXT = st.text(alphabet="ab \n\r<&\"'é", min_size=0, max_size=40)


@st.composite
def results(draw: st.DrawFn) -> FileResult:
    source = draw(_TEXT)
    n = len(source)
    diags = []
    for i in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n))))
        fix = None
        if draw(st.booleans()):
            c, e = sorted(draw(st.tuples(st.integers(0, n), st.integers(0, n))))
            text = draw(st.sampled_from(["", " ", "x<y", "\n"]))
            fix = Fix("t", (Edit(c, e, text),), draw(st.sampled_from(list(Applicability))))
        sev = draw(st.sampled_from(list(Severity)))
        diags.append(diag(f"house/r{i}", a, b, sev, fix=fix))
    return FileResult("p.md", diags, source=source)


@settings(max_examples=300, deadline=None)
@given(results())
def test_any_spans_render_well_nested_with_every_mark(r: FileResult) -> None:
    page = parse(render([r]))
    assert not page.stack
    assert page.articles == [r.source]
    expected = all_marks([r])
    assert set(page.marks) == set(expected)
    for mark_id, (_, d) in expected.items():
        assert page.marks[mark_id]["text"] == r.source[d.span.start : d.span.end]


# --- the page in a real browser -----------------------------------------------------------


class CdpError(Exception):
    """A DevTools Protocol command failed."""


class Browser:
    """A headless Chromium driven over the DevTools Protocol, one page attached."""

    def __init__(self, binary: str, workdir: Path) -> None:
        import websocket  # websocket-client

        self.profile = Path(tempfile.mkdtemp(prefix="chromium-", dir=workdir))
        self.log = (workdir / "chromium.log").open("w")
        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"chromium did not start; see {workdir / 'chromium.log'}")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=30, suppress_origin=True
        )
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.settimeout(60)
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the attached page."""
        return self.call(method, self.session, **params)

    def wait_for(self, method: str, since: int, timeout: float = 20) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events[since:]:
                if event.get("method") == method:
                    return event
            since = len(self.events)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {method} within {timeout} s")
            self.ws.settimeout(left)
            self.events.append(json.loads(self.ws.recv()))

    def open(self, url: str) -> int:
        """Navigate and wait for the load event; returns the index of the first event of it."""
        mark = len(self.events)
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", mark)
        self.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return mark

    def eval(self, expression: str) -> Any:
        reply = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in reply:
            raise CdpError(f"{expression!r}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click at the centre of the element."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box[0],
                y=box[1],
                button="left",
                clickCount=1,
            )
        self.eval("new Promise(r => requestAnimationFrame(r))")

    def screenshot(self, name: str, workdir: Path) -> Path:
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.send(
            "Page.captureScreenshot",
            format="png",
            captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": 1280, "height": min(size["height"], 6000), "scale": 1},
        )
        import base64

        data = base64.b64decode(shot["data"])
        out = workdir / name
        out.write_bytes(data)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / name).write_bytes(data)
        return out

    def problems(self, since: int = 0) -> list[str]:
        """Console errors and warnings, uncaught exceptions, and any request not to a file."""
        found = []
        for e in self.events[since:]:
            method, p = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {p['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and p["type"] in (
                "error",
                "warning",
                "assert",
            ):
                found.append(f"console.{p['type']}: {p['args']}")
            elif method == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                found.append(f"log {p['entry']['level']}: {p['entry']['text']}")
            elif method == "Network.requestWillBeSent":
                url = p["request"]["url"]
                if not url.startswith(("file://", "about:", "data:")):
                    found.append(f"network request: {url}")
        return found

    def close(self) -> None:
        ws = getattr(self, "ws", None)
        if ws is not None:
            ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def _chromium() -> str | None:
    given = os.environ.get("COPYLINT_CHROMIUM")
    if given:
        return shutil.which(given)
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Browser, Path]]:
    binary = _chromium()
    missing = None
    if binary is None:
        missing = "chromium is not installed (apt-get install -y chromium)"
    else:
        try:
            import websocket  # noqa: F401
        except ImportError:
            missing = "websocket-client is not installed (pip install websocket-client)"
    if missing:
        if _in_ci():
            pytest.fail(f"{missing}; CI=true: the browser tests must run", pytrace=False)
        pytest.skip(missing)
    assert binary is not None
    workdir = tmp_path_factory.mktemp("browser")
    b = Browser(binary, workdir)
    try:
        yield b, workdir
    finally:
        b.close()


@pytest.fixture
def report(browser: tuple[Browser, Path]) -> tuple[Browser, Path, list[FileResult], int]:
    b, workdir = browser
    results = [house_result(), CRAFTED, FileResult("missing.md", error="cannot read: gone")]
    page = workdir / "report.html"
    page.write_text(render(results), encoding="utf-8")
    since = b.open(page.as_uri())
    return b, workdir, results, since


_MARKS_JS = """(() => {
  const by = {};
  for (const m of document.querySelectorAll('.article mark[data-rule]')) {
    const d = m.dataset.d;
    by[d] = by[d] || {rule: m.dataset.rule, engine: m.dataset.engine,
                      severity: m.dataset.severity, text: ''};
    by[d].text += m.textContent;
  }
  return by;
})()"""


def test_page_loads_cleanly_and_marks_sit_on_the_words(
    report: tuple[Browser, Path, list[FileResult], int],
) -> None:
    b, workdir, results, since = report
    assert b.problems(since) == []
    assert b.eval("typeof window.__copylintPwned") == "undefined"
    articles = b.eval("Array.from(document.querySelectorAll('.article'), a => a.textContent)")
    assert articles == [r.source for r in results if not r.error]
    marks = b.eval(_MARKS_JS)
    expected = all_marks(results)
    assert set(marks) == set(expected)
    for mark_id, (r, d) in expected.items():
        assert marks[mark_id] == {
            "rule": d.rule,
            "engine": d.engine,
            "severity": d.severity.label,
            "text": r.source[d.span.start : d.span.end],
        }
    # The fix reads as a tracked change: struck deletion, underlined insertion.
    dates_id = next(k for k, (_, d) in expected.items() if d.rule == "house/dates")
    look = b.eval(
        f"""(() => {{
        const m = document.getElementById({json.dumps(dates_id)});
        const del = m.querySelector('del'), ins = m.querySelector('ins');
        const before = getComputedStyle(ins, '::before');
        return [getComputedStyle(del).textDecorationLine, before.content,
                before.textDecorationLine, m.title];
    }})()"""
    )
    assert look[0] == "line-through"
    assert look[1] == '"Thursday"'
    assert look[2] == "underline"
    assert "Thursday, not a Friday" in look[3]
    # Margin notes sit beside the text, level with (or below) their mark.
    placed = b.eval(
        f"""(() => {{
        const m = document.getElementById({json.dumps(dates_id)}).getBoundingClientRect();
        const n = document.querySelector('li.note[data-d={json.dumps(dates_id)}]')
                    .getBoundingClientRect();
        return [n.left >= m.right, Math.abs(n.top - m.top) < 40];
    }})()"""
    )
    assert placed == [True, True]
    shot = b.screenshot("html-report.png", workdir)
    assert shot.stat().st_size > 10_000


_VISIBILITY_JS = """(() => Array.from(document.querySelectorAll('li.note'), n => {
  const marks = Array.from(document.querySelectorAll('.article [data-d~="' + n.dataset.d + '"]'));
  return {
    id: n.dataset.d, engine: n.dataset.engine, severity: n.dataset.severity,
    note: getComputedStyle(n).display !== 'none',
    marks: marks.filter(e => e.tagName === 'MARK').map(e => {
      const s = getComputedStyle(e);
      return s.backgroundColor !== 'rgba(0, 0, 0, 0)' || s.boxShadow !== 'none';
    }),
    text: marks.filter(e => e.tagName === 'MARK').every(e => getComputedStyle(e).display !== 'none'),
    ins: marks.filter(e => e.tagName === 'INS').map(e => getComputedStyle(e).display !== 'none'),
  };
}))()"""


def _check_shown(rows: list[dict[str, Any]], hidden: Any) -> None:
    for row in rows:
        visible = not hidden(row)
        assert row["note"] is visible, row
        assert all(m is visible for m in row["marks"]), row
        assert row["text"], row  # the article text never disappears
        if row["id"].count("-") == 1:  # a leader's tracked change follows it
            assert all(i is visible for i in row["ins"]), row


def test_filters_hide_what_they_should(
    report: tuple[Browser, Path, list[FileResult], int],
) -> None:
    b, workdir, _, since = report
    rows = b.eval(_VISIBILITY_JS)
    _check_shown(rows, lambda r: False)
    assert {r["engine"] for r in rows} == {"house", "languagetool", "proselint"}

    b.click('input[data-filter="engine"][value="house"]')
    assert b.eval("document.querySelector('input[value=\"house\"]').checked") is False
    _check_shown(b.eval(_VISIBILITY_JS), lambda r: r["engine"] == "house")
    b.screenshot("html-report-without-house.png", workdir)

    b.click('input[data-filter="severity"][value="info"]')
    _check_shown(
        b.eval(_VISIBILITY_JS), lambda r: r["engine"] == "house" or r["severity"] == "info"
    )

    b.click('input[data-filter="engine"][value="house"]')
    b.click('input[data-filter="severity"][value="info"]')
    _check_shown(b.eval(_VISIBILITY_JS), lambda r: False)
    assert b.problems(since) == []

"""`--format html`: one self-contained page showing each article with its findings as tracked changes."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from copylint import __version__
from copylint.diagnostics import Applicability, Category, Diagnostic, Severity
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult

_FIX_LABEL = {
    Applicability.SAFE: "safe fix",
    Applicability.UNSAFE: "unsafe fix",
    Applicability.DISPLAY_ONLY: "suggestion",
}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_INVISIBLE = {" ": "␣", "\n": "↵", "\r": "", "\t": "→", "\u00a0": "⍽", "\u202f": "⍽"}


def _e(text: str) -> str:
    """Escape text for element content and quoted attribute values alike."""
    return escape(text, quote=True).replace("\r", "&#13;")


def _visible(text: str) -> str:
    """Whitespace that would be invisible in an insertion, shown as a glyph."""
    if text.strip() and "\n" not in text:
        return text.replace("\u00a0", "⍽").replace("\t", "→")
    return "".join(_INVISIBLE.get(c, c) for c in text)


@dataclass(frozen=True, slots=True, eq=False)
class _Mark:
    """One diagnostic (a merge leader or one of its related findings) placed in the text."""

    id: str
    d: Diagnostic
    start: int
    end: int
    leader: str | None  # the id of the diagnostic this one is related to


@dataclass(frozen=True, slots=True)
class _Insert:
    """Text a fix inserts at an offset (after the text it deletes there)."""

    at: int
    text: str
    owner: _Mark


def _marks(file_no: int, r: FileResult) -> list[_Mark]:
    n = len(r.source)
    ordered = sorted(r.diagnostics, key=lambda d: (d.span.start, d.span.end, d.rule))
    marks: list[_Mark] = []
    for i, d in enumerate(ordered):
        lead = _Mark(f"f{file_no}-d{i}", d, min(d.span.start, n), min(d.span.end, n), None)
        marks.append(lead)
        for k, rel in enumerate(d.related):
            s, e = min(rel.span.start, n), min(rel.span.end, n)
            marks.append(_Mark(f"{lead.id}-r{k}", rel, s, e, lead.id))
    return marks


def _hover(m: _Mark) -> str:
    d = m.d
    lines = [f"{d.rule} ({d.severity.label}, {d.category.value})", d.message]
    if d.fix is not None and m.leader is None:
        lines.append(f"{_FIX_LABEL[d.fix.applicability].capitalize()}: {d.fix.title}")
    elif d.suggestions:
        lines.append("Suggestions: " + ", ".join(f"“{s}”" for s in d.suggestions[:5]))
    return "\n".join(lines)


def _mark_attrs(m: _Mark, first: bool) -> str:
    d = m.d
    attrs = [
        f'id="{m.id}"' if first else "",
        f'class="sev-{d.severity.label}{"" if first else " cont"}"',
        f'data-d="{m.id}"',
        f'data-rule="{_e(d.rule)}"',
        f'data-engine="{_e(d.engine)}"',
        f'data-severity="{d.severity.label}"',
        f'data-category="{d.category.value}"',
        f'title="{_e(_hover(m))}"',
    ]
    return " ".join(a for a in attrs if a)


def _article(source: str, marks: Sequence[_Mark]) -> str:
    """The source text, every mark placed where it is; crossing marks are split into pieces.

    Each `<mark>` holds exactly source text (its textContent is the flagged text): deletions are
    `<del>` around source text, insertions are empty `<ins data-ins>` shown through CSS.
    """
    n = len(source)
    deleted: dict[int, list[tuple[int, _Mark]]] = {}  # start -> [(end, owner)]
    inserts: dict[int, list[_Insert]] = {}
    points: dict[int, list[_Mark]] = {}  # zero-width marks
    bounds = {0, n}
    for m in marks:
        bounds.update((m.start, m.end))
        if m.start == m.end:
            points.setdefault(m.start, []).append(m)
        fix = m.d.fix
        if fix is None or m.leader is not None:
            continue  # only the leader's fix is offered
        for edit in fix.edits:
            s, e = min(edit.start, n), min(edit.end, n)
            bounds.update((s, e))
            if e > s:
                deleted.setdefault(s, []).append((e, m))
            if edit.text:
                inserts.setdefault(e, []).append(_Insert(e, edit.text, m))
    cuts = sorted(bounds)

    starting: dict[int, list[_Mark]] = {}
    for m in marks:
        if m.end > m.start:
            starting.setdefault(m.start, []).append(m)
    order = {m.id: i for i, m in enumerate(marks)}

    def key(m: _Mark) -> tuple[int, int, int]:
        return (m.start, -m.end, order[m.id])

    out: list[str] = []
    stack: list[_Mark] = []
    opened: set[str] = set()

    def move_to(wanted: list[_Mark]) -> None:
        common = 0
        while common < min(len(stack), len(wanted)) and stack[common] is wanted[common]:
            common += 1
        while len(stack) > common:
            stack.pop()
            out.append("</mark>")
        for m in wanted[common:]:
            out.append(f"<mark {_mark_attrs(m, m.id not in opened)}>")
            opened.add(m.id)
            stack.append(m)

    active: list[_Mark] = []
    dels: list[tuple[int, _Mark]] = []
    for i, p in enumerate(cuts):
        active = [m for m in active if m.end > p]
        dels = [(e, o) for e, o in dels if e > p]
        inside = sorted(active, key=key)  # marks that contain p strictly
        for z in points.get(p, ()):
            move_to(inside)
            out.append(f"<mark {_mark_attrs(z, True)} data-empty></mark>")
            opened.add(z.id)
        for ins in inserts.get(p, ()):
            o = ins.owner
            if o.end > o.start and o.start <= p <= o.end and o not in inside:
                move_to(sorted([*inside, o], key=key))
            else:
                move_to(inside)
            cls = o.d.fix.applicability.label if o.d.fix else "safe"
            hover = "" if o in stack else f' title="{_e(_hover(o))}"'  # else the mark's
            out.append(
                f'<ins class="{cls}" data-d="{o.id}" data-ins="{_e(_visible(ins.text))}"{hover}>'
                "</ins>"
            )
        if i + 1 == len(cuts):
            break
        active.extend(starting.get(p, ()))
        dels.extend(deleted.get(p, ()))
        move_to(sorted(active, key=key))
        text = source[p : cuts[i + 1]]
        if dels:
            owners = " ".join(dict.fromkeys(o.id for _, o in dels))
            ws = "" if text.strip() else ' class="ws"'
            out.append(f'<del data-d="{owners}"{ws}>{_e(text)}</del>')
        else:
            out.append(_e(text))
    move_to([])
    return "".join(out)


def _change(source: str, d: Diagnostic) -> str:
    """The fixed passage for the margin, edits inline: “[-"-][+“+]goodbye[-"-][+”+]”."""
    if d.fix is None:
        return ""
    edits = d.fix.edits
    lo, hi = min(d.span.start, edits[0].start), max(d.span.end, edits[-1].end)
    if hi - lo > 80:  # a long passage: only the edits
        lo = hi = edits[0].start
    out, pos = [], lo
    for edit in edits:
        if edit.start > pos:
            out.append(_e(source[pos : edit.start]) if edit.start - pos <= 80 else " … ")
        old = source[edit.start : edit.end]
        if old:
            out.append(f"<del>{_e(old if old.strip() else _visible(old))}</del>")
        if edit.text:
            out.append(f"<ins>{_e(_visible(edit.text))}</ins>")
        pos = max(pos, edit.end)
    if hi > pos:
        out.append(_e(source[pos:hi]))
    return "".join(out)


def _note(m: _Mark, source: str, lines: LineIndex) -> str:
    d = m.d
    line, col = lines.line_col(m.start)
    body = [
        f'<a class="where" href="#{m.id}">{line}:{col}</a> '
        f'<span class="badge sev-{d.severity.label}">{d.severity.label}</span> '
        f'<code class="rule">{_e(d.rule)}</code>',
        f'<p class="msg">{_e(d.message)}</p>',
    ]
    if d.fix is not None and m.leader is None:
        label = _FIX_LABEL[d.fix.applicability]
        body.append(
            f'<p class="fix {d.fix.applicability.label}"><span class="label">{label}:</span> '
            f"{_e(d.fix.title)} <span class=change>{_change(source, d)}</span></p>"
        )
    if d.suggestions:
        shown = ", ".join(f"<q>{_e(s)}</q>" for s in d.suggestions[:8])
        body.append(f'<p class="sugg">suggestions: {shown}</p>')
    if d.also_reported_by:
        body.append(f'<p class="also">also reported by {_e(", ".join(d.also_reported_by))}</p>')
    if m.leader is not None:
        body.insert(1, f'<p class="rel">related to <a href="#{m.leader}">the finding above</a></p>')
    cls = "note related" if m.leader else "note"
    return (
        f'<li class="{cls}" data-d="{m.id}" data-engine="{_e(d.engine)}" '
        f'data-severity="{d.severity.label}">{"".join(body)}</li>'
    )


def _counts(diags: Iterable[Diagnostic]) -> Counter[Severity]:
    return Counter(d.severity for d in diags)


def _file_section(file_no: int, r: FileResult) -> str:
    head = f'<summary><h2><span class="path">{_e(r.path)}</span> '
    if r.error:
        return (
            f'<details class="file failed" id="file-{file_no}" open>{head}'
            f'<span class="count err">not checked</span></h2></summary>'
            f'<p class="error">{_e(r.error)}</p></details>'
        )
    marks = _marks(file_no, r)
    n = len(r.diagnostics)
    count = f"{n} problem{'s' if n != 1 else ''}" if n else "no problems"
    lines = LineIndex(r.source)
    notes = "".join(_note(m, r.source, lines) for m in marks)
    extra = ""
    if r.fix is not None and r.fix.applied:
        extra = (
            f'<p class="info">{r.fix.applied} fix(es) applied; the text below is the result.</p>'
        )
    if r.notice:
        extra += f'<p class="info">{_e(r.notice)}</p>'
    return (
        f'<details class="file" id="file-{file_no}"{" open" if n else ""}>{head}'
        f'<span class="count">{count}</span></h2></summary>{extra}'
        f'<div class="page"><div class="article">{_article(r.source, marks)}</div>'
        f'<ol class="notes">{notes}</ol></div></details>'
    )


def _summary(results: Sequence[FileResult]) -> str:
    diags = [d for r in results for d in r.diagnostics]
    safe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
    failed = sum(1 for r in results if r.error)
    total = (
        f"{len(diags)} problem{'s' if len(diags) != 1 else ''} in "
        f"{len(results)} file{'s' if len(results) != 1 else ''}"
    )
    if safe:
        total += f", {safe} fixable with --fix"
    if failed:
        total += f"; {failed} file{'s' if failed != 1 else ''} could not be checked"

    sev_heads = "".join(f'<th class="num">{s.label}</th>' for s in _SEVERITIES)
    rows = []
    for i, r in enumerate(results):
        c = _counts(r.diagnostics)
        if r.error:
            cells = f'<td colspan="{len(_SEVERITIES) + 2}" class="err">{_e(r.error)}</td>'
        else:
            fixable = sum(
                1 for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE
            )
            cells = f'<td class="num">{len(r.diagnostics)}</td>' + "".join(
                f'<td class="num">{c[s] or ""}</td>' for s in _SEVERITIES
            )
            cells += f'<td class="num">{fixable or ""}</td>'
        rows.append(f'<tr><td><a href="#file-{i}">{_e(r.path)}</a></td>{cells}</tr>')
    by_file = (
        '<table class="by-file"><thead><tr><th>File</th><th class="num">problems</th>'
        f'{sev_heads}<th class="num">fixable</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    cats = sorted({d.category for d in diags}, key=list(Category).index)
    cat_rows = []
    for cat in cats:
        in_cat = [d for d in diags if d.category is cat]
        c = _counts(in_cat)
        engines = ", ".join(sorted({d.engine for d in in_cat}))
        cat_rows.append(
            f"<tr><td>{cat.value}</td><td class=num>{len(in_cat)}</td>"
            + "".join(f'<td class="num">{c[s] or ""}</td>' for s in _SEVERITIES)
            + f"<td>{_e(engines)}</td></tr>"
        )
    by_cat = (
        '<table class="by-category"><thead><tr><th>Category</th><th class="num">problems</th>'
        f"{sev_heads}<th>engines</th></tr></thead><tbody>{''.join(cat_rows)}</tbody></table>"
        if cat_rows
        else ""
    )
    return (
        f'<section class="summary"><p class="total">{total}.</p>'
        f'<div class="tables">{by_file}{by_cat}</div></section>'
    )


def _filters(results: Sequence[FileResult]) -> str:
    every = [d for r in results for d in r.diagnostics]
    every += [rel for d in every for rel in d.related]
    engines = Counter(d.engine for d in every)
    severities = _counts(every)
    boxes = ['<span class="group">Engines</span>']
    for engine in sorted(engines):
        boxes.append(
            f'<label><input type="checkbox" checked data-filter="engine" value="{_e(engine)}"> '
            f'{_e(engine)} <span class="n">{engines[engine]}</span></label>'
        )
    boxes.append('<span class="group">Severity</span>')
    for s in _SEVERITIES:
        boxes.append(
            f'<label class="sev-{s.label}"><input type="checkbox" checked data-filter="severity" '
            f'value="{s.label}"> {s.label} <span class="n">{severities[s]}</span></label>'
        )
    legend = (
        '<span class="legend">fix: <del>deleted</del> <ins data-ins="inserted" class="safe"></ins>'
        ' · <ins data-ins="unsafe" class="unsafe"></ins>'
        ' · <ins data-ins="suggestion" class="display-only"></ins></span>'
    )
    return f'<nav class="filters">{"".join(boxes)}{legend}</nav>'


_CSS = """
:root { --ink:#1f2328; --muted:#656d76; --rule:#d0d7de; --paper:#fff; --bg:#f6f8fa;
  --err:#cf222e; --err-bg:#ffebe9; --warn:#9a6700; --warn-bg:#fff4c2; --info:#0969da;
  --info-bg:#ddf4ff; --del:#b42318; --del-bg:#fde7e7; --ins:#116329; --ins-bg:#dafbe1; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
  font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { padding:14px 24px 0; }
h1 { font-size:20px; margin:0 0 6px; }
h1 .ver { color:var(--muted); font-weight:normal; font-size:13px; }
.summary { padding:0 24px; }
.total { margin:4px 0 10px; font-weight:600; }
.tables { display:flex; flex-wrap:wrap; gap:24px; align-items:flex-start; }
table { border-collapse:collapse; background:var(--paper); border:1px solid var(--rule);
  font-size:13px; }
th, td { padding:3px 10px; border-bottom:1px solid var(--rule); text-align:left; }
th { background:#eef1f4; font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
td.err, .error, .count.err { color:var(--err); }
.filters { position:sticky; top:0; z-index:5; display:flex; flex-wrap:wrap; gap:6px 14px;
  align-items:center; padding:8px 24px; margin-top:12px; background:rgba(246,248,250,.96);
  border-bottom:1px solid var(--rule); font-size:13px; }
.filters .group { font-weight:600; color:var(--muted); margin-left:8px; }
.filters .group:first-child { margin-left:0; }
.filters label { cursor:pointer; user-select:none; }
.filters .n { color:var(--muted); }
.legend { margin-left:auto; color:var(--muted); }
main { padding:8px 24px 40px; }
.file { background:var(--paper); border:1px solid var(--rule); border-radius:6px;
  margin:14px 0; }
.file > summary { cursor:pointer; padding:8px 14px; border-bottom:1px solid var(--rule);
  list-style-position:inside; }
.file > summary h2 { display:inline; font-size:15px; margin:0; }
.file .path { font-family:ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.file .count { color:var(--muted); font-weight:normal; margin-left:8px; }
.file > p { margin:8px 14px; }
.info { color:var(--muted); }
.page { display:grid; grid-template-columns:minmax(0, 72ch) minmax(260px, 1fr); gap:28px;
  padding:16px 14px 20px 24px; }
@media (max-width: 900px) { .page { grid-template-columns:1fr; } }
.article { white-space:pre-wrap; overflow-wrap:anywhere; tab-size:4;
  font:16px/1.75 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
mark { color:inherit; border-radius:2px; padding:1px 0;
  box-decoration-break:clone; -webkit-box-decoration-break:clone; }
mark.sev-warning { background:var(--warn-bg); box-shadow:inset 0 -2px 0 #d4a72c; }
mark.sev-error { background:var(--err-bg); box-shadow:inset 0 -2px 0 var(--err); }
mark.sev-info { background:var(--info-bg); box-shadow:inset 0 -2px 0 #54aeff; }
mark mark { padding:3px 0; }
mark[data-empty]::before { content:"‸"; color:var(--err); }
mark.off[data-empty]::before { content:none; }
mark.off, mark.off.hot { background:none; box-shadow:none; }
mark.hot { outline:2px solid #8250df; outline-offset:1px; }
del { color:var(--del); background:var(--del-bg); text-decoration:line-through;
  text-decoration-thickness:1.5px; }
del.ws { padding:0 1px; }
del.off { color:inherit; background:none; text-decoration:none; padding:0; }
.article ins, .legend ins { text-decoration:none; }
.article ins::before, .legend ins::before { content:attr(data-ins); color:var(--ins);
  background:var(--ins-bg); text-decoration:underline; text-decoration-thickness:1.5px;
  text-underline-offset:2px; }
ins.unsafe::before { text-decoration-style:dashed; }
ins.display-only::before { text-decoration-style:dotted; opacity:.75; }
ins.off { display:none; }
.notes { list-style:none; margin:0; padding:0; font-size:13px; position:relative; }
.notes.placed > .note { position:absolute; left:0; right:0; }
.note { display:block; border:1px solid var(--rule); border-left:4px solid var(--warn); border-radius:4px;
  padding:6px 9px; margin:0 0 8px; background:var(--paper); box-shadow:0 1px 2px rgba(0,0,0,.05); }
.note[data-severity="error"] { border-left-color:var(--err); }
.note[data-severity="info"] { border-left-color:var(--info); }
.note.related { margin-left:18px; }
.note.off { display:none; }
.note.hot { box-shadow:0 0 0 2px #8250df; }
.note p { margin:3px 0 0; }
.note .where { color:var(--muted); font-variant-numeric:tabular-nums; text-decoration:none; }
.note .rule { font-size:12px; color:var(--muted); overflow-wrap:anywhere; }
.note .fix .label, .note .sugg, .note .also, .note .rel { color:var(--muted); }
.note .change del, .note .change ins { padding:0 2px; }
.note .change ins { color:var(--ins); background:var(--ins-bg); }
.badge { font-size:11px; padding:0 5px; border-radius:8px; color:#fff; background:var(--warn); }
.badge.sev-error { background:var(--err); }
.badge.sev-info { background:var(--info); }
.filters .sev-error { color:var(--err); } .filters .sev-warning { color:var(--warn); }
.filters .sev-info { color:var(--info); }
"""

_JS = """
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  function each(sel, fn, root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(sel), fn);
  }
  function layout() {
    each(".page", function (page) {
      var text = page.querySelector(".article"), list = page.querySelector(".notes");
      if (!text || !list) return;
      var beside = list.getBoundingClientRect().left >= text.getBoundingClientRect().right;
      list.classList.toggle("placed", beside && list.offsetParent !== null);
      if (!list.classList.contains("placed")) {
        list.style.height = "";
        each(".note", function (n) { n.style.top = ""; }, list);
        return;
      }
      // Read every position first, then write: one layout, however many notes.
      var origin = list.getBoundingClientRect().top, y = 0, plan = [];
      each(".note", function (n) {
        if (n.classList.contains("off")) return;
        var mark = document.getElementById(n.getAttribute("data-d"));
        plan.push([n, mark ? mark.getBoundingClientRect().top - origin - 6 : 0, n.offsetHeight]);
      }, list);
      plan.forEach(function (p) {
        var top = Math.max(p[1], y);
        p[0].style.top = top + "px";
        y = top + p[2] + 8;
      });
      list.style.height = y + "px";
    });
  }
  function apply() {
    var off = { engine: {}, severity: {} };
    boxes.forEach(function (b) { if (!b.checked) off[b.getAttribute("data-filter")][b.value] = true; });
    var shown = {};
    each("li.note[data-d]", function (n) {
      var on = !off.engine[n.getAttribute("data-engine")] &&
               !off.severity[n.getAttribute("data-severity")];
      if (on) shown[n.getAttribute("data-d")] = true;
      n.classList.toggle("off", !on);
    });
    each(".article [data-d]", function (el) {
      var on = el.getAttribute("data-d").split(" ").some(function (id) { return shown[id]; });
      el.classList.toggle("off", !on);
    });
    layout();
  }
  function hot(target, on) {
    var el = target && target.closest ? target.closest("[data-d]") : null;
    if (!el) return;
    el.getAttribute("data-d").split(" ").forEach(function (id) {
      each('[data-d="' + id + '"]', function (x) { x.classList.toggle("hot", on); });
    });
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  document.addEventListener("mouseover", function (e) { hot(e.target, true); });
  document.addEventListener("mouseout", function (e) { hot(e.target, false); });
  document.addEventListener("toggle", layout, true);
  window.addEventListener("resize", layout);
  apply();
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def render(results: Sequence[FileResult]) -> str:
    """The whole report as one HTML page: no network, no external assets."""
    csp = (
        f"default-src 'none'; style-src '{_sha256(_CSS)}'; script-src '{_sha256(_JS)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = "copylint report"
    if len(results) == 1:
        title += f": {results[0].path}"
    sections = "".join(_file_section(i, r) for i, r in enumerate(results))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n"
        f'<body><header><h1>copylint report <span class="ver">copylint {__version__}</span></h1>'
        f"</header>{_summary(results)}{_filters(results)}<main>{sections}</main>"
        f"<script>{_JS}</script></body></html>\n"
    )

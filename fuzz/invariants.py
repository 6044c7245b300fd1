"""What must hold for any input: the checks the fuzz targets and the regression test share.

check_document(data): bytes as an article (first byte picks the format): decoding raises only
InputError; reading raises only FrontMatterError; every prose character maps back to the same
source character; every diagnostic and edit lies in the text, edits are sorted, disjoint and
never touch a protected range; a round of fixes keeps every protected range byte for byte; the
fixed text reads again; fixing is idempotent once it has settled.

check_rule_file(data): bytes as a rule file: loading raises only RuleFileError.
"""

from __future__ import annotations

import contextlib
import itertools
from pathlib import Path

from copylint.config import Config
from copylint.diagnostics import Applicability
from copylint.document import read_document
from copylint.document.markdown import FrontMatterError
from copylint.document.source_map import SegmentKind
from copylint.fixes import apply_edits, select_fixes
from copylint.house.loader import RuleFileError, load_rule_file
from copylint.pipeline import Linter
from copylint.sources import InputError, decode

FORMATS = (("markdown", "fuzz.md"), ("html", "fuzz.html"), ("text", "fuzz.txt"))
_linter: Linter | None = None


def linter() -> Linter:
    global _linter
    if _linter is None:
        _linter = Linter(Config())  # house rules only: every engine that needs nothing outside
        _linter.engines = [e for e in _linter.engines if e.name == "house"]
    return _linter


def check_document(data: bytes, *, idempotence: bool = True) -> None:
    if not data:
        return
    _, path = FORMATS[data[0] % len(FORMATS)]
    body = data[1:]
    try:
        src = decode(path, body)
    except InputError:
        return
    assert src.encode(src.text) == body, "decoding does not round-trip"
    check_text(path, src.text, idempotence=idempotence)


def check_text(path: str, text: str, *, idempotence: bool = True) -> None:
    try:
        doc = read_document(path, text)
    except FrontMatterError:
        return
    assert doc.source == text
    for block in doc.blocks:
        prose_end = 0
        for seg in block.map.segments:
            assert seg.prose_start == prose_end, "prose segments are not contiguous"
            prose_end = seg.prose_end
            assert 0 <= seg.source_start <= seg.source_end <= len(text), seg
            if seg.kind is SegmentKind.TEXT:
                prose = block.text[seg.prose_start : seg.prose_end]
                assert prose == text[seg.source_start : seg.source_end], (seg, prose)
        assert prose_end == len(block.text), "the map does not cover the prose"
    diagnostics = linter().lint_document(doc)
    for d in diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        if d.fix is None:
            continue
        edits = d.fix.edits
        assert edits, d
        for a, b in itertools.pairwise(edits):
            assert a.end <= b.start, f"edits overlap: {d}"
        for e in edits:
            assert 0 <= e.start <= e.end <= len(text), d
            assert not doc.is_protected(e), f"{d.rule} edits a protected range: {e}"
    fixes = select_fixes(diagnostics, Applicability.UNSAFE)
    applied = sorted(e for f in fixes for e in f.edits)
    fixed = apply_edits(text, applied)
    for p in doc.protected:
        shift = sum(len(e.text) - (e.end - e.start) for e in applied if e.end <= p.start)
        assert fixed[p.start + shift : p.end + shift] == text[p.start : p.end], (
            f"protected range {p} changed"
        )
    read_document(path, fixed)  # the front matter was protected: it still parses
    if idempotence:
        once = linter().fix(path, text, Applicability.SAFE)
        if once.converged:
            twice = linter().fix(path, once.text, Applicability.SAFE)
            assert twice.text == once.text and twice.applied == 0, "fixing is not idempotent"


def check_rule_file(data: bytes, folder: Path) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    with contextlib.suppress(RuleFileError):
        load_rule_file(folder / "fuzzed.yaml", text)

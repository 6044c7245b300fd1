"""Map prose offsets back to source offsets, piecewise, and source offsets to lines and columns."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from enum import Enum

from copylint.diagnostics import Edit, Span


class SegmentKind(Enum):
    """How a run of prose relates to the source it came from."""

    TEXT = "text"  # character for character
    ATOM = "atom"  # one unit: an entity or escape ("&amp;" -> "&"); edited only whole
    PLACEHOLDER = "placeholder"  # stands for code or a URL; never edited


@dataclass(frozen=True, slots=True)
class Segment:
    """prose[prose_start:prose_end] comes from source[source_start:source_end]."""

    prose_start: int
    prose_end: int
    source_start: int
    source_end: int
    kind: SegmentKind = SegmentKind.TEXT


class SourceMap:
    """Piecewise map of one block's prose onto the source; segments are sorted and contiguous."""

    __slots__ = ("_ends", "_placeholders", "_starts", "segments")

    def __init__(self, segments: tuple[Segment, ...]) -> None:
        self.segments = segments
        self._starts = [s.prose_start for s in segments]
        self._ends = [s.prose_end for s in segments]
        # Most blocks hold no code or URL: touches_placeholder() then answers at once.
        self._placeholders = any(s.kind is SegmentKind.PLACEHOLDER for s in segments)

    def _segment_at(self, offset: int) -> int:
        """Index of the segment holding prose character `offset`."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return max(0, min(i, len(self.segments) - 1))

    def _segment_ending_at(self, offset: int) -> int:
        """Index of the segment holding prose character `offset - 1`."""
        i = bisect.bisect_left(self._ends, offset)
        return max(0, min(i, len(self.segments) - 1))

    def to_source(self, offset: int) -> int:
        """Source offset of a prose start position (an atom maps to its start)."""
        if not self.segments:
            return 0
        seg = self.segments[self._segment_at(offset)]
        if seg.kind is SegmentKind.TEXT:
            return seg.source_start + min(
                offset - seg.prose_start, seg.source_end - seg.source_start
            )
        return seg.source_start if offset < seg.prose_end else seg.source_end

    def to_source_end(self, offset: int) -> int:
        """Source offset of a prose end position (an atom maps to its end)."""
        if not self.segments:
            return 0
        seg = self.segments[self._segment_ending_at(offset)]
        if seg.kind is SegmentKind.TEXT:
            return seg.source_start + min(
                offset - seg.prose_start, seg.source_end - seg.source_start
            )
        return seg.source_end if offset > seg.prose_start else seg.source_start

    def span_to_source(self, span: Span) -> Span:
        """The source span a prose span covers, for reporting (always succeeds)."""
        if span.start == span.end:
            point = self.to_source(span.start)
            return Span(point, point)
        start, end = self.to_source(span.start), self.to_source_end(span.end)
        return Span(start, max(start, end))

    def touches_placeholder(self, span: Span) -> bool:
        """Whether the prose span overlaps code, a URL or other text that stands in for source."""
        if not self._placeholders:
            return False
        first = self._segment_at(span.start)
        last = self._segment_ending_at(span.end) if span.end > span.start else first
        return any(
            self.segments[i].kind is SegmentKind.PLACEHOLDER
            and Span(self.segments[i].prose_start, self.segments[i].prose_end).overlaps(span)
            for i in range(first, last + 1)
        )

    def edit(self, span: Span, text: str) -> Edit | None:
        """The source edit for replacing prose[span] with text, or None when that would cut
        markup, an entity, code or a URL."""
        if not self.segments:
            return None
        if span.start == span.end:
            return self._insertion(span.start, text)
        first = self._segment_at(span.start)
        last = self._segment_ending_at(span.end)
        if first > last:
            return None
        for i in range(first, last + 1):
            seg = self.segments[i]
            if seg.kind is SegmentKind.PLACEHOLDER:
                return None
            if seg.kind is SegmentKind.ATOM and not (
                span.start <= seg.prose_start and seg.prose_end <= span.end
            ):
                return None
            if i > first and self.segments[i - 1].source_end != seg.source_start:
                return None  # the span would swallow markup between two runs of prose
        return Edit(self.to_source(span.start), self.to_source_end(span.end), text)

    def _insertion(self, offset: int, text: str) -> Edit | None:
        i = self._segment_at(offset)
        seg = self.segments[i]
        if seg.prose_start < offset < seg.prose_end:
            if seg.kind is not SegmentKind.TEXT:
                return None
            return Edit(
                seg.source_start + offset - seg.prose_start,
                seg.source_start + offset - seg.prose_start,
                text,
            )
        # At a boundary between two segments: only where no markup sits between them.
        if offset == seg.prose_start and i > 0:
            before = self.segments[i - 1]
            if before.source_end != seg.source_start:
                return None
            return Edit(seg.source_start, seg.source_start, text)
        point = seg.source_start if offset <= seg.prose_start else seg.source_end
        return Edit(point, point, text)


class LineIndex:
    """1-based line and column (in code points) of a source offset, by bisection."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start offset of a 1-based line and the start of the next (or -1 at the end)."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else -1
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)


class SegmentBuilder:
    """Accumulate prose and its segments left to right; adjacent text runs are merged."""

    __slots__ = ("_parts", "_segments", "length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self.length = 0

    def text(self, prose: str, source_start: int) -> None:
        if not prose:
            return
        end = self.length + len(prose)
        last = self._segments[-1] if self._segments else None
        if (
            last is not None
            and last.kind is SegmentKind.TEXT
            and last.source_end == source_start
            and last.prose_end == self.length
        ):
            self._segments[-1] = Segment(
                last.prose_start, end, last.source_start, source_start + len(prose)
            )
        else:
            self._segments.append(
                Segment(self.length, end, source_start, source_start + len(prose))
            )
        self._parts.append(prose)
        self.length = end

    def unit(self, prose: str, source_start: int, source_end: int, kind: SegmentKind) -> None:
        if not prose:
            return
        end = self.length + len(prose)
        self._segments.append(Segment(self.length, end, source_start, source_end, kind))
        self._parts.append(prose)
        self.length = end

    def build(self) -> tuple[str, SourceMap]:
        return "".join(self._parts), SourceMap(tuple(self._segments))

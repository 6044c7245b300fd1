"""proselint as an engine: its checks over the prose view, with ids `proselint/<check path>`.

Every block's prose is joined with blank lines and linted once; each result is split back to
its block. A result that crosses a block boundary or touches a placeholder (inline code, a URL)
is dropped. Replacements become UNSAFE fixes: proselint's suggestions are usually right, but
they can change the meaning ("chairman" → "chair").

proselint 0.16 adds "\\n" before the text, so its spans are one past the prose offsets. Its
checks live in one process-wide registry (`CheckRegistry`), filled here once under a lock; each
check runs directly rather than through `LintFile.lint`, which stores the enabled set on that
shared registry (a race between threads) and needs a flat, most-specific-first `checks` dict
(anything else silently leaves checks on). Results are the same as `LintFile.lint` gives with
no `max_errors` limit, shifted back by one; a test holds the two together.

Off by default (`DEFAULT_OFF`); each runs when selected by its own id or a prefix longer than
`proselint/`, e.g. `--select proselint/uncomparables`:

- house rules do these better: `typography.symbols.curly_quotes`, `typography.symbols.ellipsis`
  and the repeated-word check `lexical_illusions` (house/duplicated-word);
- slow and weak (figures beside `DEFAULT_OFF`): `uncomparables`, `cliches.misc.write_good`;
- `restricted.elementary` and `restricted.top1000`, off in proselint itself: they flag every word
  outside a short list.
"""

from __future__ import annotations

import difflib
import inspect
import re
import sys
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.document.model import Block, Document
from copylint.engines.base import EngineContext, EngineUnavailable, Finding, RuleInfo
from copylint.options import parse_options

if TYPE_CHECKING:
    from copylint.config import Config

ENGINE = "proselint"
_SEPARATOR = "\n\n"  # blocks are paragraphs to proselint (misc.but looks for "\n\nBut")
_SHIFT = 1  # LintFile lints "\n" + text + "\n"

# Measured on 1 MB of BBC prose (eval-dev/files/clean, repeated), median of 3 warm runs, and on
# the whole eval-dev split (TP = overlaps a labelled error, FP = overlaps nothing labelled):
#   every check together                 3294 ms/MB
#   uncomparables                        1141 ms/MB (35 %)  0 TP, 1 FP ("rings very true")
#   restricted.elementary / .top1000  685 / 669 ms/MB       ~3,400 findings per 10,000 words
#   lexical_illusions                     141 ms/MB         43 TP, 33 FP (house rule does better)
#   cliches.misc.write_good                57 ms/MB         0 TP, 17 FP (titles: "Against All Odds")
#   the default set (all but these)      ~590 ms/MB
# Slow and weak = costs at least 50 ms/MB and found no labelled error while flagging clean text.
# misc.preferred_forms (215 ms/MB, 0 TP, 1 FP) stays on: it never fired on clean text and its
# list is of real mistakes ("combustible engine").
_SLOW_AND_WEAK = frozenset({"uncomparables", "cliches.misc.write_good"})
# typography.diacritical_marks wants "résumé" for the verb "resume" ("talks will resume"):
# wrong more often than right in news copy.
_WRONG_IN_NEWS = frozenset(
    {
        "typography.diacritical_marks",
        # False flags per 10,000 words of eval-dev's clean BBC articles, in brackets:
        "weasel_words.very",  # quoted speech and ordinary emphasis (3.2)
        "misc.but",  # every paragraph that opens with "But" (2.4)
        "social_awareness.sexism",  # job titles in names and quotes: "chairman" (1.9)
        "misc.capitalization.seasons",  # titles and names: "Spring Statement" (1.0)
        "misc.phrasal_adjectives.ly",  # "fly-half", "jelly-legged" are not -ly adverbs
        "dates_times.dates.dash_and_from",  # scores and ranges in sport: "came from 15-6" (0.9)
    }
)
_HOUSE_DOES_BETTER = frozenset(
    {"typography.symbols.curly_quotes", "typography.symbols.ellipsis", "lexical_illusions"}
)
_OFF_IN_PROSELINT = frozenset({"restricted.elementary", "restricted.top1000"})
DEFAULT_OFF: frozenset[str] = (
    _SLOW_AND_WEAK | _HOUSE_DOES_BETTER | _OFF_IN_PROSELINT | _WRONG_IN_NEWS
)

# Longest matching prefix of the check path wins.
_CATEGORIES: dict[str, Category] = {
    "": Category.USAGE,
    "annotations": Category.STYLE,
    "archaism": Category.STYLE,
    "cliches": Category.STYLE,
    "dates_times": Category.DATES,
    "hedging": Category.STYLE,
    "industrial_language": Category.STYLE,
    "lexical_illusions": Category.DUPLICATION,
    "misc.apologizing": Category.STYLE,
    "misc.but": Category.STYLE,
    "misc.capitalization": Category.TYPOGRAPHY,
    "misc.currency": Category.TYPOGRAPHY,
    "misc.debased": Category.STYLE,
    "misc.metadiscourse": Category.STYLE,
    "misc.narcissism": Category.STYLE,
    "misc.phrasal_adjectives": Category.PUNCTUATION,
    "misc.pretension": Category.STYLE,
    "misc.scare_quotes": Category.PUNCTUATION,
    "misc.suddenly": Category.STYLE,
    "nonwords": Category.SPELLING,
    "oxymorons": Category.STYLE,
    "redundancy": Category.STYLE,
    "restricted": Category.STYLE,
    "spelling": Category.SPELLING,
    "spelling.consistency": Category.CONSISTENCY,
    "typography": Category.TYPOGRAPHY,
    "typography.punctuation": Category.PUNCTUATION,
    "typography.punctuation.spacing": Category.SPACING,
    "typography.symbols.sentence_spacing": Category.SPACING,
    "weasel_words": Category.STYLE,
}

_REGEX_SYNTAX = re.compile(r"[\[\](){}*+?|^$]|\\[^.\-' ]")  # "[\.\?!] \w" is not a replacement
_ESCAPE = re.compile(r"\\(.)")  # "U\.S\.-led campaign" is one


def category_of(path: str) -> Category:
    """copylint's category for a proselint check path."""
    best = ""
    for prefix in _CATEGORIES:
        if len(prefix) > len(best) and (path == prefix or path.startswith(prefix + ".")):
            best = prefix
    return _CATEGORIES[best]


def severity_of(path: str) -> Severity:
    """Matters of taste are info; the rest are warnings."""
    return Severity.INFO if category_of(path) is Category.STYLE else Severity.WARNING


def rule_id(path: str) -> str:
    return f"{ENGINE}/{path}"


_lock = threading.Lock()
_checks: tuple[Any, ...] | None = None


def registered_checks() -> tuple[Any, ...]:
    """proselint's checks, registered in its process-wide registry once; duplicates removed."""
    global _checks
    with _lock:
        if _checks is None:
            try:
                from proselint.checks import __register__
                from proselint.registry import CheckRegistry
            except ImportError as exc:
                raise EngineUnavailable(
                    f"proselint is not installed ({exc.name}); pip install 'proselint>=0.16,<0.17'"
                ) from None
            registry = CheckRegistry()
            known = {id(c) for c in registry.checks}
            if not all(id(c) in known for c in __register__):
                registry.register_many(tuple(c for c in __register__ if id(c) not in known))
            seen: set[int] = set()
            unique = []
            for check in registry.checks:  # someone else may have registered them twice
                if id(check) not in seen:
                    seen.add(id(check))
                    unique.append(check)
            _checks = tuple(unique)
        return _checks


def _literal(replacement: str | None) -> str | None:
    """The replacement as plain text, or None when it is a pattern rather than text."""
    if not replacement or _REGEX_SYNTAX.search(replacement):
        return None
    return _ESCAPE.sub(r"\1", replacement)


def _follow_case(original: str, replacement: str, case_insensitive: bool) -> str:
    """Give the replacement the original's capital ("Irregardless" → "Regardless")."""
    if not case_insensitive or original.lower() == replacement.lower():
        return replacement  # a capitalization check: its case is the point
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _recover(check: Any, original: str) -> str | None:
    """PreferredFormsSimple looks regex keys ("a\\.m\\. in the morning") up as text and misses."""
    from proselint.registry.checks import types

    if not isinstance(check.check_type, types.PreferredFormsSimple):
        return None
    flags = re.IGNORECASE if check.engine.opts.case_insensitive else 0
    for key, value in check.check_type.items.items():
        if re.fullmatch(key, original, flags):
            return str(value)
    return None


def _offers_fix(check: Any) -> bool:
    from proselint.registry.checks import types

    kind = check.check_type
    if isinstance(kind, types.PreferredForms | types.PreferredFormsSimple):
        return any(_literal(v) for v in kind.items.values())
    if isinstance(kind, types.Consistency):
        return all(_literal(t) for pair in kind.term_pairs for t in pair)
    code = getattr(kind, "__code__", None)  # a function that builds a PreferredForms inside
    return code is not None and bool(
        {"PreferredForms", "PreferredFormsSimple"} & set(code.co_names)
    )


def _module_of(check: Any) -> ModuleType | None:
    """The innermost proselint.checks module that registers this check."""
    best: ModuleType | None = None
    for name, module in list(sys.modules.items()):
        if not name.startswith("proselint.checks.") or module is None:
            continue
        register = getattr(module, "__register__", ())
        if any(c is check for c in register) and (best is None or len(name) > len(best.__name__)):
            best = module
    return best


def _doc_of(module: ModuleType | None) -> str:
    """A check module's docstring without its Jekyll front matter."""
    doc = inspect.cleandoc(module.__doc__ or "") if module is not None else ""
    parts = doc.split("---")
    body = parts[2] if len(parts) >= 3 else doc
    source = re.search(r"^source:\s*(\S.*)$", doc, re.MULTILINE)
    text = body.strip()
    if source:
        text += f"\n\nSource: {source[1].strip()} (via proselint)."
    return text.strip()


def _summary(message: str) -> str:
    return re.sub(r"\{\d*\}", "…", message)


Selector = Callable[[str, bool], bool]


def selector(ctx: EngineContext) -> Selector:
    """(rule id, on by default) → runs? Default-off checks need a selection below the engine."""
    chosen = ctx.is_selected
    if chosen is None:
        return lambda rule, default_on: default_on
    try:
        takes_default = "default_on" in inspect.signature(chosen).parameters
    except (TypeError, ValueError):
        takes_default = False
    if takes_default:  # copylint.config.Selection.is_selected
        return lambda rule, default_on: bool(chosen(rule, default_on=default_on))
    # A plain callable: a made-up id is selected only when the whole engine is.
    engine_wide = bool(chosen(f"{ENGINE}/\0"))
    return lambda rule, default_on: bool(chosen(rule)) and (default_on or not engine_wide)


@dataclass(frozen=True, slots=True)
class Options:
    """The `[tool.copylint.proselint]` table: check paths (or prefixes) to turn on or off.

    `enable` turns on checks that are off by default; `disable` turns checks off. Either takes
    `proselint/<path>` or the bare path, and a prefix such as `typography` covers its checks.
    """

    enable: frozenset[str] = frozenset()
    disable: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for key in ("enable", "disable"):
            given = frozenset(p.removeprefix(f"{ENGINE}/") for p in getattr(self, key))
            object.__setattr__(self, key, given)
            if given:
                paths = {c.path for c in registered_checks()}
                for prefix in sorted(given):
                    if not any(_covers(prefix, path) for path in paths):
                        hint = difflib.get_close_matches(prefix, sorted(paths), n=1)
                        also = f"; did you mean {hint[0]!r}?" if hint else ""
                        raise ValueError(f"{key}: no proselint check {prefix!r}{also}")

    @classmethod
    def parse(cls, table: Mapping[str, Any] | None, where: str = "options") -> Options:
        return parse_options(cls, dict(table or {}), where, "tool.copylint.proselint")

    def default_on(self, path: str) -> bool:
        """Whether a check runs when the whole engine is selected."""
        if any(_covers(p, path) for p in self.disable):
            return False
        return path not in DEFAULT_OFF or any(_covers(p, path) for p in self.enable)


def _covers(prefix: str, path: str) -> bool:
    return path == prefix or path.startswith(prefix + ".")


class ProselintEngine:
    """proselint's checks over the prose view."""

    name = ENGINE

    def __init__(self, options: Options | Mapping[str, Any] | None = None) -> None:
        self._options = options if isinstance(options, Options) else Options.parse(options)

    def rules(self) -> list[RuleInfo]:
        by_path: dict[str, list[Any]] = {}
        for check in registered_checks():
            by_path.setdefault(check.path, []).append(check)
        infos = []
        for path, checks in sorted(by_path.items()):
            infos.append(
                RuleInfo(
                    id=rule_id(path),
                    category=category_of(path),
                    severity=severity_of(path),
                    fix=Applicability.UNSAFE if any(map(_offers_fix, checks)) else None,
                    summary=_summary(checks[0].message),
                    doc=_doc_of(_module_of(checks[0])),
                    enabled=self._options.default_on(path),
                )
            )
        return infos

    def check(self, doc: Document, ctx: EngineContext) -> list[Finding]:
        choose = selector(ctx)
        wanted: dict[str, bool] = {}
        checks = []
        for check in registered_checks():
            if check.path not in wanted:
                wanted[check.path] = choose(
                    rule_id(check.path), self._options.default_on(check.path)
                )
            if wanted[check.path]:
                checks.append(check)
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not checks or not blocks:
            return []
        return list(_lint(blocks, checks, ctx.vocabulary))

    def shared_options(self) -> None:
        return None  # nothing to share: each worker process registers proselint's checks

    def close(self) -> None:
        pass


def build(config: Config) -> ProselintEngine:
    return ProselintEngine(config.options_of(ENGINE))


def version(config: Config) -> str:
    from importlib import metadata

    from copylint.engines.all_engines import UNAVAILABLE

    try:
        return metadata.version("proselint")
    except metadata.PackageNotFoundError:
        return UNAVAILABLE


def rules(config: Config) -> list[RuleInfo]:
    return ProselintEngine(config.options_of(ENGINE)).rules()


def _lint(
    blocks: Sequence[Block], checks: Sequence[Any], vocabulary: frozenset[str]
) -> Iterator[Finding]:
    from proselint.tools import LintFile

    text = _SEPARATOR.join(b.text for b in blocks)
    starts = []
    offset = 0
    for block in blocks:
        starts.append(offset)
        offset += len(block.text) + len(_SEPARATOR)
    lint_file = LintFile("<copylint>", text)
    content = lint_file.content
    accepted = {w.casefold() for w in vocabulary}
    seen: set[tuple[str, int, int, int, str]] = set()
    for check in checks:
        for result in check.check_with_flags(content):
            if not check.flags.allow_quotes and lint_file.is_quoted_pos(result.span[0]):
                continue
            start, end = result.span[0] - _SHIFT, result.span[1] - _SHIFT
            i = bisect_right(starts, start) - 1
            if i < 0:
                continue
            block, base = blocks[i], starts[i]
            start, end = start - base, end - base
            if not 0 <= start <= end <= len(block.text):
                continue  # crosses into the next block ("Nike⏎⏎Nike has…")
            matched = block.text[start:end]
            start += len(matched) - len(matched.lstrip())
            end -= len(matched) - len(matched.rstrip())
            if end < start:
                start = end = min(start, end)
            span = Span(start, end)
            original = block.text[start:end]
            key = (check.path, i, start, end, result.message)
            if key in seen or block.touches_placeholder(span):
                continue
            seen.add(key)
            if original and original.casefold() in accepted:
                continue
            yield _finding(check, result, block, span, original)


def _finding(check: Any, result: Any, block: Block, span: Span, original: str) -> Finding:
    message = result.message
    replacement = result.replacements
    if replacement is None and original:
        recovered = _recover(check, original)
        if recovered is not None:
            replacement = recovered
            message = check.message.format(_literal(recovered) or recovered, original)
    text = _literal(replacement)
    extra: dict[str, Any] = {
        "rule": rule_id(check.path),
        "severity": severity_of(check.path),
        "category": category_of(check.path),
    }
    if text is None or not original:
        return Finding.flag(block, span, message, **extra)
    text = _follow_case(original, text, check.engine.opts.case_insensitive)
    if text == original:
        return Finding.flag(block, span, message, **extra)
    return Finding.replace(
        block,
        span,
        text,
        applicability=Applicability.UNSAFE,
        message=message,
        suggestions=(text,),
        **extra,
    )

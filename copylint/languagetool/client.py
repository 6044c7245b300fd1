"""HTTP client for LanguageTool's /v2/check: one POST per text, matches in code points.

This calls the server's API directly rather than `language_tool_python.LanguageTool.check`:
that one keeps a class-level cache in `Match` (not thread-safe, and copylint checks every file
of a run in parallel on one server), corrects the offset of astral-plane characters but not the
length, cannot pass picky mode, categories or a mother tongue per request, and costs 0.15 s to
import. Here each call opens its own connection (urllib, stdlib), so one client serves many
threads, and every failure becomes one `LanguageToolError` line.

LanguageTool counts offsets in UTF-16 code units; Python counts code points. `Utf16Index` turns
one into the other for each text (an emoji before an error shifts it by one unit per emoji).
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

DEFAULT_TIMEOUT = 60.0  # seconds per request; a cold server's first check takes a few seconds


class LanguageToolError(Exception):
    """The server could not check a text; the message is one line naming the server."""


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with offsets in code points of the text sent."""

    offset: int
    length: int
    rule_id: str
    message: str
    replacements: tuple[str, ...]
    category_id: str
    issue_type: str
    sub_id: str = ""
    short_message: str = ""
    rule_description: str = ""
    category_name: str = ""

    @property
    def end(self) -> int:
        return self.offset + self.length


class Utf16Index:
    """Convert UTF-16 code-unit offsets of a text to code-point offsets."""

    __slots__ = ("_astral_units",)

    def __init__(self, text: str) -> None:
        # UTF-16 offsets just after each astral character (which takes two units): a unit
        # offset u maps to u minus the number of astral characters wholly before it.
        self._astral_units: list[int] = []
        units = 0
        for ch in text:
            units += 2 if ord(ch) > 0xFFFF else 1
            if ord(ch) > 0xFFFF:
                self._astral_units.append(units)

    def to_codepoint(self, unit_offset: int) -> int:
        if not self._astral_units:
            return unit_offset
        return unit_offset - bisect_right(self._astral_units, unit_offset)


class LanguageToolClient:
    """Check texts on one LanguageTool server; safe to share between threads."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout

    def check(
        self,
        text: str,
        language: str,
        *,
        mother_tongue: str | None = None,
        enabled_rules: Iterable[str] = (),
        disabled_rules: Iterable[str] = (),
        enabled_categories: Iterable[str] = (),
        disabled_categories: Iterable[str] = (),
        picky: bool = False,
    ) -> list[Match]:
        """The matches LanguageTool finds in text, offsets in code points of text."""
        if not text.strip():
            return []
        params: dict[str, str] = {"text": text, "language": language}
        if mother_tongue:
            params["motherTongue"] = mother_tongue
        for key, values in (
            ("enabledRules", enabled_rules),
            ("disabledRules", disabled_rules),
            ("enabledCategories", enabled_categories),
            ("disabledCategories", disabled_categories),
        ):
            joined = ",".join(sorted(set(values)))
            if joined:
                params[key] = joined
        if picky:
            params["level"] = "picky"
        body = self._post("/v2/check", params)
        return parse_matches(body, text, self.url)

    def _post(self, path: str, params: Mapping[str, str]) -> Any:
        data = urllib.parse.urlencode(params).encode()
        request = urllib.request.Request(
            self.url + path,
            data=data,
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
            },
        )
        where = f"LanguageTool at {self.url}"
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as e:
            detail = _first_line(e.read().decode("utf-8", "replace")) if e.fp else ""
            raise LanguageToolError(
                f"{where} answered HTTP {e.code}" + (f": {detail}" if detail else "")
            ) from None
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise LanguageToolError(
                    f"{where} did not answer within {self.timeout:g} s"
                ) from None
            if isinstance(reason, ConnectionRefusedError):
                raise LanguageToolError(f"{where} is not running (connection refused)") from None
            if isinstance(reason, ConnectionError):
                raise LanguageToolError(
                    f"{where} dropped the connection ({type(reason).__name__})"
                ) from None
            raise LanguageToolError(f"{where} is unreachable: {reason}") from None
        except TimeoutError:
            raise LanguageToolError(f"{where} did not answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, ConnectionError) as e:
            raise LanguageToolError(
                f"{where} dropped the connection ({type(e).__name__})"
            ) from None
        except OSError as e:
            raise LanguageToolError(f"{where} failed: {e}") from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise LanguageToolError(
                f"{where} sent a response that is not JSON: {_first_line(raw[:200].decode('utf-8', 'replace'))!r}"
            ) from None


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return ""


def parse_matches(body: Any, text: str, url: str = "LanguageTool") -> list[Match]:
    """Matches from a /v2/check response body, offsets converted to code points of text."""
    if not isinstance(body, dict) or not isinstance(body.get("matches"), list):
        raise LanguageToolError(f"LanguageTool at {url} sent JSON without a list of matches")
    index = Utf16Index(text)
    matches: list[Match] = []
    for raw in body["matches"]:
        try:
            matches.append(_match(raw, index))
        except (KeyError, TypeError, ValueError) as e:
            raise LanguageToolError(
                f"LanguageTool at {url} sent a malformed match ({type(e).__name__}: {e})"
            ) from None
    return matches


def _match(raw: Mapping[str, Any], index: Utf16Index) -> Match:
    rule: Mapping[str, Any] = raw["rule"]
    category: Mapping[str, Any] = rule.get("category") or {}
    start = index.to_codepoint(int(raw["offset"]))
    end = index.to_codepoint(int(raw["offset"]) + int(raw["length"]))
    replacements: Sequence[Mapping[str, Any]] = raw.get("replacements") or ()
    return Match(
        offset=start,
        length=end - start,
        rule_id=str(rule["id"]),
        sub_id=str(rule.get("subId") or ""),
        message=str(raw.get("message") or ""),
        short_message=str(raw.get("shortMessage") or ""),
        replacements=tuple(str(r["value"]) for r in replacements if "value" in r),
        category_id=str(category.get("id") or ""),
        category_name=str(category.get("name") or ""),
        issue_type=str(rule.get("issueType") or ""),
        rule_description=str(rule.get("description") or ""),
    )

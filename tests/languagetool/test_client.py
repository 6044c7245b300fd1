"""The /v2/check client: UTF-16 offsets, the real server, and one-line errors for every fault."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from copylint.languagetool.client import (
    LanguageToolClient,
    LanguageToolError,
    Utf16Index,
    parse_matches,
)

# Utf16Index ------------------------------------------------------------------------------


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    "text",
    [
        "plain ascii",
        "café ünïcode",
        "😀 one",
        "😀😀 two 🇨🇭 flag",
        "a𝒳b𝒴c",
        "日本語 and 👩‍👩‍👧 family",
    ],
)
def test_utf16_index_maps_every_character_start(text: str) -> None:
    index = Utf16Index(text)
    for i in range(len(text) + 1):
        assert index.to_codepoint(_units(text[:i])) == i


def test_utf16_index_emoji_shifts_by_one_unit_each() -> None:
    index = Utf16Index("😀😀 This is an test.")
    # LanguageTool reports "an" at UTF-16 offset 13; in code points it is 11.
    assert index.to_codepoint(13) == 11
    assert "😀😀 This is an test."[11:13] == "an"


def _body(offset: int, length: int, rule: str = "EN_A_VS_AN", **extra: object) -> dict[str, object]:
    return {
        "matches": [
            {
                "message": "Use “a”.",
                "offset": offset,
                "length": length,
                "replacements": [{"value": "a"}],
                "rule": {
                    "id": rule,
                    "issueType": "misspelling",
                    "category": {"id": "MISC", "name": "Miscellaneous"},
                    **extra,
                },
            }
        ]
    }


def test_parse_matches_converts_offset_and_length() -> None:
    text = "😀 x 🎉🎉 an"
    (m,) = parse_matches(_body(_units("😀 x "), _units("🎉🎉 an")), text)
    assert text[m.offset : m.end] == "🎉🎉 an"
    assert (m.rule_id, m.replacements, m.category_id) == ("EN_A_VS_AN", ("a",), "MISC")


def test_parse_matches_rejects_json_without_matches() -> None:
    with pytest.raises(LanguageToolError, match="without a list of matches"):
        parse_matches({"software": {}}, "text")


# The real server -------------------------------------------------------------------------


@pytest.mark.languagetool
def test_real_server_offsets_after_emoji(lt_url: str) -> None:
    text = "🎉😀 Party time. 👩‍👩‍👧 This is an test."
    matches = LanguageToolClient(lt_url).check(text, "en-US")
    (m,) = [m for m in matches if m.rule_id == "EN_A_VS_AN"]
    assert text[m.offset : m.end] == "an"
    assert m.offset == text.index(" an ") + 1
    assert m.replacements == ("a",)


@pytest.mark.languagetool
def test_real_server_grammar(lt_url: str) -> None:
    text = "He go to school."
    matches = LanguageToolClient(lt_url).check(text, "en-US")
    assert [(text[m.offset : m.end], m.category_id) for m in matches] == [("go", "GRAMMAR")]


@pytest.mark.languagetool
def test_real_server_disabled_rules_and_picky(lt_url: str) -> None:
    client = LanguageToolClient(lt_url)
    assert [m.rule_id for m in client.check("This is an test.", "en-US")] == ["EN_A_VS_AN"]
    assert client.check("This is an test.", "en-US", disabled_rules=["EN_A_VS_AN"]) == []
    assert client.check("   ", "en-US") == []  # nothing to send


@pytest.mark.languagetool
def test_one_client_serves_many_threads(lt_url: str) -> None:
    client = LanguageToolClient(lt_url)
    texts = [f"{'😀' * i} He go to school number {i}. This is an test." for i in range(12)]
    expected = [client.check(t, "en-US") for t in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda t: client.check(t, "en-US"), texts))
    assert got == expected
    for text, matches in zip(texts, got, strict=True):
        assert [text[m.offset : m.end] for m in matches] == ["go", "an"]


# Faults, from a fake server on 127.0.0.1 -------------------------------------------------

Handler = Callable[[BaseHTTPRequestHandler], None]


@pytest.fixture
def fake_server() -> Iterator[Callable[[Handler], str]]:
    servers: list[ThreadingHTTPServer] = []

    def serve(behaviour: Handler) -> str:
        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                behaviour(self)

            def log_message(self, *args: object) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield serve
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def _reply(status: int, body: bytes) -> Handler:
    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return handler


def _one_line_error(url: str, *, timeout: float = 5.0) -> str:
    with pytest.raises(LanguageToolError) as info:
        LanguageToolClient(url, timeout=timeout).check("This is an test.", "en-US")
    message = str(info.value)
    assert "\n" not in message
    assert url in message
    return message


def test_http_500(fake_server: Callable[[Handler], str]) -> None:
    url = fake_server(_reply(500, b"Error: Internal Error: java.lang.OutOfMemoryError\n\tat x"))
    assert _one_line_error(url).endswith(
        "answered HTTP 500: Error: Internal Error: java.lang.OutOfMemoryError"
    )


def test_invalid_json(fake_server: Callable[[Handler], str]) -> None:
    url = fake_server(_reply(200, b"<html>proxy login</html>"))
    assert "not JSON" in _one_line_error(url)


def test_slow_server_times_out(fake_server: Callable[[Handler], str]) -> None:
    url = fake_server(lambda h: time.sleep(3))
    began = time.monotonic()
    assert "did not answer within 0.5 s" in _one_line_error(url, timeout=0.5)
    assert time.monotonic() - began < 2.5


def test_dropped_connection(fake_server: Callable[[Handler], str]) -> None:
    def drop(h: BaseHTTPRequestHandler) -> None:
        h.connection.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
        )
        h.connection.close()
        h.close_connection = True

    url = fake_server(drop)
    message = _one_line_error(url)
    assert "dropped the connection" in message or "unreachable" in message


def test_malformed_match(fake_server: Callable[[Handler], str]) -> None:
    url = fake_server(_reply(200, json.dumps({"matches": [{"offset": 1}]}).encode()))
    assert "malformed match" in _one_line_error(url)


def test_nothing_listening() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert "not running (connection refused)" in _one_line_error(f"http://127.0.0.1:{port}")

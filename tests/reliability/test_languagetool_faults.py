"""LanguageTool faults, injected for real: a misbehaving server on 127.0.0.1 (slow, dropping the
connection, HTTP 500, invalid JSON, killed mid-run) and the real server killed mid-run or
orphaned by a killed copylint. Each ends with one clear message, the house rules' findings
still reported, no JVM or port left behind and no file half-fixed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner, Result

from copylint.cli import cli
from copylint.languagetool import client as lt_client
from copylint.languagetool import server

ARTICLE = "Paris in the the spring.\n"  # house/duplicated-word; LanguageTool would flag it too
FIXED = "Paris in the spring.\n"
EMPTY = json.dumps({"software": {"name": "LanguageTool", "version": "6.8"}, "matches": []})


class FakeLanguageTool(ThreadingHTTPServer):
    """A LanguageTool that misbehaves in one chosen way on every /v2/check."""

    daemon_threads = True

    def __init__(self, mode: str, good_answers: int = 0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.good_answers = good_answers  # answer this many requests well first
        self.requests = 0
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeLanguageTool

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, status: int, body: str, ctype: str = "application/json") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._answer(200, "OK", "text/plain")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        fake = self.server
        fake.requests += 1
        mode = "ok" if fake.requests <= fake.good_answers else fake.mode
        if mode == "ok":
            self._answer(200, EMPTY)
        elif mode == "slow":
            fake.release.wait(30)
            self._answer(200, EMPTY)
        elif mode == "drop":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.connection.close()
        elif mode == "half":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"matches": [')
            self.connection.shutdown(socket.SHUT_RDWR)
        elif mode == "500":
            self._answer(
                500, "Error: java.lang.OutOfMemoryError: Java heap space\n\tat x", "text/plain"
            )
        elif mode == "429":
            self._answer(429, "Too many requests", "text/plain")
        elif mode == "html":
            self._answer(200, "<html><body>Proxy login</body></html>", "text/html")
        elif mode == "badjson":
            self._answer(200, '{"matches": [{"offset": ')
        elif mode == "wrongjson":
            self._answer(200, json.dumps({"matches": [{"offset": "x"}]}))
        elif mode == "nomatches":
            self._answer(200, json.dumps({"error": "busy"}))
        elif mode == "killed":
            threading.Thread(target=fake.shutdown, daemon=True).start()
            fake.socket.close()
            self.connection.close()


@pytest.fixture
def fake() -> Iterator[list[FakeLanguageTool]]:
    started: list[FakeLanguageTool] = []
    yield started
    for f in started:
        f.release.set()
        f.shutdown()
        f.server_close()


def _serve(started: list[FakeLanguageTool], mode: str, good_answers: int = 0) -> FakeLanguageTool:
    f = FakeLanguageTool(mode, good_answers)
    threading.Thread(target=f.serve_forever, daemon=True).start()
    started.append(f)
    return f


def _run(
    tmp_path: Path, url: str, *args: str, select: str | None = None, text: str = ARTICLE
) -> Result:
    os.chdir(tmp_path)
    (tmp_path / ".copylint.toml").write_text("[languagetool]\ntimeout = 2\n", encoding="utf-8")
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(text, encoding="utf-8")
    sel = ["--select", select] if select else ["--ignore", "proselint"]
    return CliRunner().invoke(
        cli,
        [
            "check",
            "--no-cache",
            "--jobs",
            "1",
            *sel,
            "--languagetool-url",
            url,
            *args,
            "a0.md",
            "a1.md",
            "a2.md",
        ],
    )


def _house_findings(result: Result) -> list[str]:
    files = json.loads(result.stdout)["files"]
    assert all(f["error"] is None for f in files)
    return [d["rule"] for f in files for d in f["diagnostics"] if d["rule"].startswith("house/")]


MODES = {
    "slow": "did not answer within 2 s",
    "drop": "LanguageTool at http://127.0.0.1:",
    "half": "LanguageTool at http://127.0.0.1:",
    "500": "500",
    "429": "429",
    "html": "LanguageTool at http://127.0.0.1:",
    "badjson": "LanguageTool at http://127.0.0.1:",
    "wrongjson": "LanguageTool at http://127.0.0.1:",
    "nomatches": "without a list of matches",
    "killed": "LanguageTool at http://127.0.0.1:",
}


@pytest.fixture(autouse=True)
def _back_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(Path.cwd())
    monkeypatch.delenv("COPYLINT_LANGUAGETOOL_URL", raising=False)


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("good_answers", [0, 1])
def test_misbehaving_server_selected_explicitly_exits_2_with_house_findings(
    tmp_path: Path, fake: list[FakeLanguageTool], mode: str, good_answers: int
) -> None:
    lt = _serve(fake, mode, good_answers)
    began = time.monotonic()
    result = _run(tmp_path, lt.url, "--format", "json", select="languagetool,house")
    assert time.monotonic() - began < 20
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr  # one message, not one per file
    assert lines[0].startswith("copylint: languagetool: ") and MODES[mode] in lines[0], lines[0]
    assert "Traceback" not in result.output and len(lines[0]) < 300
    assert _house_findings(result) == ["house/duplicated-word"] * 3
    if mode != "killed":
        assert lt.requests == good_answers + 1  # a failed server is not asked again


@pytest.mark.parametrize("mode", ["slow", "500", "badjson", "killed"])
def test_misbehaving_server_by_default_is_a_notice(
    tmp_path: Path, fake: list[FakeLanguageTool], mode: str
) -> None:
    lt = _serve(fake, mode)
    result = _run(tmp_path, lt.url, "--format", "json")
    assert result.exit_code == 1, result.output  # the house findings, not the engine, decide
    (line,) = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("copylint: languagetool: ") and "other engines still ran" in line
    assert _house_findings(result) == ["house/duplicated-word"] * 3


@pytest.mark.parametrize("mode", ["drop", "killed"])
def test_fix_with_a_failing_server_fixes_each_file_wholly(
    tmp_path: Path, fake: list[FakeLanguageTool], mode: str
) -> None:
    lt = _serve(fake, mode, good_answers=2)
    result = _run(tmp_path, lt.url, "--fix", "--unsafe-fixes", select="languagetool,house")
    assert result.exit_code == 2, result.output
    for i in range(3):
        assert (tmp_path / f"a{i}.md").read_text(encoding="utf-8") == FIXED


def test_nothing_listening_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = _run(tmp_path, f"http://127.0.0.1:{port}", select="languagetool,house")
    assert result.exit_code == 2
    assert "is not running (connection refused)" in result.stderr


def _listening(pid: int) -> list[Any]:
    return [
        c for c in psutil.Process(pid).net_connections("inet") if c.status == psutil.CONN_LISTEN
    ]


def _port_free(port: int) -> bool:
    return not any(
        c.laddr and c.laddr.port == port and c.status == psutil.CONN_LISTEN
        for c in psutil.net_connections("inet")
    )


@pytest.mark.languagetool
@pytest.mark.slow
def test_real_server_killed_mid_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start a real LanguageTool, kill its JVM (SIGKILL) after the first file's request: the run
    names the failure once, reports every house finding, and the port is free afterwards."""
    proc, info = server.launch(tied=True)
    try:
        port = int(info.url.rsplit(":", 1)[1])
        lt_client.LanguageToolClient(info.url, timeout=120).check("This is an test.", "en-US")
        real_check = lt_client.LanguageToolClient.check
        calls = 0

        def check_then_kill(self: lt_client.LanguageToolClient, *a: object, **k: object) -> object:
            nonlocal calls
            calls += 1
            if calls == 2:
                psutil.Process(proc.pid).kill()
                proc.wait(10)
            return real_check(self, *a, **k)  # type: ignore[arg-type]

        monkeypatch.setattr(lt_client.LanguageToolClient, "check", check_then_kill)
        text = ARTICLE + "\nThe members was tired.\n"  # a finding only LanguageTool makes
        result = _run(
            tmp_path, info.url, "--format", "json", select="languagetool,house", text=text
        )
        assert result.exit_code == 2, result.output
        (line,) = [line for line in result.stderr.splitlines() if line.strip()]
        assert line.startswith("copylint: languagetool: "), line
        assert _house_findings(result) == ["house/duplicated-word"] * 3
        files = json.loads(result.stdout)["files"]
        assert any(d["rule"].startswith("languagetool/") for d in files[0]["diagnostics"]), (
            calls,
            result.stderr,
        )
        assert proc.poll() is not None and _port_free(port)
    finally:
        server.stop_tied(proc, info)


@pytest.mark.languagetool
@pytest.mark.slow
def test_killed_copylint_leaves_no_jvm(tmp_path: Path) -> None:
    """copylint starts its own LanguageTool for a run; SIGKILL copylint while the JVM starts or
    checks: the kernel takes the JVM down with it (PR_SET_PDEATHSIG) and frees its port."""
    env = dict(os.environ)
    env.pop(server.URL_ENV, None)
    env["LTP_PATH"] = str(server.ltp_path())
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # no background server to reuse
    (tmp_path / "a.md").write_text(ARTICLE * 200, encoding="utf-8")
    exe = Path(sys.executable).with_name("copylint")
    copylint = psutil.Popen(
        [str(exe), "check", "--no-cache", "--select", "languagetool,house", "a.md"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    jvm = None
    began = time.monotonic()
    while time.monotonic() - began < 60 and jvm is None:
        jvm = next((c for c in copylint.children(recursive=True) if "java" in c.name()), None)
        time.sleep(0.1)
    assert jvm is not None, "copylint started no JVM"
    time.sleep(3)  # let it bind its port
    ports = [c.laddr.port for c in _listening(jvm.pid)] if jvm.is_running() else []
    copylint.send_signal(signal.SIGKILL)
    copylint.wait(10)
    _gone, alive = psutil.wait_procs([jvm], timeout=20)
    assert not alive, "the JVM outlived copylint"
    assert all(_port_free(p) for p in ports)


@pytest.mark.languagetool
def test_languagetool_listens_on_loopback_only(lt_url: str) -> None:
    """The suite's server (started by copylint's own code unless a URL was given) listens on
    127.0.0.1 only."""
    port = int(lt_url.rstrip("/").rsplit(":", 1)[1])
    owners = {
        c.pid for c in psutil.net_connections("inet") if c.laddr and c.laddr.port == port and c.pid
    }
    assert owners, f"nothing local listens on {port}: check a server copylint started"
    for pid in owners:
        listening = _listening(pid)
        assert listening
        assert all(c.laddr.ip in ("127.0.0.1", "::1", "::ffff:127.0.0.1") for c in listening), (
            listening
        )

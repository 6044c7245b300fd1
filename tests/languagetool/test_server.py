"""Server lifecycle: one attempt, one-line failures, a background server, and no JVM left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from copylint.languagetool import server


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not server._is_languagetool(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user cache dir, so tests never touch a real background server's record."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


# Units -------------------------------------------------------------------------------------


def test_free_port_is_bindable_on_loopback() -> None:
    import socket

    port = server.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


@pytest.mark.parametrize("value", ["512m", "1g", "2G", "1536M"])
def test_heap_accepts(value: str) -> None:
    assert server.heap_setting(value) == value


@pytest.mark.parametrize("value", ["1 g", "-1g", "lots", "0g"])
def test_heap_rejects(value: str) -> None:
    with pytest.raises(server.ServerError, match="bad LanguageTool heap size"):
        server.heap_setting(value)


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081"),
        ("http://localhost:8081/v2/", "http://localhost:8081"),
        ("https://api.languagetool.org/v2", "https://api.languagetool.org"),
    ],
)
def test_normalize_url(given: str, url: str) -> None:
    assert server.normalize_url(given) == url


def test_normalize_url_rejects_a_bare_host() -> None:
    with pytest.raises(server.ServerError, match="bad LanguageTool URL"):
        server.normalize_url("localhost:8081")


def test_no_java(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(server.ServerError, match=r"^Java is not installed .*Java 17\+$"):
        server.check_java()


def test_java_too_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(server.ServerError, match="Java 11 is too old for LanguageTool 6"):
        server.check_java()
    java.write_text("#!/bin/sh\necho 'java version \"1.8.0_392\"' >&2\n")
    with pytest.raises(server.ServerError, match="Java 8 is too old"):
        server.check_java()


def test_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    with pytest.raises(server.ServerError, match=r"not installed .*copylint languagetool install"):
        server.find_install()


def test_broken_install_fails_once_with_one_line(tmp_path: Path, own_cache: Path) -> None:
    folder = tmp_path / "LanguageTool-6.8"
    folder.mkdir()
    with zipfile.ZipFile(folder / "languagetool-server.jar", "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
    install = server.find_install(tmp_path)
    began = time.monotonic()
    with pytest.raises(server.ServerError) as info:
        server.launch(install=install, timeout=60)
    message = str(info.value)
    assert message.startswith("LanguageTool exited during start-up")
    assert "ClassNotFoundException" in message or "Could not find or load main class" in message
    assert "\n" not in message
    assert time.monotonic() - began < 30  # one attempt, not a loop over ports


# The real server ---------------------------------------------------------------------------


@pytest.mark.languagetool
def test_start_timeout_kills_the_jvm(own_cache: Path) -> None:
    before = set(_languagetool_pids())
    with pytest.raises(
        server.ServerError, match=r"did not answer on http://127\.0\.0\.1:\d+ within 0 s"
    ):
        server.launch(timeout=0.2)
    time.sleep(0.5)
    assert set(_languagetool_pids()) <= before


@pytest.mark.languagetool
def test_background_start_status_stop(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(server.URL_ENV)
    assert server.status() is None
    info = server.start(heap="512m")
    try:
        assert info.url.startswith("http://127.0.0.1:")
        assert server.state_file().is_file()
        assert server.status() == info
        assert server.start() == info  # reused, not a second JVM
        cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes().split(b"\0")
        assert b"-Xmx512m" in cmdline
        assert b"--public" not in cmdline
        with server.server_for_run() as url:  # a run reuses it
            assert url == info.url
        assert server._is_languagetool(info.pid)
    finally:
        stopped = server.stop()
    assert stopped is not None and stopped.pid == info.pid
    assert _gone(info.pid)
    assert not server.state_file().exists()
    assert server.stop() is None
    assert server.status() is None


@pytest.mark.languagetool
def test_stale_record_is_ignored(own_cache: Path) -> None:
    fake = server.ServerInfo(os.getpid(), 1, "http://127.0.0.1:1", "6.8", "1g", 0.0, "")
    server._write_state(fake)  # this pid is alive but is not a LanguageTool JVM
    assert server.status() is None
    assert not server.state_file().exists()


@pytest.mark.languagetool
def test_server_for_run_starts_and_stops(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(server.URL_ENV)
    with server.server_for_run() as url:
        port = int(url.rsplit(":", 1)[1])
        pids = _languagetool_pids(port)
        assert len(pids) == 1 and server.healthy(url)
    assert _gone(pids[0])


_CHILD = textwrap.dedent(
    """
    import os, sys, time
    os.environ.pop("COPYLINT_LANGUAGETOOL_URL", None)
    from copylint.languagetool import server
    ctx = server.server_for_run()
    url = ctx.__enter__()
    print(url, flush=True)
    if sys.argv[1] == "exit":
        sys.exit(0)  # never leaves the context manager: atexit must stop the JVM
    time.sleep(120)
    """
)


@pytest.mark.languagetool
@pytest.mark.slow
@pytest.mark.parametrize("how", ["exit", "SIGKILL", "SIGTERM"])
def test_no_jvm_left_behind(how: str, own_cache: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, "exit" if how == "exit" else "sleep"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(own_cache)},
    )
    assert child.stdout is not None
    url = child.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    (pid,) = _languagetool_pids(int(url.rsplit(":", 1)[1]))
    if how != "exit":
        child.send_signal(getattr(signal, how))
    child.wait(30)
    assert _gone(pid), f"JVM {pid} outlived its parent ({how})"


def _languagetool_pids(port: int | None = None) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if server._MAIN_CLASS.encode() in cmd and (port is None or str(port).encode() in cmd):
            pids.append(int(entry.name))
    return pids

"""The progress bar: shown only on a terminal, for more than a handful of files, on stderr."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest

from copylint.progress import MIN_FILES, progress, progress_enabled


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("total", "quiet", "tty", "env", "expected"),
    [
        (MIN_FILES, False, True, {}, True),
        (1000, False, True, {"TERM": "xterm"}, True),
        (5, False, True, {}, False),  # a handful
        (0, False, True, {}, False),
        (1000, True, True, {}, False),  # --quiet
        (1000, False, False, {}, False),  # a pipe or a log file
        (1000, False, True, {"CI": "true"}, False),
        (1000, False, True, {"CI": "1"}, False),
        (1000, False, True, {"CI": "false"}, True),
        (1000, False, True, {"TERM": "dumb"}, False),
    ],
)
def test_when_the_bar_is_shown(
    total: int, quiet: bool, tty: bool, env: dict[str, str], expected: bool
) -> None:
    stream = Terminal() if tty else io.StringIO()
    assert progress_enabled(total, quiet=quiet, stream=stream, env=env) is expected


def test_defaults_read_stderr_and_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert progress_enabled(1000) is False  # pytest's captured stderr is not a terminal
    monkeypatch.setattr("sys.stderr", Terminal())
    assert progress_enabled(1000) is True
    monkeypatch.setenv("CI", "true")
    assert progress_enabled(1000) is False


def test_bar_goes_to_stderr_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with progress(10, True) as advance:
        for _ in range(10):
            advance()
    out = capsys.readouterr().out
    assert out == ""
    drawn = terminal.getvalue()
    assert "Checking" in drawn
    assert "10/10" in drawn
    assert drawn.endswith("\x1b[1A\r\x1b[2K")  # the finished bar is erased


def test_disabled_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    stream = Terminal()
    with progress(100, False, stream=stream) as advance:
        for _ in range(100):
            advance()
    assert stream.getvalue() == ""
    assert capsys.readouterr() == ("", "")


def test_advance_is_thread_safe() -> None:
    stream = Terminal()
    total = 8 * 250

    def worker(advance: Callable[[], None]) -> None:
        for _ in range(250):
            advance()

    with progress(total, True, stream=stream) as advance:
        threads = [threading.Thread(target=worker, args=(advance,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert f"{total}/{total}" in stream.getvalue()

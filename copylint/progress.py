"""A progress bar on standard error while many files are checked, and only on a terminal."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO

import click

MIN_FILES = 6  # more than a handful


def _in_ci(env: Mapping[str, str]) -> bool:
    return env.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def progress_enabled(
    total: int,
    *,
    quiet: bool = False,
    stream: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> bool:
    """Whether to show a bar: more than a handful of files, stderr a terminal, not in CI
    (CI set), not --quiet, and not TERM=dumb."""
    stream = stream if stream is not None else sys.stderr
    env = env if env is not None else os.environ
    if quiet or total < MIN_FILES or _in_ci(env) or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _nothing() -> None:
    return None


@contextmanager
def progress(
    total: int, enabled: bool, *, label: str = "Checking", stream: TextIO | None = None
) -> Iterator[Callable[[], None]]:
    """Yield advance(), to be called once per finished file from any thread; it draws a
    bar on stream (standard error) when enabled and does nothing otherwise. The bar is
    cleared at the end, so the report that follows starts on a clean line."""
    if not enabled or total <= 0:
        yield _nothing
        return
    out = stream if stream is not None else sys.stderr
    lock = threading.Lock()
    with click.progressbar(
        length=total,
        label=label,
        file=out,
        show_pos=True,
        show_eta=True,
        width=30,
    ) as bar:

        def advance() -> None:
            with lock:
                bar.update(1)

        yield advance
    # click ends the bar with a newline: go back up and erase it, so that the report (or
    # the next prompt) does not sit under a stale bar.
    out.write("\x1b[1A\r\x1b[2K")
    out.flush()


__all__ = ["MIN_FILES", "progress", "progress_enabled"]

"""Child processes die with copylint: worker processes and a run's own LanguageTool server.

On Linux the kernel does it (`PR_SET_PDEATHSIG`: SIGKILL when the parent thread that started
the child exits, even when the parent was SIGKILLed). Elsewhere, and as a second layer, a
worker process watches its parent pid from a daemon thread and exits when it changes.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

WATCH_INTERVAL = 0.5  # seconds between a worker's looks at its parent


def _prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def tie_preexec() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess.Popen: the child is SIGKILLed when this process dies.
    None where the kernel cannot do it (not Linux)."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def die_with_parent(parent: int) -> None:
    """Called first thing in a worker process: end it when `parent` (its parent) dies."""
    prctl = _prctl()
    if prctl is not None:
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # already orphaned
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="copylint-parent-watch", daemon=True).start()


__all__ = ["die_with_parent", "tie_preexec"]

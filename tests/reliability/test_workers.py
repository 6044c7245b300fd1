"""Worker processes die with copylint: SIGTERM, SIGINT or SIGKILL leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from copylint import lifetime

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _alive(pid: int) -> bool:
    """Running (a zombie nobody has reaped yet is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_killing_copylint_leaves_no_worker_or_tracker_running(
    tmp_path: Path, sig: signal.Signals
) -> None:
    for i in range(60):
        (tmp_path / f"a{i:02}.md").write_text("We saw the the lake. " * 400 + "\n")
    cmd = [sys.executable, "-m", "copylint", "check", "--select", "house", "--no-cache"]
    proc = subprocess.Popen(
        [*cmd, "--jobs", "2", "-q", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    spawned: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(spawned) < 3:  # two workers and the tracker
        spawned |= _descendants(proc.pid)
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before the signal: give it more to do"
    assert len(spawned) >= 3, spawned
    proc.send_signal(sig)
    proc.wait(timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(_alive, spawned)):
        time.sleep(0.1)
    survivors = sorted(p for p in spawned if _alive(p))
    for pid in survivors:
        os.kill(pid, signal.SIGKILL)
    assert survivors == [], f"still running after {sig.name}: {survivors}"


def test_a_tied_child_dies_when_its_parent_is_killed(tmp_path: Path) -> None:
    """The preexec hook alone: a child started with it by a parent that is SIGKILLed."""
    script = (
        "import subprocess, sys, time\n"
        "from copylint import lifetime\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],"
        " preexec_fn=lifetime.tie_preexec())\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _alive(child):
        time.sleep(0.05)
    assert not _alive(child)
    assert lifetime.tie_preexec() is not None

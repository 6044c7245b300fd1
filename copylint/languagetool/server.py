"""A local LanguageTool server's lifecycle: find the install, start, wait, record, stop.

Two kinds of server:

- the *background* server of `copylint languagetool start`: its own session, so it outlives the
  command; its pid and URL are recorded in `<user cache dir>/languagetool/server.json`, and
  `status`/`stop` read that record (checking that the pid is still that JVM, not a reused pid);
- the server *for one run* (`server_for_run`): started only when no URL is given and no
  background server answers, and stopped when the run ends. Three layers make sure no JVM is
  left behind: the context manager's `finally`, an `atexit` hook, and on Linux
  `PR_SET_PDEATHSIG` (the kernel kills the JVM when the thread that started it exits, even after
  SIGKILL). That thread is a dedicated daemon thread that lives as long as the process, so a
  worker thread of a pool that happens to trigger the start cannot take the server down with it.

The JVM is started directly (`java -Xmx… -cp languagetool-server.jar
org.languagetool.server.HTTPServer -p PORT`), not through language-tool-python's local mode:
that polls /v2/healthcheck for a hard-coded 15 s and then retries on another port, hundreds of
times, without killing the previous JVM. Here a start is one attempt on one free port with one
clear timeout, and every failure is one line. Without `--public`, HTTPServer accepts
connections from localhost only; IPv4 is forced so that 127.0.0.1 is the address it binds.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import platformdirs

from copylint import lifetime

URL_ENV = "COPYLINT_LANGUAGETOOL_URL"
HEAP_ENV = "COPYLINT_LANGUAGETOOL_HEAP"
DEFAULT_HEAP = "1g"
DEFAULT_START_TIMEOUT = 60.0  # seconds; a cold LanguageTool takes 1-15 s on a loaded 2-core box
MIN_JAVA = 17  # LanguageTool >= 6.6
_MAIN_CLASS = "org.languagetool.server.HTTPServer"
_JARS = ("languagetool-server.jar", "languagetool.jar")
_HEAP = re.compile(r"^[1-9][0-9]*[kKmMgG]?$")


class ServerError(Exception):
    """LanguageTool cannot be found, started or reached; the message is one line."""


@dataclass(frozen=True, slots=True)
class Install:
    """A LanguageTool installation: its folder, its jar and its version."""

    path: Path
    jar: Path
    version: str


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A running server: what the state file records."""

    pid: int
    port: int
    url: str
    version: str
    heap: str
    started: float
    log: str


# Installation ---------------------------------------------------------------------------


def ltp_path() -> Path:
    """Where LanguageTool installs live: $LTP_PATH, as language-tool-python reads it."""
    return Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)) or (0,)


def installs(root: Path | None = None) -> list[Install]:
    """Every usable install under LTP_PATH, newest first."""
    root = root or ltp_path()
    found: list[Install] = []
    if not root.is_dir():
        return found
    for folder in root.glob("LanguageTool-*"):
        jar = next((folder / j for j in _JARS if (folder / j).is_file()), None)
        if folder.is_dir() and jar is not None:
            found.append(Install(folder, jar, folder.name.removeprefix("LanguageTool-")))
    return sorted(found, key=lambda i: _version_key(i.version), reverse=True)


def find_install(root: Path | None = None) -> Install:
    """The newest install, or a one-line error saying how to get one."""
    found = installs(root)
    if not found:
        where = root or ltp_path()
        raise ServerError(
            f"LanguageTool is not installed in {where}; run `copylint languagetool install`"
        )
    return found[0]


# Java -----------------------------------------------------------------------------------


def java_executable() -> str:
    """$JAVA_HOME/bin/java if set, else `java` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / ("java.exe" if os.name == "nt" else "java")
        if candidate.is_file():
            return str(candidate)
    found = shutil.which("java")
    if not found:
        raise ServerError(
            f"Java is not installed (no `java` on the PATH); LanguageTool needs Java {MIN_JAVA}+"
        )
    return found


def java_major(java: str) -> int:
    """The major version `java -version` reports (1.8 → 8, 17.0.15 → 17)."""
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ServerError(f"cannot run {java} -version: {e}") from None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        raise ServerError(f"cannot read the Java version from `{java} -version`")
    major = int(m[1])
    return int(m[2] or 0) if major == 1 else major


def check_java() -> str:
    """A Java new enough for LanguageTool, or a one-line error."""
    java = java_executable()
    major = java_major(java)
    if major < MIN_JAVA:
        raise ServerError(f"Java {major} is too old for LanguageTool 6 (needs {MIN_JAVA}+): {java}")
    return java


# Processes ------------------------------------------------------------------------------


def state_dir() -> Path:
    return Path(platformdirs.user_cache_dir("copylint")) / "languagetool"


def state_file() -> Path:
    return state_dir() / "server.json"


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def heap_setting(value: str | None = None) -> str:
    heap = value or os.environ.get(HEAP_ENV) or DEFAULT_HEAP
    if not _HEAP.match(heap):
        raise ServerError(f"bad LanguageTool heap size {heap!r} (e.g. 512m, 1g, 2g)")
    return heap


def healthy(url: str, timeout: float = 2.0) -> bool:
    """Whether a LanguageTool server answers /v2/healthcheck at url."""
    try:
        with urllib.request.urlopen(f"{url}/v2/healthcheck", timeout=timeout) as r:
            return 200 <= int(r.status) < 300
    except (OSError, ValueError):
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_languagetool(pid: int) -> bool:
    """Whether pid is a LanguageTool JVM (guards against a reused pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return _pid_alive(pid) if not Path("/proc/self").exists() else False
    except OSError:
        return False
    return _MAIN_CLASS.encode() in cmdline


def _tail(log: Path, lines: int = 40) -> list[str]:
    try:
        return log.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def _why_it_died(log: Path) -> str:
    """The most telling line of a failed start's log."""
    tail = _tail(log)
    for pattern in (r"Caused by: .*", r"Exception in thread .*", r".*Error: .*", r".*Exception.*"):
        for line in reversed(tail):
            if re.match(pattern, line.strip()):
                return line.strip()[:300]
    return tail[-1].strip()[:300] if tail else "no output"


class _Launcher:
    """A daemon thread that starts tied JVMs, so PR_SET_PDEATHSIG follows the process's life."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[tuple[list[str], Path, threading.Event, list[Any]]] = []
        self._wake = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None

    def spawn(self, cmd: list[str], log: Path) -> subprocess.Popen[bytes]:
        done = threading.Event()
        result: list[Any] = []
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="copylint-languagetool-launcher", daemon=True
                )
                self._thread.start()
            self._requests.append((cmd, log, done, result))
            self._wake.notify()
        done.wait()
        if isinstance(result[0], BaseException):
            raise result[0]
        proc: subprocess.Popen[bytes] = result[0]
        return proc

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._requests:
                    self._wake.wait()
                cmd, log, done, result = self._requests.pop(0)
            try:
                result.append(_popen(cmd, log, tied=True))
            except BaseException as e:  # handed back to the caller's thread
                result.append(e)
            done.set()


_LAUNCHER = _Launcher()


def _popen(cmd: list[str], log: Path, *, tied: bool) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=str(log.parent),
            start_new_session=True,  # Ctrl-C goes to copylint, which stops the JVM itself
            preexec_fn=lifetime.tie_preexec() if tied else None,
        )


def _command(java: str, install: Install, port: int, heap: str) -> list[str]:
    return [
        java,
        f"-Xmx{heap}",
        "-Djava.net.preferIPv4Stack=true",
        "-Dfile.encoding=UTF-8",
        "-cp",
        str(install.jar),
        _MAIN_CLASS,
        "--port",
        str(port),
    ]


def _kill(proc_or_pid: subprocess.Popen[bytes] | int, grace: float = 5.0) -> None:
    """SIGTERM, wait up to `grace` seconds, then SIGKILL."""
    if isinstance(proc_or_pid, subprocess.Popen):
        proc = proc_or_pid
        if proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(grace)
        return
    pid = proc_or_pid
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _pid_alive(pid):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    return
            time.sleep(0.05)
        if _pid_alive(pid):
            os.kill(pid, signal.SIGKILL)


def launch(
    *,
    heap: str | None = None,
    timeout: float = DEFAULT_START_TIMEOUT,
    install: Install | None = None,
    tied: bool = True,
    log: Path | None = None,
) -> tuple[subprocess.Popen[bytes], ServerInfo]:
    """Start one JVM on one free loopback port and wait until it answers; one attempt only.

    `tied` servers die with this process (for one run); untied ones are background servers.
    """
    install = install or find_install()
    java = check_java()
    heap = heap_setting(heap)
    port = free_port()
    state_dir().mkdir(parents=True, exist_ok=True)
    log = log or state_dir() / f"server-{os.getpid()}-{port}.log"
    cmd = _command(java, install, port, heap)
    try:
        proc = _LAUNCHER.spawn(cmd, log) if tied else _popen(cmd, log, tied=False)
    except OSError as e:
        raise ServerError(f"cannot start LanguageTool ({java}): {e}") from None
    if tied:
        _TIED.add(proc)
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    deadline = started + timeout
    try:
        while True:
            code = proc.poll()
            if code is not None:
                raise ServerError(
                    f"LanguageTool exited during start-up (code {code}): {_why_it_died(log)}"
                    f" (log: {log})"
                )
            if healthy(url, timeout=1.0):
                break
            if time.monotonic() > deadline:
                raise ServerError(
                    f"LanguageTool did not answer on {url} within {timeout:.0f} s (log: {log})"
                )
            time.sleep(0.1)
    except BaseException:
        _kill(proc)
        _TIED.discard(proc)
        raise
    info = ServerInfo(proc.pid, port, url, install.version, heap, time.time(), str(log))
    return proc, info


class _TiedProcesses:
    """Every JVM started for this process's runs; atexit stops any still running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._procs: set[subprocess.Popen[bytes]] = set()
        self._registered = False

    def add(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._procs.add(proc)
            if not self._registered:
                atexit.register(self.stop_all)
                self._registered = True

    def discard(self, proc: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._procs.discard(proc)

    def stop_all(self) -> None:
        with self._lock:
            procs = list(self._procs)
            self._procs.clear()
        for proc in procs:
            _kill(proc, grace=2.0)

    def __len__(self) -> int:
        return len(self._procs)


_TIED = _TiedProcesses()


# The background server ------------------------------------------------------------------


def _read_state() -> ServerInfo | None:
    try:
        data: Mapping[str, Any] = json.loads(state_file().read_text())
        return ServerInfo(**data)
    except (OSError, ValueError, TypeError):
        return None


def _write_state(info: ServerInfo) -> None:
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(info), indent=2))
    tmp.replace(path)


def status() -> ServerInfo | None:
    """The recorded background server if its JVM is alive and answering; a stale record is
    removed."""
    info = _read_state()
    if info is None:
        return None
    if not _is_languagetool(info.pid):
        with contextlib.suppress(OSError):
            state_file().unlink()
        return None
    return info if healthy(info.url) else None


def start(*, heap: str | None = None, timeout: float = DEFAULT_START_TIMEOUT) -> ServerInfo:
    """Start the background server, or return the one already running."""
    running = status()
    if running is not None:
        return running
    log = state_dir() / "server.log"
    _, info = launch(heap=heap, timeout=timeout, tied=False, log=log)
    _write_state(info)
    return info


def stop() -> ServerInfo | None:
    """Stop the background server; the stopped server's record, or None if none ran."""
    info = _read_state()
    if info is None:
        return None
    if _is_languagetool(info.pid):
        _kill(info.pid)
    with contextlib.suppress(OSError):
        state_file().unlink()
    return info


# A server for one run -------------------------------------------------------------------


def normalize_url(url: str) -> str:
    """`http://host:8081/v2/` → `http://host:8081`: the client adds /v2/check itself."""
    url = url.strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    if not re.match(r"^https?://", url):
        raise ServerError(f"bad LanguageTool URL {url!r} (expected http://host:port)")
    return url


@contextlib.contextmanager
def server_for_run(
    url: str | None = None, *, heap: str | None = None, timeout: float = DEFAULT_START_TIMEOUT
) -> Iterator[str]:
    """The URL of a LanguageTool server for one run, stopping it afterwards if it was ours.

    Order: `url`, $COPYLINT_LANGUAGETOOL_URL, the background server, a new tied server.
    """
    explicit = url or os.environ.get(URL_ENV)
    if explicit:
        yield normalize_url(explicit)
        return
    running = status()
    if running is not None:
        yield running.url
        return
    proc, info = launch(heap=heap, timeout=timeout, tied=True)
    try:
        yield info.url
    finally:
        stop_tied(proc, info)


def stop_tied(proc: subprocess.Popen[bytes], info: ServerInfo | None = None) -> None:
    """Stop a server started for a run and remove its log."""
    _kill(proc)
    _TIED.discard(proc)
    if info is not None:
        with contextlib.suppress(OSError):
            Path(info.log).unlink()

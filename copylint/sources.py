"""Reading articles from disk or stdin and writing them back: encodings, BOMs, atomic writes."""

from __future__ import annotations

import codecs
import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pathspec

from copylint.document import format_of

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class InputError(Exception):
    """A file that cannot be read as an article; str() is one line naming the cause."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """An article's decoded text and how to write it back byte for byte."""

    path: str  # as the user named it ("-" or the stdin filename for standard input)
    text: str  # decoded, BOM removed, line endings untouched
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(path: str, data: bytes) -> SourceFile:
    """Decode an article's bytes: UTF-8 (or UTF-16/32 with a BOM); NUL bytes mean binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return SourceFile(path, data[len(bom) :].decode(encoding), encoding, bom)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"invalid {encoding.upper()} at byte offset {exc.start + len(bom)}"
                ) from exc
    if b"\x00" in data:
        nul = data.index(b"\x00")
        raise InputError(f"binary file (NUL byte at byte offset {nul}), skipped")
    try:
        return SourceFile(path, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(
            f"invalid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            "save the file as UTF-8"
        ) from exc


def read_source(path: str) -> SourceFile:
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            raise InputError("not a regular file")  # /dev/zero would never end
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return decode(path, data)


TMP_SUFFIX = ".copylint-tmp"
_STALE_AFTER = (
    24 * 3600
)  # seconds; a temp file whose writer cannot be identified is stale after this

# The folders named on the command line: a file found under one belongs to that checked tree,
# and a write never follows a symlink out of it. Filled by expand() (and by remember_trees() in a
# worker process); read by tree_of().
_NAMED_FOLDERS: list[str] = []


def remember_trees(paths: Iterable[str]) -> None:
    """Make the folders among the named paths this run's checked trees (cheap: no walk)."""
    _NAMED_FOLDERS[:] = sorted(
        {os.path.abspath(raw) for raw in paths if raw != "-" and os.path.isdir(raw)}, key=len
    )


def tree_of(path: str) -> str:
    """The checked tree a path belongs to: the widest named folder it was found under, else
    its own folder."""
    here = os.path.abspath(path)
    for folder in _NAMED_FOLDERS:
        if here.startswith(folder.rstrip(os.sep) + os.sep):
            return folder
    return os.path.dirname(here)


def _inside(path: str, tree: str) -> bool:
    tree = os.path.realpath(tree)
    return os.path.commonpath([path, tree]) == tree


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temp files an earlier, killed run left beside `name`: ours by name, and either
    written by a process that no longer exists or older than a day."""
    try:
        leftovers = list(folder.glob(f".{glob.escape(name)}.*{TMP_SUFFIX}"))
    except OSError:
        return
    for tmp in leftovers:
        parts = tmp.name[len(name) + 2 : -len(TMP_SUFFIX)].split(".")
        try:
            alive = _pid_alive(int(parts[0])) if len(parts) == 2 else None
            if alive is None:
                alive = time.time() - tmp.lstat().st_mtime < _STALE_AFTER
            if not alive and tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()
        except (OSError, ValueError):
            continue


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def write_atomically(path: str, data: bytes, tree: str | None = None) -> None:
    """Replace a file's contents all at once, keeping its permissions.

    The new bytes go to `.NAME.PID.RANDOM.copylint-tmp` beside the file and replace it with
    one rename, so a reader (or a run killed at any moment) sees the old file or the new one,
    never a truncated one; a killed run may leave that temp file, which the next write of the
    same file removes. A symlink is written through to its target when the target lies inside
    the checked tree (`tree`, by default the one expand() found the path in), else refused.
    """
    target = Path(os.path.realpath(path))
    tree = tree or tree_of(path)
    if not _inside(str(target), tree):
        raise InputError(f"a symlink to {target}, outside {tree}: not fixed")
    try:
        st = target.stat()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file, not fixed")
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise InputError("file is read-only, not fixed")
    _remove_stale_temps(target.parent, target.name)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=TMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise InputError(f"cannot write beside the file: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise InputError(f"could not write the fixes: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _ignored_by_git(root: Path) -> pathspec.GitIgnoreSpec | None:
    patterns: list[str] = []
    for gitignore in [root / ".gitignore"]:
        try:
            patterns.extend(gitignore.read_text(encoding="utf-8", errors="replace").splitlines())
        except OSError:
            continue
    return pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None


def walk(root: Path) -> Iterator[Path]:
    """Articles under a folder, recursively: hidden folders, .gitignore'd paths, and symlink
    loops are skipped."""
    specs: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        here = Path(dirpath)
        try:
            st = here.stat()
        except OSError:
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        spec = _ignored_by_git(here)
        if spec is not None:
            specs.append((here, spec))

        def ignored(p: Path, is_dir: bool) -> bool:
            for base, s in specs:
                try:
                    rel = p.relative_to(base).as_posix()
                except ValueError:
                    continue
                if s.match_file(rel + ("/" if is_dir else "")):
                    return True
            return False

        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not ignored(here / d, True)
        )
        for name in sorted(filenames):
            p = here / name
            if name.startswith(".") or not format_of(name) or ignored(p, False):
                continue
            try:
                mode = p.stat().st_mode
            except OSError:  # dangling or looping symlink: read_source names the cause
                yield p
                continue
            if stat.S_ISREG(mode):  # never a FIFO, device or socket found in a folder
                yield p


def expand(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, problem) for each article named or found under a named folder; problem is a
    one-line message when the path cannot be checked, "notice:…" when it is merely empty."""
    paths = list(paths)
    remember_trees(paths)
    for raw in paths:
        p = Path(raw)
        if raw == "-":
            yield raw, None
        elif p.is_dir():
            found = False
            for article in walk(p):
                found = True
                yield str(article), None
            if not found:
                yield raw, "notice: no articles (.md, .markdown, .txt, .html) in this folder"
        elif p.exists() or p.is_symlink():
            yield raw, None
        else:
            yield raw, "no such file or directory"

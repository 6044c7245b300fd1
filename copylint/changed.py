"""The articles git reports as changed: `copylint check --changed [REV]`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from copylint.document import format_of


class ChangedFilesError(Exception):
    """git cannot say what changed (not a repository, unknown revision…); str() is one line."""


def _git(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", "-c", "diff.relative=false", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
        )
    except FileNotFoundError:
        raise ChangedFilesError("--changed needs git, and git is not installed") from None


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else "git failed"


def _names(args: Sequence[str], cwd: Path) -> list[str]:
    done = _git(args, cwd)
    if done.returncode != 0:
        raise ChangedFilesError(f"git {args[0]}: {_first_line(done.stderr)}")
    return [n for n in done.stdout.split("\0") if n]


def repository_root(cwd: Path) -> Path:
    """The top of the git work tree that holds cwd."""
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        raise ChangedFilesError(f"--changed: {cwd} is not inside a git repository")
    return Path(done.stdout.strip())


def _has_commit(rev: str, cwd: Path) -> bool:
    return _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd).returncode == 0


def changed_files(
    rev: str | None = None, cwd: str | Path | None = None, paths: Sequence[str] = ()
) -> list[str]:
    """Articles that differ from REV (default HEAD) in the work tree, staged or not, plus
    untracked ones that are not ignored; relative to cwd, sorted, existing files only.

    With REV, the comparison starts at the merge base of REV and HEAD, so `--changed main`
    on a branch lists what the branch changed, not what main gained since. `paths` limits
    the answer to those files or folders (git pathspecs).
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    top = repository_root(here)
    spec = ["--", *paths] if paths else []
    if rev is None:
        base = "HEAD" if _has_commit("HEAD", here) else None
    else:
        if rev.startswith("-") or not _has_commit(rev, here):
            raise ChangedFilesError(f"--changed: unknown git revision {rev!r}")
        found = _git(["merge-base", rev, "HEAD"], here)
        base = found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else rev
    if base is None:  # no commit yet: everything staged is new
        tracked = _names(["ls-files", "-z", "--full-name", *spec], here)
    else:
        tracked = _names(["diff", "--name-only", "-z", "--no-renames", base, *spec], here)
    untracked = _names(
        ["ls-files", "-z", "--full-name", "--others", "--exclude-standard", *spec], here
    )
    found_paths: set[str] = set()
    for name in [*tracked, *untracked]:
        full = top / name
        if format_of(name) is None or not full.is_file():
            continue
        found_paths.add(_relative(full, here))
    return sorted(found_paths)


def _relative(path: Path, cwd: Path) -> str:
    try:
        return Path(os.path.relpath(path, cwd.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


__all__ = ["ChangedFilesError", "changed_files", "repository_root"]

"""Writing fixes back: atomic under a real SIGKILL, permissions kept, read-only files and
symlinks handled, nothing left behind."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pytest import MonkeyPatch

from copylint.pipeline import fix_text
from copylint.sources import TMP_SUFFIX, InputError, write_atomically

DOUBLED = "Paris in the the spring.\n"  # one safe-fixable house/duplicated-word
Check = Callable[..., Result]  # the `check` fixture of conftest.py


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


FIXED = "Paris in the spring.\n"


def _article(i: int) -> str:
    para = (
        f"Article {i} begins here, and the the council met on Tuesday.\n"
        "The mayor said said the budget would hold , she said.\n"
        "```\ncode the the stays\n```\n\n"
    )
    return f"---\ntitle: Article {i}\n---\n\n" + para * 40


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(f"*{TMP_SUFFIX}"))


@pytest.mark.slow
@pytest.mark.parametrize("after", [1, 10, 40])
def test_sigkill_during_fix_leaves_every_file_whole(tmp_path: Path, after: int) -> None:
    """SIGKILL a `--fix --jobs 2` run over 150 files once `after` files have been rewritten:
    each file is byte for byte the original or the fully fixed text, never truncated; a
    second run finishes the job and removes any temp file the killed one left."""
    top = tmp_path / "articles"
    top.mkdir()
    originals = {f"a{i:03}.md": _article(i) for i in range(150)}
    for name, text in originals.items():
        (top / name).write_text(text, encoding="utf-8")
        os.utime(top / name, (1_000_000_000, 1_000_000_000))
    exe = Path(sys.executable).with_name("copylint")
    cmd = [str(exe), "check", "--select", "house", "--no-cache", "--jobs", "2", "--fix", "-q"]
    proc = subprocess.Popen([*cmd, str(top)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    began = time.monotonic()
    while time.monotonic() - began < 120:
        changed = sum(1 for n in originals if (top / n).stat().st_mtime != 1_000_000_000)
        if changed >= after or proc.poll() is not None:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before the kill: raise the count"
    fixed = 0
    for name, text in originals.items():
        now = (top / name).read_text(encoding="utf-8")
        if now != text:
            fixed += 1
            assert now == fix_text(text, name), f"{name} is neither the original nor fixed"
    assert fixed >= after
    leftovers = _temps(top)
    assert len(leftovers) <= 2, leftovers  # at most one per worker, being written at the kill
    print(f"\nkilled after {fixed} of {len(originals)} fixed, {len(leftovers)} temp files left")
    again = subprocess.run([*cmd, str(top)], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert _temps(top) == []
    name = sorted(originals)[-1]
    assert (top / name).read_text(encoding="utf-8") == fix_text(originals[name], name)


def test_stale_temp_files_of_dead_runs_are_removed(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(DOUBLED, encoding="utf-8")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], text=True, capture_output=True
    )
    stale = tmp_path / f".a.md.{int(dead.stdout)}.x1y2z3{TMP_SUFFIX}"
    stale.write_bytes(b"half")
    alive = tmp_path / f".a.md.{os.getppid()}.abcdef{TMP_SUFFIX}"  # a run still writing
    alive.write_bytes(b"busy")
    old = tmp_path / f".a.md.oldstyle{TMP_SUFFIX}"
    old.write_bytes(b"old")
    os.utime(old, (time.time() - 3 * 86400,) * 2)
    other = tmp_path / f".b.md.{int(dead.stdout)}.abcdef{TMP_SUFFIX}"  # another file's
    other.write_bytes(b"b")
    write_atomically(str(p), FIXED.encode())
    assert p.read_text(encoding="utf-8") == FIXED
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(["a.md", alive.name, other.name])


def test_temp_files_are_not_checked_as_articles(check: Check, tmp_path: Path) -> None:
    (tmp_path / f".a.md.123.abc{TMP_SUFFIX}").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "a.md").write_text("Fine.\n", encoding="utf-8")
    result = check(".")
    assert result.exit_code == 0, result.output


def test_permissions_are_kept(check: Check, tmp_path: Path) -> None:
    for mode in (0o600, 0o640, 0o664, 0o755):
        p = tmp_path / f"m{mode:o}.md"
        p.write_text(DOUBLED, encoding="utf-8")
        p.chmod(mode)
        assert check("--fix", p.name).exit_code == 0
        assert p.read_text(encoding="utf-8") == FIXED
        assert stat.S_IMODE(p.stat().st_mode) == mode


def test_read_only_file_is_an_error_and_the_others_are_fixed(check: Check, tmp_path: Path) -> None:
    ro = tmp_path / "ro.md"
    ro.write_text(DOUBLED, encoding="utf-8")
    ro.chmod(0o444)
    rw = tmp_path / "rw.md"
    rw.write_text(DOUBLED, encoding="utf-8")
    result = check("--fix", "ro.md", "rw.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert line == "copylint: ro.md: file is read-only, not fixed"
    assert ro.read_text(encoding="utf-8") == DOUBLED
    assert rw.read_text(encoding="utf-8") == FIXED
    assert _temps(tmp_path) == []


@pytest.mark.parametrize(
    "failure",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EDQUOT, "Disk quota exceeded"),
        OSError(errno.EIO, "Input/output error"),
    ],
)
def test_failed_write_keeps_the_original_and_leaves_no_temp(
    check: Check, tmp_path: Path, monkeypatch: MonkeyPatch, failure: OSError
) -> None:
    p = tmp_path / "a.md"
    p.write_text(DOUBLED, encoding="utf-8")

    def fail(fd: int) -> None:
        raise failure

    monkeypatch.setattr("copylint.sources.os.fsync", fail)
    result = check("--fix", "a.md")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert line == f"copylint: a.md: could not write the fixes: {failure.strerror}"
    assert p.read_text(encoding="utf-8") == DOUBLED
    assert _temps(tmp_path) == []


def test_folder_that_refuses_new_files(
    check: Check, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    p = tmp_path / "a.md"
    p.write_text(DOUBLED, encoding="utf-8")

    def refuse(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("copylint.sources.tempfile.mkstemp", refuse)
    result = check("--fix", "a.md")
    assert result.exit_code == 2
    assert "a.md: cannot write beside the file: Permission denied" in result.stderr
    assert p.read_text(encoding="utf-8") == DOUBLED


def test_symlink_inside_the_tree_is_fixed_at_its_target(check: Check, tmp_path: Path) -> None:
    top = tmp_path / "articles"
    (top / "2026").mkdir(parents=True)
    target = top / "2026" / "real.md"
    target.write_text(DOUBLED, encoding="utf-8")
    (top / "latest.md").symlink_to(Path("2026") / "real.md")
    result = check("--fix", "articles/latest.md")  # named alone, its tree is its folder
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == FIXED
    target.write_text(DOUBLED, encoding="utf-8")
    result = check("--fix", "articles")
    assert result.exit_code == 0, result.output
    assert (top / "latest.md").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED


def test_symlink_to_a_sibling_in_the_same_folder_is_fixed(check: Check, tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "link.md").symlink_to("real.md")
    result = check("--fix", "link.md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == FIXED


def test_symlink_out_of_the_tree_is_refused(check: Check, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text(DOUBLED, encoding="utf-8")
    top = tmp_path / "articles"
    (top / "sub").mkdir(parents=True)
    (top / "escape.md").symlink_to(secret)
    (top / "sub" / "up.md").symlink_to(Path("..") / ".." / "outside" / "secret.md")
    (top / "shared").symlink_to(outside)  # a symlinked folder out of the tree
    (top / "own.md").write_text(DOUBLED, encoding="utf-8")
    result = check("--fix", "articles")
    assert result.exit_code == 2
    refused = [line for line in stderr_lines(result) if "outside" in line]
    assert len(refused) == 3, result.stderr
    assert all("a symlink to" in line and "not fixed" in line for line in refused)
    assert secret.read_text(encoding="utf-8") == DOUBLED
    assert (top / "own.md").read_text(encoding="utf-8") == FIXED
    assert (top / "escape.md").is_symlink()
    # Checking without --fix still reads and reports them.
    secret_check = check("articles/escape.md")
    assert secret_check.exit_code == 1


def test_named_symlink_out_of_its_folder_is_refused(check: Check, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    real = tmp_path / "elsewhere" / "real.md"
    real.write_text(DOUBLED, encoding="utf-8")
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "link.md").symlink_to(real)
    result = check("--fix", "here/link.md")
    assert result.exit_code == 2
    assert "here/link.md: a symlink to" in result.stderr
    assert real.read_text(encoding="utf-8") == DOUBLED


def test_write_atomically_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "d.md").mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        write_atomically(str(tmp_path / "d.md"), b"x")


def test_unchanged_file_is_not_rewritten(check: Check, tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("Nothing to fix.\n", encoding="utf-8")
    os.utime(p, (1_000_000_000, 1_000_000_000))
    inode = p.stat().st_ino
    assert check("--fix", "a.md").exit_code == 0
    assert p.stat().st_mtime == 1_000_000_000 and p.stat().st_ino == inode


def _many(top: Path, count: int = 10) -> None:
    for i in range(count):
        (top / f"n{i}.md").write_text(DOUBLED, encoding="utf-8")


def test_worker_processes_fix_a_symlink_inside_the_tree(tmp_path: Path) -> None:
    top = tmp_path / "articles"
    (top / ".shared").mkdir(parents=True)  # hidden: checked only through the link
    (top / "2026").mkdir()
    _many(top)
    (top / ".shared" / "real.md").write_text(DOUBLED, encoding="utf-8")
    (top / "2026" / "link.md").symlink_to(Path("..") / ".shared" / "real.md")
    exe = Path(sys.executable).with_name("copylint")
    run = subprocess.run(
        [str(exe), "check", "--select", "house", "--no-cache", "--jobs", "2", "--fix", str(top)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (top / ".shared" / "real.md").read_text(encoding="utf-8") == FIXED


def test_worker_processes_refuse_a_symlink_out_of_the_tree(tmp_path: Path) -> None:
    top = tmp_path / "articles"
    top.mkdir()
    _many(top)
    secret = tmp_path / "secret.md"
    secret.write_text(DOUBLED, encoding="utf-8")
    (top / "escape.md").symlink_to(secret)
    exe = Path(sys.executable).with_name("copylint")
    run = subprocess.run(
        [str(exe), "check", "--select", "house", "--no-cache", "--jobs", "2", "--fix", str(top)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2, run.stderr
    assert "escape.md: a symlink to" in run.stderr
    assert secret.read_text(encoding="utf-8") == DOUBLED
    assert (top / "n0.md").read_text(encoding="utf-8") == FIXED

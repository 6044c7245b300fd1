"""Tests for reading, decoding and atomically writing articles."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from copylint.sources import InputError, decode, expand, read_source, walk, write_atomically


def test_utf8_bom_is_remembered_and_restored() -> None:
    src = decode("a.md", codecs.BOM_UTF8 + "héllo\r\n".encode())
    assert src.text == "héllo\r\n"
    assert src.encode(src.text) == codecs.BOM_UTF8 + "héllo\r\n".encode()


def test_utf16_with_bom_is_decoded() -> None:
    data = codecs.BOM_UTF16_LE + "one two".encode("utf-16-le")
    src = decode("a.txt", data)
    assert src.text == "one two"
    assert src.encode(src.text) == data


def test_invalid_utf8_names_the_byte_offset() -> None:
    with pytest.raises(InputError, match="invalid UTF-8 at byte offset 3"):
        decode("a.md", b"abc\xff def")


def test_nul_byte_means_binary() -> None:
    with pytest.raises(InputError, match="binary file"):
        decode("a.md", b"abc\x00def")


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source("/nonexistent/article.md")


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("old")
    os.chmod(p, 0o640)
    write_atomically(str(p), b"new")
    assert p.read_text() == "new"
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert [x.name for x in tmp_path.iterdir()] == ["a.md"]


def test_atomic_write_through_a_symlink_fixes_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomically(str(link), b"new")
    assert link.is_symlink()
    assert target.read_text() == "new"


def test_read_only_file_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("old")
    os.chmod(p, 0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomically(str(p), b"new")


def test_walk_skips_hidden_gitignored_and_other_files(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text("x")
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "b.html").write_text("x")
    (tmp_path / "c.py").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.txt").write_text("x")
    (tmp_path / ".gitignore").write_text("drafts/\n")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in walk(tmp_path))
    assert found == ["a.md", "b.html", "sub/e.txt"]


def test_walk_survives_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert [p.name for p in walk(tmp_path)] == ["a.md"]


def test_expand_reports_empty_folders_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    out = dict(expand([str(tmp_path / "empty"), str(tmp_path / "nope.md")]))
    assert out[str(tmp_path / "empty")].startswith("notice:")
    assert out[str(tmp_path / "nope.md")] == "no such file or directory"

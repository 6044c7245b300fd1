"""`--changed [REV]` against a real throwaway git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from copylint.changed import ChangedFilesError, changed_files


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.invalid",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin:/usr/local/bin",
        },
    )
    return done.stdout.strip()


def write(repo: Path, name: str, text: str = "Some prose.\n") -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name in ("articles/a.md", "articles/b.md", "articles/c.html", "notes.txt", "code.py"):
        write(root, name)
    write(root, ".gitignore", "drafts/\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    return root


def test_clean_tree_has_no_changes(repo: Path) -> None:
    assert changed_files(None, repo) == []


def test_default_is_staged_unstaged_and_untracked_against_head(repo: Path) -> None:
    write(repo, "articles/a.md", "Changed, not staged.\n")
    write(repo, "articles/c.html", "<p>Staged.</p>\n")
    git(repo, "add", "articles/c.html")
    write(repo, "articles/new.md")  # untracked
    write(repo, "drafts/ignored.md")  # untracked and ignored
    write(repo, "code.py", "print('not an article')\n")
    assert changed_files(None, repo) == ["articles/a.md", "articles/c.html", "articles/new.md"]


def test_deleted_and_renamed_files(repo: Path) -> None:
    (repo / "articles/b.md").unlink()
    git(repo, "mv", "notes.txt", "moved.txt")
    assert changed_files(None, repo) == ["moved.txt"]


def test_since_a_revision_includes_commits_and_work_tree(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD")
    write(repo, "articles/b.md", "Committed change.\n")
    git(repo, "commit", "-q", "-am", "second")
    write(repo, "notes.txt", "Work tree change.\n")
    write(repo, "articles/untracked.md")
    assert changed_files(first, repo) == ["articles/b.md", "articles/untracked.md", "notes.txt"]
    assert changed_files("HEAD~1", repo) == changed_files(first, repo)
    assert changed_files(None, repo) == ["articles/untracked.md", "notes.txt"]


def test_since_a_branch_uses_the_merge_base(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "topic")
    write(repo, "articles/a.md", "Mine.\n")
    git(repo, "commit", "-q", "-am", "topic work")
    git(repo, "checkout", "-q", "main")
    write(repo, "articles/b.md", "Theirs.\n")
    git(repo, "commit", "-q", "-am", "main moved on")
    git(repo, "checkout", "-q", "topic")
    assert changed_files("main", repo) == ["articles/a.md"]


def test_paths_are_relative_to_cwd_and_can_be_limited(repo: Path) -> None:
    write(repo, "articles/a.md", "Changed.\n")
    write(repo, "notes.txt", "Changed.\n")
    sub = repo / "articles"
    assert changed_files(None, sub) == ["../notes.txt", "a.md"]
    assert changed_files(None, sub, paths=["."]) == ["a.md"]
    assert changed_files(None, repo, paths=["articles"]) == ["articles/a.md"]


def test_repository_without_commits(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    write(tmp_path, "staged.md")
    git(tmp_path, "add", "staged.md")
    write(tmp_path, "loose.md")
    assert changed_files(None, tmp_path) == ["loose.md", "staged.md"]


def test_names_with_spaces_and_unicode(repo: Path) -> None:
    write(repo, "articles/été à Genève.md")
    assert changed_files(None, repo) == ["articles/été à Genève.md"]


def test_not_a_repository_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ChangedFilesError) as info:
        changed_files(None, tmp_path)
    assert "not inside a git repository" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("rev", ["no-such-branch", "deadbeef", "--output=x"])
def test_unknown_revision_is_a_one_line_error(repo: Path, rev: str) -> None:
    with pytest.raises(ChangedFilesError) as info:
        changed_files(rev, repo)
    assert str(info.value) == f"--changed: unknown git revision {rev!r}"
    assert not (repo / "x").exists()

"""The pre-commit hooks, run by the real pre-commit against a throwaway article repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))

# What a copy of the working tree leaves out: version control, environments, caches, builds.
NOT_COPIED = shutil.ignore_patterns(
    *(".git", ".venv", "venv", "__pycache__", "*.pyc", "build", "dist", "*.egg-info"),
    *(".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"),
)

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "copylint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "copylint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}

ARTICLE = """\
---
title: A walk by the lake
---

# A walk by the lake

We walked to the the end of the pier.

Run `echo the the` to print it twice.
"""
ARTICLE_FIXED = ARTICLE.replace("to the the end", "to the end")
NOTE = "We walked to the the end of the pier.\n"
PAGE = "<!doctype html>\n<html><body><p>We walked to the the end of the pier.</p></body></html>\n"
SCRIPT = "# We walked to the the end of the pier.\n"


# Whatever the user's git configuration says: a branch name, no signing, no hooks.
GIT = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
GIT += ["-c", "core.hooksPath=/dev/null"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        [*GIT, *args],
        cwd=cwd,
        env={**os.environ, **GIT_IDENTITY},
        check=True,
        capture_output=True,
    )


def commit_all(repo: Path) -> None:
    git(repo, "init", "--quiet")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "snapshot")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the working tree as it is now, so uncommitted work is what runs."""
    repo = tmp_path_factory.mktemp("hook-repo") / "copylint"
    shutil.copytree(ROOT, repo, ignore=NOT_COPIED)
    commit_all(repo)
    return repo


@pytest.fixture(scope="session")
def pre_commit_env(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, str]:
    env = {**os.environ, **GIT_IDENTITY}
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    for name in ("PRE_COMMIT_COLOR", "FORCE_COLOR", "COPYLINT_LANGUAGETOOL_URL"):
        env.pop(name, None)
    return env


def try_repo(
    hook_repo: Path, hook: str, articles: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
        cwd=articles,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def hooks_manifest() -> list[dict[str, object]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    return hooks


def test_manifest_is_valid() -> None:
    result = subprocess.run(
        [PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_manifest_hooks_check_and_fix_articles() -> None:
    hooks = {h["id"]: h for h in hooks_manifest()}
    assert hooks["copylint"]["entry"] == "copylint check"
    assert hooks["copylint-fix"]["entry"] == "copylint check --fix"
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "html", "plain-text"]
        # No --select by default: the house rules and whatever engine is installed run.
        assert "args" not in hook


def test_project_config_is_valid() -> None:
    result = subprocess.run(
        [PRE_COMMIT, "validate-config", str(ROOT / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_hook_fails_on_a_duplicated_word_then_passes_after_the_fix(
    hook_repo: Path, pre_commit_env: Mapping[str, str], tmp_path: Path
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "article.md").write_text(ARTICLE, encoding="utf-8")
    (articles / "note.txt").write_text(NOTE, encoding="utf-8")
    (articles / "page.html").write_text(PAGE, encoding="utf-8")
    (articles / "script.py").write_text(SCRIPT, encoding="utf-8")
    commit_all(articles)

    check = try_repo(hook_repo, "copylint", articles, pre_commit_env)
    report = check.stdout + check.stderr
    assert check.returncode == 1, report
    assert "Traceback" not in report, report
    for name in ("article.md:7:18", "note.txt:1:18", "page.html:2:33"):
        assert f"{name}: warning house/duplicated-word" in report
    assert "script.py" not in report
    assert (articles / "article.md").read_text(encoding="utf-8") == ARTICLE

    fix = try_repo(hook_repo, "copylint-fix", articles, pre_commit_env)
    report = fix.stdout + fix.stderr
    assert fix.returncode == 1, report  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in report
    assert "Traceback" not in report, report
    # Only the prose is fixed: the code span, the front matter and the Python file stay.
    assert (articles / "article.md").read_text(encoding="utf-8") == ARTICLE_FIXED
    assert (articles / "note.txt").read_text(encoding="utf-8") == NOTE.replace("the the", "the")
    assert (articles / "page.html").read_text(encoding="utf-8") == PAGE.replace("the the", "the")
    assert (articles / "script.py").read_text(encoding="utf-8") == SCRIPT

    again = try_repo(hook_repo, "copylint", articles, pre_commit_env)
    report = again.stdout + again.stderr
    assert again.returncode == 0, report
    assert "Passed" in report

"""The pre-commit hooks, run by the real pre-commit against a throwaway article repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import platformdirs
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
    """The environment of the hook runs: no LanguageTool anywhere, pip's cache kept."""
    cache = tmp_path_factory.mktemp("cache")
    env = {**os.environ, **GIT_IDENTITY}
    # A writer without LanguageTool: none installed (LTP_PATH), no background server (its
    # state lives in the user cache folder), no URL. The hook must pass on the house rules.
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR") or platformdirs.user_cache_dir("pip")
    env["XDG_CACHE_HOME"] = str(cache)
    env["LTP_PATH"] = str(cache / "language_tool_python")
    # try-repo keeps its environments in a temporary store of its own; this only keeps the
    # user's pre-commit cache out of it.
    env["PRE_COMMIT_HOME"] = str(cache / "pre-commit")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    for name in ("FORCE_COLOR", "COPYLINT_LANGUAGETOOL_URL"):
        env.pop(name, None)
    return env


def try_repo(
    hook_repo: Path, articles: Path, env: Mapping[str, str], hook: str | None = None
) -> str:
    """pre-commit's report of one hook (or, without hook, every hook of the manifest in turn)."""
    result = subprocess.run(
        [PRE_COMMIT, "try-repo", str(hook_repo), *([hook] if hook else []), "--all-files", "-v"],
        cwd=articles,
        env={**env, "PRE_COMMIT_COLOR": "never"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    assert "Traceback" not in report, report
    return f"exit {result.returncode}\n{report}"


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

    # Every hook in turn, as a user's configuration listing both would: check, then fix.
    # (try-repo installs copylint afresh each time, so two runs keep the test short.)
    report = try_repo(hook_repo, articles, pre_commit_env)
    assert report.startswith("exit 1\n"), report
    check, fix = report.split("copylint (fix)", 1)
    assert re.search(r"^copylint\.+Failed$", check, re.MULTILINE), report
    for where in ("article.md:7:18", "note.txt:1:18", "page.html:2:33"):
        assert f"{where}: warning house/duplicated-word" in check
    assert "script.py" not in check
    assert re.search(r"^\.+Failed$", fix, re.MULTILINE), report
    assert "files were modified by this hook" in fix
    # Only the prose is fixed: the code span, the front matter and the Python file stay.
    assert (articles / "article.md").read_text(encoding="utf-8") == ARTICLE_FIXED
    assert (articles / "note.txt").read_text(encoding="utf-8") == NOTE.replace("the the", "the")
    assert (articles / "page.html").read_text(encoding="utf-8") == PAGE.replace("the the", "the")
    assert (articles / "script.py").read_text(encoding="utf-8") == SCRIPT

    report = try_repo(hook_repo, articles, pre_commit_env, hook="copylint")
    assert report.startswith("exit 0\n"), report
    assert re.search(r"^copylint\.+Passed$", report, re.MULTILINE), report
    assert "languagetool: " in report and "(other engines still ran)" in report  # a notice

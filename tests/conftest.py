"""A real LanguageTool server for the whole suite: reused from $COPYLINT_LANGUAGETOOL_URL or a
running `copylint languagetool start`, else started here with copylint's own server code and
stopped at the end.

Under CI (CI=true) a missing or broken LanguageTool fails the run. Outside CI, tests marked
`languagetool` are skipped with the reason; nothing else is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from copylint.languagetool import server
from copylint.languagetool.client import LanguageToolClient, LanguageToolError

_unavailable: str | None = None


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session", autouse=True)
def languagetool_server() -> Iterator[str | None]:
    """The URL of the suite's LanguageTool server (None outside CI when there is none)."""
    global _unavailable
    running = None if os.environ.get(server.URL_ENV) else server.status()
    given = os.environ.get(server.URL_ENV) or (running.url if running else None)
    proc = info = None
    try:
        if given:  # $COPYLINT_LANGUAGETOOL_URL, or `copylint languagetool start`'s server
            url = server.normalize_url(given)
            os.environ[server.URL_ENV] = url
        else:
            began = time.monotonic()
            proc, info = server.launch(tied=True)
            url = info.url
            os.environ[server.URL_ENV] = url
            # Warm it up once, so that no test pays the first request's cost in its timeout.
            LanguageToolClient(url).check("This is an test.", "en-US")
            print(f"\nLanguageTool {info.version} at {url}: {time.monotonic() - began:.1f} s")
        LanguageToolClient(url, timeout=30).check("Hello.", "en-US")
    except (server.ServerError, LanguageToolError) as e:
        if proc is not None:
            server.stop_tied(proc, info)
        message = f"LanguageTool is not available: {e}"
        if _in_ci():
            pytest.fail(f"{message} (CI=true: run .ci/provision-languagetool)", pytrace=False)
        _unavailable = message
        yield None
        return
    try:
        yield url
    finally:
        if running is not None or proc is not None:
            os.environ.pop(server.URL_ENV, None)
        if proc is not None:
            server.stop_tied(proc, info)


@pytest.fixture(autouse=True)
def _needs_languagetool(request: pytest.FixtureRequest, languagetool_server: str | None) -> None:
    if request.node.get_closest_marker("languagetool") and languagetool_server is None:
        assert not _in_ci(), "never skip LanguageTool tests under CI"
        pytest.skip(_unavailable or "LanguageTool is not available")


@pytest.fixture
def lt_url(languagetool_server: str | None) -> str:
    """The suite's LanguageTool URL; tests using it are marked `languagetool`."""
    assert languagetool_server is not None
    return languagetool_server

"""LanguageTool for copylint: install it, run a local server, and talk to it over HTTP."""

from __future__ import annotations

from copylint.languagetool.client import LanguageToolClient, LanguageToolError, Match
from copylint.languagetool.server import ServerError, server_for_run

__all__ = ["LanguageToolClient", "LanguageToolError", "Match", "ServerError", "server_for_run"]

"""`copylint languagetool install|start|stop|status`: provision and run a local server."""

from __future__ import annotations

import time
from pathlib import Path

import click

from copylint.languagetool import install as installer
from copylint.languagetool import server


def _fail(message: str) -> None:
    click.echo(f"copylint: languagetool: {message}", err=True)
    raise SystemExit(2)


def _configured_language(config_file: str | None) -> str | None:
    """The language the nearest copylint config asks for, if any."""
    from copylint.config import find_config, load_config

    try:
        path = Path(config_file) if config_file else find_config(Path.cwd())
        config = load_config(path)
    except Exception as e:  # a config error is reported by the commands that need it
        if config_file:
            _fail(str(e))
        return None
    lt_language = config.options_of("languagetool").language
    return str(lt_language) if lt_language else str(config.language)


@click.group("languagetool")
def languagetool() -> None:
    """Install, start, stop and inspect a local LanguageTool server."""


@languagetool.command("install")
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="TAG",
    help="Language to install (en-US, en-GB, de-DE…); repeatable. Default: the config's.",
)
@click.option(
    "--version", "version", metavar="X.Y", help="LanguageTool version (default: newest 6.x)."
)
@click.option(
    "--upgrade", is_flag=True, help="Resolve the newest version even if one is installed."
)
@click.option(
    "--maven/--no-maven",
    "use_maven",
    default=None,
    help="Force or forbid Maven (default: Maven if `mvn` is on the PATH).",
)
@click.option(
    "--verify/--no-verify",
    default=None,
    help="Start it and check a sentence (default: only after installing something).",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def install_command(
    languages: tuple[str, ...],
    version: str | None,
    upgrade: bool,
    use_maven: bool | None,
    verify: bool | None,
    config_file: str | None,
) -> None:
    """Install LanguageTool 6 under $LTP_PATH (default ~/.cache/language_tool_python)."""
    if not languages:
        configured = _configured_language(config_file)
        languages = (configured,) if configured else ("en-US",)
    start = time.monotonic()
    try:
        result = installer.install(
            languages,
            version=version,
            upgrade=upgrade,
            use_maven=use_maven,
            check=verify,
            log=lambda line: click.echo(line, err=True),
        )
    except installer.InstallError as e:
        _fail(str(e))
        return
    click.echo(
        f"LanguageTool {result.version} ({result.method}, modules {', '.join(result.modules)}) "
        f"in {result.path} [{time.monotonic() - start:.1f} s]"
    )
    if result.verified:
        click.echo(f"verified: {result.verified}")


@languagetool.command("start")
@click.option("--heap", metavar="SIZE", help="Java heap cap, e.g. 512m, 1g (default 1g).")
@click.option(
    "--timeout",
    type=float,
    default=server.DEFAULT_START_TIMEOUT,
    show_default=True,
    help="Seconds to wait for the server to answer.",
)
def start_command(heap: str | None, timeout: float) -> None:
    """Start a background server that `copylint check` reuses."""
    began = time.monotonic()
    try:
        info = server.start(heap=heap, timeout=timeout)
    except server.ServerError as e:
        _fail(str(e))
        return
    click.echo(
        f"LanguageTool {info.version} running at {info.url} (pid {info.pid}, heap {info.heap}, "
        f"{time.monotonic() - began:.1f} s)"
    )


@languagetool.command("stop")
def stop_command() -> None:
    """Stop the background server."""
    info = server.stop()
    click.echo(
        f"stopped LanguageTool (pid {info.pid})" if info else "no LanguageTool server running"
    )


@languagetool.command("status")
def status_command() -> None:
    """Say whether a background server runs, where, and what is installed; exit 1 if none."""
    info = server.status()
    installs = server.installs()
    where = ", ".join(f"{i.version} in {i.path}" for i in installs) or "none"
    click.echo(f"installed: {where}")
    if info is None:
        click.echo("server: not running")
        raise SystemExit(1)
    click.echo(
        f"server: {info.url} (pid {info.pid}, LanguageTool {info.version}, heap {info.heap})"
    )

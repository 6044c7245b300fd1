"""The `copylint` command: check, rules and languagetool."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from copylint import __version__
from copylint.baseline import BaselineError, load_baseline, write_baseline
from copylint.config import Config, find_config, load_config, with_overrides
from copylint.diagnostics import Applicability, Severity
from copylint.engines.base import RuleInfo
from copylint.options import ConfigError
from copylint.pipeline import FileResult, Linter, unified_diff
from copylint.runner import RunOptions, run

FORMATS = ("text", "json", "sarif", "github", "gitlab", "html")


def _split(values: Sequence[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def _colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _say(message: str) -> None:
    click.echo(f"copylint: {message}", err=True)


def _load(config_file: str | None) -> Config:
    path = Path(config_file) if config_file else find_config(Path.cwd())
    return load_config(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copylint")
def cli() -> None:
    """A copy-editing linter for articles: house style, grammar and usage in one report."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format; text shows each fix inline.",
)
@click.option("--fix", is_flag=True, help="Write safe fixes back to the files.")
@click.option(
    "--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or --diff)."
)
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option(
    "--select", multiple=True, metavar="PREFIX,...", help="Run only rules with these prefixes."
)
@click.option(
    "--ignore", multiple=True, metavar="PREFIX,...", help="Skip rules with these prefixes."
)
@click.option(
    "--config", "config_file", type=click.Path(dir_okay=False), help="Configuration file."
)
@click.option("--language", help="Language variant, e.g. en-US or en-GB.")
@click.option(
    "--languagetool-url",
    envvar="COPYLINT_LANGUAGETOOL_URL",
    help="A running LanguageTool server to use.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Files checked in parallel (default: the number of cores).",
)
@click.option("--stdin-filename", help="Name (and so reader) for text read from standard input.")
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"]),
    default=None,
    help="Lowest severity that makes the exit status 1 (default: info).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the problems, no summary or notices.")
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Report only findings not recorded in FILE.",
)
@click.option(
    "--write-baseline",
    "write_baseline_file",
    type=click.Path(dir_okay=False),
    help="Record today's findings in FILE for --baseline, and exit 0.",
)
@click.option(
    "--no-cache", is_flag=True, help="Neither read nor write the result cache (.copylint_cache/)."
)
@click.option(
    "--changed",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[REV]",
    help="Check the articles git reports as changed since REV (default: uncommitted changes); "
    "write --changed=REV.",
)
@click.option(
    "--strict-paths",
    is_flag=True,
    help="A folder with no articles is an error (exit 2), not a notice: for CI.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to FILE instead of standard output.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    language: str | None,
    languagetool_url: str | None,
    jobs: int | None,
    stdin_filename: str | None,
    fail_on: str | None,
    quiet: bool,
    baseline_file: str | None,
    write_baseline_file: str | None,
    no_cache: bool,
    changed: str | None,
    strict_paths: bool,
    output: str | None,
) -> None:
    """Lint articles: files, folders (recursively) or - for standard input."""
    if changed is not None:
        from copylint.changed import ChangedFilesError, changed_files

        try:
            paths = tuple(changed_files(changed or None, Path.cwd(), paths))
        except ChangedFilesError as exc:
            _say(str(exc))
            sys.exit(2)
        if not paths:
            if not quiet:
                _say("no changed articles")
            sys.exit(0)
    if not paths:
        raise click.UsageError("give at least one file, folder, or - for standard input")
    if fix and diff:
        raise click.UsageError("--fix writes the fixes and --diff only shows them: choose one")
    if write_baseline_file and (fix or diff or changed is not None):
        raise click.UsageError(
            "--write-baseline records a whole check: not with --fix, --diff or --changed"
        )
    baseline = None
    if baseline_file:
        try:
            baseline = load_baseline(baseline_file)
        except BaselineError as exc:
            _say(str(exc))
            sys.exit(2)
    try:
        loaded = _load(config_file)
        config = with_overrides(
            loaded,
            select=_split(select) or None,
            ignore=_split(ignore) or None,
            language=language,
            engine_options=_at_url(loaded, "languagetool", languagetool_url),
        )
    except ConfigError as exc:
        _say(str(exc))
        sys.exit(2)
    threshold = None
    if fix or diff:
        threshold = Applicability.UNSAFE if unsafe_fixes else Applicability.SAFE
    fail_level = Severity.parse(fail_on) if fail_on else config.fail_on

    try:
        from copylint.catalog import all_rules, names_rules, unchecked_prefixes, unknown_prefixes
        from copylint.house.loader import RuleFileError

        # Build the whole catalog (every engine's rules) only when a prefix needs checking.
        infos = all_rules(config) if names_rules(config) else None
        unknown = unknown_prefixes(config, infos) if infos is not None else []
        if unknown:
            raise ConfigError(
                f"{unknown[0].message(config)} (`copylint rules` lists them)"
                + (f"; {len(unknown) - 1} more" if len(unknown) > 1 else "")
            )
        for prefix in unchecked_prefixes(config, infos) if infos is not None and not quiet else ():
            _say(
                f"note: {prefix} is not a rule copylint knows; it is passed on, but whether "
                "it exists could not be checked"
            )
        linter = Linter(config)
    except (ConfigError, RuleFileError) as exc:
        _say(str(exc))
        sys.exit(2)
    options = RunOptions(
        paths=paths,
        fix=threshold,
        write=fix,
        jobs=jobs or 0,
        stdin_filename=stdin_filename,
        use_cache=not no_cache,
        baseline=baseline,
        quiet=quiet,
        strict_paths=strict_paths,
    )
    try:
        outcome = run(linter, config, options)
    finally:
        linter.close()
    results, notices = outcome.results, outcome.notices
    if outcome.hidden_by_baseline:
        notices.append(f"{outcome.hidden_by_baseline} known findings hidden by {baseline_file}")
    if write_baseline_file is not None:
        try:
            count = write_baseline(write_baseline_file, results)
        except BaselineError as exc:
            _say(str(exc))
            sys.exit(2)
        for r in results:
            if r.error:
                _say(f"{r.path}: {r.error}")
        _say(f"recorded {count} findings in {write_baseline_file}")
        sys.exit(2 if any(r.error for r in results) else 0)

    # Only what changed and was kept: not a file whose write failed, nor fixes undone later.
    fixed = sum(r.fix.applied for r in results if r.fix and not r.error and r.source != r.original)
    if diff:
        report = "".join(unified_diff(r) for r in results)
    elif fix and "-" in paths and fmt == "text" and output is None:
        report = "".join(
            r.source for r in results if r.path == (stdin_filename or "-") and r.fix is not None
        )
    else:
        colour = output is None and _colour(sys.stdout)
        report = _report(fmt, results, infos, linter, notices, fixed, quiet, colour)
    if output is not None:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            _say(f"{output}: cannot write the report: {exc.strerror}")
            sys.exit(2)
    else:
        sys.stdout.write(report)

    for r in results:
        if r.error:
            _say(f"{r.path}: {r.error}")
        if r.fix is not None and not r.fix.converged:
            _say(
                f"{r.path}: fixes did not settle after {r.fix.rounds} rounds "
                f"({', '.join(r.fix.unsettled_rules)})"
            )
    if not quiet:
        for n in notices + linter.notices:
            _say(n)
    for e in linter.errors:
        _say(e)
    if linter.errors or any(r.error for r in results):
        sys.exit(2)
    if diff:
        sys.exit(1 if any(unified_diff(r) for r in results) else 0)
    if any(d.severity >= fail_level for r in results for d in r.diagnostics):
        sys.exit(1)
    sys.exit(0)


def _at_url(config: Config, engine: str, url: str | None) -> dict[str, Any] | None:
    """The engine's options pointed at a server given on the command line."""
    if not url:
        return None
    return {engine: dataclasses.replace(config.options_of(engine), url=url)}


def _report(
    fmt: str,
    results: list[FileResult],
    infos: list[RuleInfo] | None,
    linter: Linter,
    notices: list[str],
    fixed: int,
    quiet: bool,
    colour: bool,
) -> str:
    """The run's report in the chosen format."""
    if fmt == "json":
        from copylint.reporters import json as json_reporter

        return json_reporter.render(results)
    if fmt == "sarif":
        from copylint.reporters import sarif

        if infos is None:
            from copylint.catalog import all_rules

            infos = all_rules(linter.config)
        return sarif.render(
            results, infos, engine_errors=linter.errors, notices=notices + linter.notices
        )
    if fmt == "github":
        from copylint.reporters import github

        return github.render(results)
    if fmt == "html":
        from copylint.reporters import html

        return html.render(results)
    if fmt == "gitlab":
        from copylint.reporters import gitlab

        return gitlab.render(results)
    from copylint.reporters import text as text_reporter

    report = text_reporter.render(results, colour, fixed)
    if quiet:
        lines = report.rstrip("\n").split("\n")[:-1]  # drop the summary line
        return "\n".join(lines) + "\n" if lines else ""
    return report


@cli.group(invoke_without_command=True)
@click.pass_context
def rules(ctx: click.Context) -> None:
    """List every rule with its engine, category, default severity and fix safety."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_rules)


@rules.command("list")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
def list_rules(config_file: str | None = None) -> None:
    """List every rule."""
    from copylint.catalog import all_rules

    config = _load(config_file)
    rows = sorted(all_rules(config), key=lambda i: i.id)
    width = max((len(i.id) for i in rows), default=10)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<12} {'SEVERITY':<8} {'FIX':<12} DEFAULT  SUMMARY")
    for i in rows:
        fix = i.fix.label if i.fix is not None else "-"
        on = "on" if i.enabled else "off"
        click.echo(
            f"{i.id:<{width}}  {i.category.value:<12} {i.severity.label:<8} {fix:<12} {on:<8} {i.summary}"
        )


@rules.command("explain")
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation and examples."""
    from copylint.catalog import all_rules, explain_text
    from copylint.diagnostics import rule_in

    infos = all_rules(Config())
    found = [i for i in infos if i.id == rule or i.id.split("/", 1)[-1] == rule]
    if found:
        click.echo(explain_text(found[0]))
        return
    # A family prefix (house/typography, or typography): list its checks.
    family = [i for i in infos if rule_in(i.id, rule) or rule_in(i.id.split("/", 1)[-1], rule)]
    if not family:
        _say(f"no rule named {rule!r}; `copylint rules` lists them")
        sys.exit(2)
    click.echo(f"{rule} names {len(family)} rules; explain each by its id:\n")
    width = max(len(i.id) for i in family)
    for info in family:
        click.echo(f"  {info.id:<{width}}  {info.summary}")


@rules.command("verify")
@click.argument("directory", required=False, type=click.Path(exists=True, file_okay=False))
def verify(directory: str | None) -> None:
    """Run every rule's own examples (house rules, or the rule files in DIRECTORY)."""
    from copylint.house.verify import verify_rules

    failures, count = verify_rules(Path(directory) if directory else None)
    for f in failures:
        click.echo(f)
    click.echo(f"{count} examples checked, {len(failures)} failed.")
    sys.exit(1 if failures else 0)


def _add_optional_commands() -> None:
    try:
        from copylint.languagetool.commands import languagetool
    except ImportError:
        return
    cli.add_command(languagetool)


_add_optional_commands()


def main() -> None:
    cli()

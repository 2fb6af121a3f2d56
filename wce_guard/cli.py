"""The ``wce-guard`` command. It must run without torch installed.

Exit status: 0 nothing found, 1 findings, 2 a usage or configuration error or an internal
failure. Bad input files never raise: they are WCE001 findings.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from pathlib import Path

import click

from wce_guard import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wce-guard")
def main() -> None:
    """Guard rails for weighted cross-entropy in PyTorch.

    The linter finds softmax fed to cross-entropy, unsafe class weights and CPU weights next
    to GPU inputs in source code, without running it. `wce-guard run` runs a training script
    with PyTorch's classification losses checked. The checked losses are also a Python API:
    import wce_guard and use wce_guard.cross_entropy or wce_guard.CrossEntropyLoss.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--select",
    metavar="CODES",
    multiple=True,
    help="Only these rules: codes or prefixes (WCE1), comma-separated; repeatable.",
)
@click.option(
    "--ignore",
    metavar="CODES",
    multiple=True,
    help="Not these rules: codes or prefixes, comma-separated; repeatable.",
)
@click.option(
    "--extend-select",
    metavar="CODES",
    multiple=True,
    help="These rules too, besides the selected ones: codes or prefixes; repeatable.",
)
@click.option(
    "--extend-ignore",
    metavar="CODES",
    multiple=True,
    help="Not these rules either: the same as --ignore (ruff keeps it as an alias).",
)
@click.option(
    "--exclude",
    metavar="PATTERNS",
    multiple=True,
    help="Paths to skip, replacing the configured and default ones: globs, comma-separated.",
)
@click.option(
    "--extend-exclude",
    metavar="PATTERNS",
    multiple=True,
    help="Paths to skip, besides the configured and default ones: globs, comma-separated.",
)
@click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip what git ignores in folders [respect].",
)
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply the excludes to paths named on the command line too [no].",
)
@click.option(
    "--output-format",
    "--format",
    "output_format",
    type=click.Choice(["text", "concise", "full", "json", "sarif", "github", "junit", "gitlab"]),
    default="text",
    show_default=True,
    help="How findings are written: text (alias concise: a line each), full (with the source), "
    "json, sarif, github, junit, gitlab. --format is an alias.",
)
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the findings to this file instead of standard output.",
)
@click.option(
    "--quiet", "-q", is_flag=True, help="Print the findings and nothing else (no summary)."
)
@click.option("--fix", is_flag=True, help="Apply the fixes that are always safe.")
@click.option("--diff", is_flag=True, help="Print the fixes as a diff; change no file.")
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Add a # noqa comment to each line with a finding (to adopt wce-guard on a code base).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Parallel processes [cores].")
@click.option("--no-cache", is_flag=True, help="Lint every file, even unchanged ones.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to cache results [WCE_GUARD_CACHE_DIR, or .wce_guard_cache in the project root].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Count findings per rule instead of listing them (JSON with --format json).",
)
@click.option("--stdin-filename", metavar="PATH", help="The path to report for '-'.")
@click.option("--show-files", is_flag=True, help="List the files that would be linted, and stop.")
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings of the first file that would be linted, and stop.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A pyproject.toml for every file, instead of each file's own (found upward from it).",
)
def lint(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    respect_gitignore: bool | None,
    force_exclude: bool | None,
    output_format: str,
    output_file: Path | None,
    quiet: bool,
    fix: bool,
    diff: bool,
    add_noqa: bool,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    exit_zero: bool,
    statistics: bool,
    stdin_filename: str | None,
    show_files: bool,
    show_settings: bool,
    config_path: Path | None,
) -> None:
    """Lint PATHS (files and folders; default '.'; '-' is standard input)."""
    from wce_guard.lint import ConfigError, Configuration, Options, lint_paths, report

    paths = paths or (".",)
    if add_noqa and (fix or diff):
        raise click.UsageError("--add-noqa suppresses findings, --fix and --diff fix them: one")
    try:
        configuration = Configuration(
            # Repeated options add up, as in ruff: --select WCE101 --select WCE201.
            Options(
                select=_joined(select),
                ignore=_joined(ignore),
                extend_select=_joined(extend_select),
                extend_ignore=_joined(extend_ignore),
                exclude=_joined(exclude),
                extend_exclude=_joined(extend_exclude),
                respect_gitignore=respect_gitignore,
                force_exclude=force_exclude,
            ),
            config_path,
        )
        if show_files or show_settings:
            _show(configuration, paths, stdin_filename, show_settings, cache_dir)
            return
        run = lint_paths(
            list(paths),
            configuration,
            fix=fix or diff,
            write=fix and not diff,
            jobs=jobs,
            use_cache=not no_cache,
            stdin_filename=stdin_filename,
            cache_dir=cache_dir,
            add_noqa=add_noqa,
        )
    except ConfigError as error:
        # One line, as ruff: a usage banner would point at the command line, not at the file.
        click.echo(f"wce-guard: error: {error}", err=True)
        sys.exit(2)
    if add_noqa and not quiet:
        count = run.noqa_added
        click.echo(f"Added {count} noqa comment{'s' if count != 1 else ''}.", err=True)
    if diff:
        for result in run.fixes:
            click.echo(_diff(result), nl=False)
    elif fix and "-" in paths:
        stdin_name = stdin_filename or "-"
        fixed = next((r.fixed for r in run.fixes if r.path == stdin_name), None)
        if fixed is not None:
            sys.stdout.write(fixed)
    if not diff:
        output = (
            report.statistics(run.diagnostics, output_format)
            if statistics
            else report.render(
                output_format, run.diagnostics, run.files_checked, fixed=run.fixed, quiet=quiet
            )
        )
        if output_file is not None:
            try:
                output_file.write_text(
                    click.unstyle(output) + "\n" if output else "", encoding="utf-8"
                )
            except OSError as error:
                click.echo(f"wce-guard: error: cannot write {output_file}: {error}", err=True)
                sys.exit(2)
        elif output:
            # With fixed code on standard output, the findings go to standard error. Colour
            # only on a terminal (click strips it elsewhere), and never under NO_COLOR.
            colour = False if os.environ.get("NO_COLOR") else None
            click.echo(output, err=fix and "-" in paths, color=colour)
    if run.files_checked == 0 and not quiet:
        click.echo("warning: No Python files found under the given path(s)", err=True)
    for error in run.errors:
        click.echo(f"wce-guard: {error}", err=True)
    if run.errors:
        sys.exit(2)
    # As ruff: --diff fails while a diff is shown, even when every finding is fixable.
    found = run.diagnostics or (diff and run.fixes)
    sys.exit(1 if found and not exit_zero else 0)


def _show(configuration, paths: tuple[str, ...], stdin_filename, settings: bool, cache_dir) -> None:
    """--show-files: the files a run would lint; --show-settings: the first one's settings."""
    from wce_guard.lint import cache_folder
    from wce_guard.lint.engine import discover

    files = [(stdin_filename or "-") if d == "-" else d for d, _ in discover(paths, configuration)]
    if not settings:
        click.echo("\n".join(sorted(files)), nl=bool(files))
        return
    first = files[0] if files else paths[0]
    chosen = configuration.settings_for(first)
    per_file = [
        f"{pattern} = {', '.join(sorted(codes))}" for pattern, codes in chosen.per_file_ignores
    ]
    lines = [
        f"Settings for {first}",
        f"configuration file: {chosen.config_file or 'none (the defaults)'}",
        f"rules: {', '.join(sorted(chosen.codes_for(first)))}",
        f"per-file-ignores: {'; '.join(per_file) or 'none'}",
        f"exclude: {', '.join(chosen.exclude) or 'none'}",
        f"extend-exclude: {', '.join(chosen.extend_exclude) or 'none'}",
        f"respect-gitignore: {str(chosen.respect_gitignore).lower()}",
        f"force-exclude: {str(chosen.force_exclude).lower()}",
        f"max-file-size: {chosen.max_file_mb:g} MB",
        f"cache: {cache_folder(configuration, cache_dir)}",
    ]
    click.echo("\n".join(lines))


def _joined(values: tuple[str, ...]) -> str | None:
    """A repeated option as one comma-separated list; None when it was not given."""
    return ",".join(values) if values else None


def _diff(result) -> str:
    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.fixed.splitlines(keepends=True),
            fromfile=f"a/{result.path.lstrip('/')}",
            tofile=f"b/{result.path.lstrip('/')}",
        )
    )


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules(output_format: str) -> None:
    """List the rules."""
    from wce_guard.lint.rules import ALL_RULES

    if output_format == "json":
        entries = [
            {
                "code": r.code,
                "name": r.name,
                "summary": r.summary,
                "fix_availability": r.fix_availability,
            }
            for r in ALL_RULES
        ]
        click.echo(json.dumps(entries, indent=2))
        return
    for rule in ALL_RULES:
        fix = f" (fix: {rule.fix_availability})" if rule.fix_availability != "never" else ""
        click.echo(f"{rule.code}  {rule.name:<28} {rule.summary}{fix}")


@main.command()
@click.argument("rule", required=False)
@click.option("--all", "every_rule", is_flag=True, help="Every rule's documentation.")
def explain(rule: str | None, every_rule: bool) -> None:
    """Print a rule's documentation: RULE is its code (WCE101) or name (log-of-softmax)."""
    from wce_guard.lint.rules import ALL_RULES, BY_CODE

    if every_rule == (rule is not None):
        raise click.UsageError("give a rule's code or name, or --all")
    if every_rule:
        click.echo("\n\n".join(r.docs() for r in ALL_RULES))
        return
    by_name = {r.name: r for r in ALL_RULES}
    found = BY_CODE.get(rule.upper()) or by_name.get(rule.lower())
    if found is None:
        raise click.UsageError(
            f"no rule {rule!r}; `wce-guard rules` lists them: {', '.join(sorted(BY_CODE))}"
        )
    click.echo(found.docs())


@main.command()
def server() -> None:
    """Run the language server (LSP) on standard input/output, for editors.

    Findings appear as the file is edited, with each fix and a `# noqa` as code actions and
    the rule's documentation on hover. Needs the `server` extra (pygls).
    """
    try:
        from wce_guard.lint.server import serve
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        raise click.ClickException(
            "wce-guard server needs pygls, which is not installed: pip install 'wce-guard[server]'"
        ) from None
    sys.exit(serve())


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@click.option(
    "--level",
    type=click.Choice(["off", "shapes", "full"]),
    default="shapes",
    show_default=True,
    help="What each loss call checks (full also reads the values: one sync per call).",
)
@click.option("--strict", is_flag=True, help="Raise a violation at its call site.")
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit with the script's own status even when a loss call broke its contract.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the call sites, counts and violations to this JSON file.",
)
@click.argument("script", type=click.Path(dir_okay=False))
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
def run(
    level: str,
    strict: bool,
    exit_zero: bool,
    report: Path | None,
    script: str,
    arguments: tuple[str, ...],
) -> None:
    """Run a training script with every classification-loss call checked.

    The script runs as under `python SCRIPT ARGUMENTS...` (its sys.argv, __main__, imports
    from its folder, exit status and traceback). Each violation is reported once per call
    site, with a summary at exit; the exit status is 1 when the script succeeded but a loss
    call broke its contract. Options go before SCRIPT; what follows it is the script's.
    """
    try:
        from wce_guard.guarding.script import run_script
    except ModuleNotFoundError as error:
        if error.name not in ("torch", "beartype", "jaxtyping"):
            raise
        raise click.ClickException(
            f"wce-guard run needs {error.name}, which is not installed: pip install "
            f"'wce-guard[torch]' (the linter works without it)"
        ) from None
    except ValueError as error:  # a bad WCE_GUARD_CHECKS, read when the checks load
        raise click.ClickException(str(error)) from None
    status = run_script(
        script, list(arguments), level=level, strict=strict, report=report, exit_zero=exit_zero
    )
    sys.exit(status)

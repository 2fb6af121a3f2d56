"""Findings as text (concise, or full with the source), JSON (the schema in the README),
SARIF 2.1.0, GitHub workflow commands, JUnit XML and GitLab Code Quality.

The text formats are styled (click.style): the command strips the styles where colour is not
wanted (not a terminal, NO_COLOR, a file)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tokenize
import urllib.parse
from collections import Counter
from pathlib import Path

import click

from wce_guard import __version__
from wce_guard.lint.rule import Diagnostic
from wce_guard.lint.rules import ALL_RULES, BY_CODE

# `concise` is ruff's name for what `text` is here.
FORMATS = ("text", "concise", "full", "json", "sarif", "github", "junit", "gitlab")
# The formats read by people, which end with a summary line (unless --quiet).
SUMMARISED = ("text", "concise", "full", "github")


def render(
    format: str, diagnostics: list[Diagnostic], files_checked: int, *, fixed: int = 0,
    quiet: bool = False,
) -> str:  # fmt: skip
    """The findings in ``format``; ``fixed``: how many findings the run's fixes fixed."""
    renderers = {
        "text": text, "concise": text, "full": full, "json": as_json, "sarif": sarif,
        "github": github, "junit": junit, "gitlab": gitlab,
    }  # fmt: skip
    output = renderers[format](diagnostics, files_checked)
    if format in SUMMARISED and not quiet:
        output = "\n".join(filter(None, [output, summary(diagnostics, files_checked, fixed)]))
    return output


def _where(d: Diagnostic) -> str:
    cell = f"cell {d.cell}:" if d.cell is not None else ""
    return f"{d.path}:{cell}{d.line}:{d.column}"


def _header(d: Diagnostic) -> str:
    fixable = " " + click.style("[fixable]", fg="cyan") if d.fixable else ""
    code = click.style(d.code, fg="red", bold=True)
    return f"{click.style(_where(d), bold=True)}: {code} {d.message}{fixable}"


def text(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """One line a finding (ruff's `concise`)."""
    return "\n".join(_header(d) for d in diagnostics)


def full(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """Each finding with its source lines, a caret under what it reports, and the places it
    names (ruff's `full`). A notebook's or standard input's finding has no source shown."""
    sources: dict[str, list[str] | None] = {}
    blocks = []
    for d in diagnostics:
        block = [_header(d)]
        if d.path not in sources:
            sources[d.path] = _source_lines(d.path)
        lines = sources[d.path]
        if lines is not None and d.cell is None and d.line <= len(lines):
            last = min(d.end_line, len(lines))
            width = len(str(last))
            gutter = " " * width + " |"
            block.append(click.style(gutter, fg="blue"))
            for number in range(max(1, d.line - 1), last + 1):
                prefix = click.style(f"{number:>{width}} |", fg="blue")
                block.append(f"{prefix} {lines[number - 1]}".rstrip())
            # The caret spans the finding on its last line (all of it when on one line).
            start = d.column if d.end_line == d.line else 1
            end = d.end_column if d.end_line <= len(lines) else len(lines[last - 1]) + 1
            carets = "^" * max(1, end - start)
            marker = click.style(f"{carets} {d.code}", fg="red", bold=True)
            block.append(f"{click.style(gutter, fg='blue')} {' ' * (start - 1)}{marker}")
        for label, path, line, column in d.related:
            block.append(f"  = {label}: {path}:{line}:{column}")
        blocks.append("\n".join(block))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _source_lines(path: str) -> list[str] | None:
    if path.endswith(".ipynb"):
        return None
    try:
        with tokenize.open(path) as file:  # its PEP 263 encoding
            return file.read().splitlines()
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None


def summary(diagnostics: list[Diagnostic], files_checked: int, fixed: int = 0) -> str:
    """The last line: findings, fixed or fixable, and files. ``diagnostics`` are the findings
    left; ``fixed`` those the run's fixes fixed."""
    # Two sentences: "Found 5 findings in 4 files" read as if the findings were in 4 files.
    checked = f"Checked {files_checked} file{'s' if files_checked != 1 else ''}."
    found = len(diagnostics) + fixed
    if not found:
        return f"No findings. {checked}"
    sentence = f"Found {found} finding{'s' if found != 1 else ''}"
    fixable = sum(d.fixable for d in diagnostics)
    if fixed:  # as ruff: "Found 3 errors (2 fixed, 1 remaining)."
        sentence += f" ({fixed} fixed, {len(diagnostics)} remaining)"
    elif fixable:
        sentence += f" ({fixable} fixable with --fix)"
    return f"{sentence}. {checked}"


def statistics(diagnostics: list[Diagnostic], format: str = "text") -> str:
    """Findings counted per rule: lines of text, or for ``json`` a list of
    ``{"code", "name", "count", "fixable_count"}``."""
    counts = Counter(d.code for d in diagnostics)
    fixable = Counter(d.code for d in diagnostics if d.fixable)
    if format == "json":
        entries = [
            {
                "code": code,
                "name": BY_CODE[code].name,
                "count": counts[code],
                "fixable_count": fixable[code],
            }
            for code in sorted(counts)
        ]
        return json.dumps(entries, indent=2)
    if not diagnostics:
        return "No findings."
    return "\n".join(
        f"{counts[code]:>5}  {code}  {BY_CODE[code].name}"
        + (f"  ({fixable[code]} fixable)" if fixable[code] else "")
        for code in sorted(counts)
    )


def as_json(diagnostics: list[Diagnostic], files_checked: int) -> str:
    entries = []
    for d in diagnostics:
        entry = dataclasses.asdict(d)
        if d.cell is None:
            del entry["cell"]
        if not d.related:
            del entry["related"]
        entries.append(entry)
    return json.dumps({"diagnostics": entries, "files_checked": files_checked}, indent=2)


def sarif(diagnostics: list[Diagnostic], files_checked: int) -> str:
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.what_it_does.strip()},
            "help": {"text": rule.why_is_it_bad.strip(), "markdown": rule.docs()},
            "defaultConfiguration": {"level": "error" if rule.code == "WCE001" else "warning"},
        }
        for rule in ALL_RULES
    ]
    index = {rule.code: i for i, rule in enumerate(ALL_RULES)}
    results = []
    for d in diagnostics:
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
        }
        location: dict = {
            "physicalLocation": {"artifactLocation": _artifact(d.path), "region": region}
        }
        if d.cell is not None:
            location["properties"] = {"cell": d.cell}
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": "error" if d.code == "WCE001" else "warning",
            "message": {"text": d.message},
            "locations": [location],
        }
        if d.related:
            result["relatedLocations"] = [
                {
                    "id": number,
                    "message": {"text": label},
                    "physicalLocation": {
                        "artifactLocation": _artifact(path),
                        "region": {"startLine": line, "startColumn": column},
                    },
                }
                for number, (label, path, line, column) in enumerate(d.related)
            ]
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wce-guard",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {
                    _SOURCE_ROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}
                },
                "results": results,
                "properties": {"filesChecked": files_checked},
            }
        ],
    }
    return json.dumps(document, indent=2)


# Relative paths are relative to the folder the run was in, which the log names under this id.
_SOURCE_ROOT = "%SRCROOT%"


def _artifact(path: str) -> dict:
    """A SARIF artifactLocation: a percent-encoded URI reference (a space or a `#` in a path
    is not valid in one), relative to the run's folder unless the path is absolute."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": urllib.parse.quote(Path(path).as_posix()), "uriBaseId": _SOURCE_ROOT}


def github(diagnostics: list[Diagnostic], files_checked: int) -> str:
    def escape(value: str, *, property: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if property else value

    lines = []
    for d in diagnostics:
        level = "error" if d.code == "WCE001" else "warning"
        where = f"cell {d.cell}, " if d.cell is not None else ""
        lines.append(
            f"::{level} file={escape(d.path, property=True)},line={d.line},col={d.column},"
            f"endLine={d.end_line},endColumn={d.end_column},"
            f"title={escape(d.code + ' ' + d.name, property=True)}::"
            f"{escape(where + d.code + ' ' + d.message)}"
        )
    return "\n".join(lines)


def junit(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """JUnit XML, as ruff writes it: a test suite per file, a failed test case per finding,
    and one passing case when there is no finding (a report with no test reads as broken)."""
    from xml.etree import ElementTree

    suites = ElementTree.Element(
        "testsuites",
        name="wce-guard",
        tests=str(max(1, len(diagnostics))),
        failures=str(len(diagnostics)),
        errors="0",
    )
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    if not diagnostics:
        suite = ElementTree.SubElement(suites, "testsuite", name="wce-guard", tests="1")
        suite.set("failures", "0")
        suite.set("errors", "0")
        ElementTree.SubElement(suite, "testcase", name="No findings")
    for path, found in by_path.items():
        suite = ElementTree.SubElement(
            suites, "testsuite", name=path, tests=str(len(found)), failures=str(len(found))
        )
        suite.set("errors", "0")
        for d in found:
            case = ElementTree.SubElement(
                suite, "testcase", name=f"wce-guard.{d.code}", classname=path
            )
            case.set("line", str(d.line))
            case.set("column", str(d.column))
            failure = ElementTree.SubElement(case, "failure", message=d.message)
            failure.text = f"{_where(d)}: {d.code} {d.message}"
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
        suites, encoding="unicode"
    )


def gitlab(diagnostics: list[Diagnostic], files_checked: int) -> str:
    """GitLab Code Quality: a JSON list of issues with a fingerprint each, stable from run to
    run (path, code, message and the how-manyth alike) so that GitLab can tell new from old."""
    seen: Counter = Counter()
    issues = []
    for d in diagnostics:
        identity = (Path(d.path).as_posix(), d.code, d.message)
        seen[identity] += 1
        text = "\0".join([*identity, str(seen[identity])])
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.code,
                "fingerprint": hashlib.sha256(text.encode()).hexdigest(),
                "severity": "major" if d.code == "WCE001" else "minor",
                "location": {
                    "path": identity[0],
                    "lines": {"begin": d.line, "end": d.end_line},
                },
            }
        )
    return json.dumps(issues, indent=2)

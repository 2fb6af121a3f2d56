"""Suppression comments: what a line's ``# noqa`` or ``# wce-guard: ignore`` suppresses, and
those that suppress nothing (WCE002) or name no rule (WCE003), with their removal as a fix.

``# noqa`` (bare) belongs to every tool and ``# noqa: E501`` to another: only our codes in a
``# noqa`` are checked, and every code of a ``# wce-guard: ignore[...]``. A code is a rule's
code or a prefix of codes (``WCE1``). A suppression is used when a finding of a rule it
names was reported on a line it covers, by the lint of any file of the run (a finding may
land in a file from the analysis of another that calls into it): the run collects the
suppressions used (``Mark``) and checks each file's comments once all files are linted.
"""

from __future__ import annotations

import io
import re
import tokenize
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from wce_guard.lint.rule import Diagnostic
from wce_guard.lint.rules import ALL_RULES, BY_CODE

# A code is letters, a digit, then letters or digits: a mistyped WCE1O1 is one unknown code,
# not the prefix WCE1 (which would hide every WCE1xx finding).
_CODE_LIST = r"[A-Z]+[0-9][A-Z0-9]*(?:[\s,]+[A-Z]+[0-9][A-Z0-9]*)*"
_NOQA = re.compile(rf"#\s*noqa(?::\s*(?P<codes>{_CODE_LIST}))?", re.I)
# Bare `# wce-guard: ignore` is every rule on the line; `ignore-file` is another comment.
_IGNORE = re.compile(r"#\s*wce-guard:\s*ignore(?:\[(?P<codes>[^\]]*)\]|(?![-\w\[]))", re.I)
IGNORE_FILE = re.compile(r"#\s*wce-guard:\s*ignore-file\b", re.I)
UNUSED, UNKNOWN = "WCE002", "WCE003"

Mark = tuple[str, int, str]  # (path, line, code): a finding of `code` suppressed on the line


@dataclass(frozen=True)
class Directive:
    start: int  # columns of the directive in its line, from its `#`
    end: int
    codes: tuple[str, ...] | None  # upper case; None: every code
    codes_start: int  # columns of the codes in the line (codes_start == end when bare)
    ours: bool  # a `# wce-guard: ignore`: every code in it is ours

    def suppresses(self, code: str) -> bool:
        return self.codes is None or any(code.startswith(prefix) for prefix in self.codes)


def directives(line: str) -> Iterator[Directive]:
    for pattern, ours in ((_NOQA, False), (_IGNORE, True)):
        for match in pattern.finditer(line):
            codes = match["codes"]
            if codes is None:
                yield Directive(match.start(), match.end(), None, match.end(), ours)
            else:
                split = tuple(code.upper() for code in re.split(r"[\s,]+", codes) if code)
                yield Directive(match.start(), match.end(), split, match.start("codes"), ours)


def suppressing_line(lines: list[str], first: int, last: int, code: str) -> int | None:
    """The line of ``first``..``last`` (1-based) whose comment suppresses ``code``, if any."""
    for number in range(first, last + 1):
        line = lines[number - 1] if number <= len(lines) else ""
        if "#" in line and any(d.suppresses(code) for d in directives(line)):
            return number
    return None


def check(
    path: str, text: str, codes: frozenset[str], used: Iterable[Mark], fix: bool
) -> tuple[list[Diagnostic], str | None]:
    """WCE002 and WCE003 findings in ``text``, and with ``fix`` the text without the codes
    they name (None when it does not change). ``used``: the suppressions used in the run."""
    wanted = {UNUSED, UNKNOWN} & codes
    lowered = text.lower()
    if not wanted or ("noqa" not in lowered and "wce-guard" not in lowered):
        return [], None
    if IGNORE_FILE.search(text):
        return [], None  # nothing in the file is linted, so nothing is used
    used_on: dict[int, set[str]] = {}
    for mark_path, line, code in used:
        if mark_path == path:
            used_on.setdefault(line, set()).add(code)
    lines = text.splitlines(keepends=True)
    if not any(_may_report(line) for line in lines if "#" in line):
        return [], None  # only other tools' codes: no need to tell comments from strings
    diagnostics: list[Diagnostic] = []
    removals: dict[int, dict[Directive, set[str]]] = {}
    for number, column in _comments(text):
        for directive in directives(lines[number - 1]):
            if directive.start < column:
                continue  # in the code before the comment (a string)
            for rule, message, removed in _findings(directive, codes, used_on.get(number, set())):
                if rule in wanted:
                    diagnostics.append(_diagnostic(path, number, directive, rule, message))
                    removals.setdefault(number, {}).setdefault(directive, set()).update(removed)
    if diagnostics and not _compiles(text):
        return [], None  # a file that does not compile is WCE001: nothing in it is used
    if not fix or not removals:
        return diagnostics, None
    for number, edits in removals.items():
        lines[number - 1] = _remove(lines[number - 1], edits)
    return diagnostics, "".join(lines)


def _may_report(line: str) -> bool:
    """Whether a line holds a directive that may be unused or unknown: ours, or a ``# noqa``
    that names a code of ours."""
    return any(
        directive.ours or any(code.startswith("WCE") for code in directive.codes or ())
        for directive in directives(line)
    )


def _compiles(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<file>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _comments(text: str) -> Iterator[tuple[int, int]]:
    """(line, column) of each comment: a `# noqa` in a string is not a suppression."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                yield token.start
    except (tokenize.TokenError, SyntaxError):
        return  # a file that does not tokenize is WCE001


def _findings(
    directive: Directive, codes: frozenset[str], used: set[str]
) -> Iterator[tuple[str, str, set[str]]]:
    """(rule, message, codes to remove: none for the whole directive) for a directive."""
    if directive.codes is None:
        if directive.ours and not used:
            yield UNUSED, "unused suppression: nothing is reported on this line", set()
        return
    known = {rule.code for rule in ALL_RULES}
    unknown, unused = [], []
    for code in directive.codes:
        if not directive.ours and not code.startswith("WCE"):
            continue  # another tool's code
        if not any(rule.startswith(code) for rule in known):
            unknown.append(code)
            continue
        # Only what ran here can be said to be unused: a rule turned off may be on elsewhere.
        running = {rule for rule in codes if rule.startswith(code)} - {UNUSED, UNKNOWN}
        if running and not running & used:
            unused.append(code)
    if unknown:
        named = ", ".join(unknown)
        yield UNKNOWN, f"not a wce-guard rule code or prefix: {named}", set(unknown)
    if unused:
        named = ", ".join(unused)
        yield UNUSED, f"unused suppression: no {named} finding on this line", set(unused)


def _diagnostic(path: str, line: int, directive: Directive, code: str, message: str):
    rule = BY_CODE[code]
    return Diagnostic(
        path, line, directive.start + 1, line, directive.end + 1, code, rule.name, message,
        fixable=True,
    )  # fmt: skip


def _remove(line: str, edits: dict[Directive, set[str]]) -> str:
    """The line with codes removed from its directives; a directive left with none (or a
    bare one) is removed whole, and its comment with it when nothing else is in it."""
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    for directive, removed in sorted(edits.items(), key=lambda edit: -edit[0].start):
        kept = [code for code in directive.codes or () if code not in removed] if removed else []
        if kept:
            body = body[: directive.codes_start] + ", ".join(kept) + body[directive.end :]
            continue
        before, after = body[: directive.start], body[directive.end :].strip()
        body = before + "# " + after if after else before.rstrip()
    return body + ending


def add_noqa(text: str, diagnostics: Iterable[Diagnostic]) -> tuple[str, int]:
    """``text`` with ``# noqa: CODE`` on the first line of each finding where a comment may
    go (not inside a string, not after a backslash), merged into a ``# noqa`` already there;
    and how many lines got one."""
    wanted: dict[int, set[str]] = {}
    ends = _comment_places(text)
    for d in diagnostics:
        line = next((n for n in range(d.line, d.end_line + 1) if n in ends), None)
        if line is not None:
            wanted.setdefault(line, set()).add(d.code)
    lines = text.splitlines(keepends=True)
    added = 0
    for number, codes in wanted.items():
        line = lines[number - 1]
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        noqa = next((d for d in directives(body) if not d.ours and d.start >= ends[number]), None)
        if noqa is not None and noqa.codes is None:
            continue  # a bare noqa comment already hides everything
        if noqa is not None:
            merged = sorted({*(noqa.codes or ()), *codes})
            body = body[: noqa.codes_start] + ", ".join(merged) + body[noqa.end :]
        else:
            body = f"{body.rstrip()}  # noqa: {', '.join(sorted(codes))}"
        lines[number - 1] = body + ending
        added += 1
    return "".join(lines), added


def _comment_places(text: str) -> dict[int, int]:
    """Lines that end in code or a comment (where ``# noqa`` may be appended), each with the
    column its comment starts at (the line's length when it has none)."""
    places: dict[int, int] = {}
    lines = text.splitlines()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                places[token.start[0]] = token.start[1]
            elif token.type in (tokenize.NEWLINE, tokenize.NL) and token.start[0] not in places:
                places[token.start[0]] = len(lines[token.start[0] - 1]) if lines else 0
    except (tokenize.TokenError, SyntaxError, IndexError):
        return {}
    return places

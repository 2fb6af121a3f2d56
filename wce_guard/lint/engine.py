"""Linting files: find them, skip what cannot matter, parse once, run the rules, fix.

Where the time goes, and what this module does about it: most files of a code base never
mention a loss or a softmax, so a file is searched for the rules' trigger words before
anything else, and only a file that contains one is parsed (the others get only Python's
syntax check, for WCE001). One walk (``analysis.Facts``) serves every rule. Positions are
computed only for a file with findings, fixes only when asked. Results are cached by content
(``cache.py``), and files are parsed in parallel when there are enough of them to pay for the
worker processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import io
import os
import tokenize
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from wce_guard.lint import notebook, suppressions
from wce_guard.lint.analysis.program import Program
from wce_guard.lint.config import Configuration
from wce_guard.lint.fixing import apply_fixes, character_span, source_lines
from wce_guard.lint.gitignore import GitIgnore
from wce_guard.lint.parsing import parse_module
from wce_guard.lint.prefilter import implied_by_imports, triggered
from wce_guard.lint.rule import Diagnostic
from wce_guard.lint.rules import BY_CODE

_SUFFIXES = (".py", ".pyi", ".ipynb")
_MAX_FIX_PASSES = 8  # fixes applied, then the file linted again, until nothing changes
# Rules whose findings come from reading the file or its comments, not from the analysis.
_REPORTED_BY_THE_ENGINE = frozenset({"WCE001", suppressions.UNUSED, suppressions.UNKNOWN})
# Bytes of source to parse before parallel workers pay for their start-up.
_PARALLEL_THRESHOLD = 400_000
_BATCHES_PER_WORKER = 8  # contiguous batches of files handed to each worker, about


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fixed: str | None = None  # the new text, when fixes changed it
    original: str | None = None  # the text read, when fixes changed it
    error: str | None = None  # an internal failure on this file (a bug of ours)
    # The suppression comments that hid a finding, in this file or in those it imports.
    suppressions_used: list[suppressions.Mark] = field(default_factory=list)
    fixes: int = 0  # how many findings ``fixed`` fixes


class LintError(Exception):
    """A file could not be linted; becomes WCE001."""


def discover(
    paths: Iterable[str], configuration: Configuration
) -> Iterator[tuple[str, Path | None]]:
    """(display path, file) pairs for every path given; "-" is standard input (no file).

    In folders: Python files and notebooks, less what the settings exclude, virtual
    environments and what git ignores. A path named on the command line is linted as named
    (as pre-commit names files), unless ``force-exclude`` applies the excludes to it too."""
    seen: set[Path] = set()
    ignored = GitIgnore()
    for given in paths:
        if given == "-":
            yield given, None
            continue
        path = Path(given)
        settings = configuration.settings_for(path)
        if settings.force_exclude and settings.is_excluded(path):
            continue
        if path.is_dir():
            for file in _walk(path, configuration, ignored):
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    yield str(file), file
        else:
            yield given, path  # linted, or reported as WCE001


def _walk(folder: Path, configuration: Configuration, ignored: GitIgnore) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            status = current.stat()
            entries = sorted(os.scandir(current), key=lambda entry: entry.name, reverse=True)
        except OSError:
            continue
        if (status.st_dev, status.st_ino) in visited:
            continue  # a symlink loop
        visited.add((status.st_dev, status.st_ino))
        settings = configuration.settings_in(current)  # of the folder's entries
        ignoring = ignored.ignores if settings.respect_gitignore else _nothing
        for entry in entries:
            child = Path(entry.path)
            if settings.is_excluded(child):
                continue
            try:
                if entry.is_dir():
                    if not _is_environment(child) and not ignoring(child, True):
                        stack.append(child)
                # a regular file: never a FIFO, which would block a read
                elif (
                    entry.name.endswith(_SUFFIXES)
                    and entry.is_file()
                    and not ignoring(child, False)
                ):
                    yield child
            except OSError:
                continue


def _nothing(path: Path, is_folder: bool) -> bool:
    return False


def _is_environment(folder: Path) -> bool:
    """A virtual environment (venv, virtualenv, uv, poetry) or a conda environment."""
    return (folder / "pyvenv.cfg").is_file() or (folder / "conda-meta").is_dir()


# -- one file


def lint_text(
    text: str,
    path: str,
    codes: frozenset[str],
    *,
    fix: bool = False,
    program: Program | None = None,
    implied: str = "",
    check_suppressions: bool = True,
) -> FileResult:
    """Lint source text (a ``.py`` module or, for a ``.ipynb`` path, a notebook's JSON).

    ``program``: the other files of the run, which the analysis loads when this one imports
    from them (alone when None). ``implied``: for the prefilter, the trigger words those
    files hold (``Program.implied_words``). Findings may be in those files too.
    ``check_suppressions``: report unused and unknown suppressions (WCE002, WCE003) from
    this file's lint alone; a run of many files checks them once all are linted."""
    program = program if program is not None else Program((), lambda display: None)
    result = FileResult(path)
    if path.endswith(".ipynb"):
        try:
            book = notebook.read(text)
        except notebook.NotebookError as error:
            result.diagnostics.append(_unreadable(path, 1, 1, str(error)))
            return result
        # The fixes are applied, with or without --fix, to know whether they can be written
        # back into the cells exactly (write_back): only then is a finding fixable here.
        outcome = _lint_module(book.source, path, codes, True, program, implied)
        found = list(outcome.first or outcome.diagnostics)
        written = None
        if outcome.fixed is not None:
            written = notebook.write_back(text, book, outcome.fixed)
        if written is None:
            found = [dataclasses.replace(d, fixable=False) for d in found]
        elif fix:
            result.fixed, result.original, result.fixes = written, text, outcome.fixes
            found = outcome.diagnostics
        result.diagnostics = [_named(_in_cell(d, book, path)) for d in found]
        if "WCE001" in codes:  # the cells left out: Jupyter runs the others without them
            result.diagnostics += [
                dataclasses.replace(_unreadable(path, line, 1, message), cell=cell,
                                    message=f"cannot lint this cell: {message}")
                for cell, line, message in book.broken
            ]  # fmt: skip
        return result
    outcome = _lint_module(text, path, codes, fix, program, implied)
    result.diagnostics = [_named(d) for d in outcome.diagnostics]
    result.suppressions_used, result.fixes = outcome.used, outcome.fixes
    fixed = outcome.fixed
    if check_suppressions:
        found, fixed_comments = suppressions.check(
            path, fixed or text, codes, result.suppressions_used, fix
        )
        if fixed_comments is None:
            result.diagnostics += found
        else:  # with a fix, every one of them is fixed
            fixed, result.fixes = fixed_comments, result.fixes + len(found)
    if fixed is not None and fixed != text:
        result.fixed, result.original = fixed, text
    return result


# UTF-32 first: its little-endian BOM begins with UTF-16's
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of a source file and its encoding, honouring a BOM and a PEP 263 coding line
    (a BOM is not part of the text: the encoding is "utf-8-sig" then)."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise LintError(
                f"it is {name} text, which Python cannot run: source must be UTF-8 or an "
                f"ASCII-compatible PEP 263 encoding; save it as UTF-8"
            )
    if b"\0" in data:
        raise LintError("it is a binary file (it contains NUL bytes), not Python source")
    if path.endswith(".ipynb"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise LintError(
                f"notebook is not valid UTF-8 ({error.reason} at byte {error.start})"
            ) from None
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as undecodable:
            raise LintError(f"it is not valid utf-8 at byte {undecodable.start}") from None
        raise LintError(f"cannot tell its encoding: {error}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        where = f" at byte {error.start}" if isinstance(error, UnicodeDecodeError) else ""
        raise LintError(f"it is not valid {encoding}{where}") from None
    return text.removeprefix("\ufeff"), encoding


class _Pass(NamedTuple):
    """What one parse and check of a text gives."""

    diagnostics: list[Diagnostic]
    fixed: str | None  # the text with the fixes applied, with ``fix``
    used: list[suppressions.Mark]  # the suppressions that hid findings
    fixes: int  # how many findings the fixed text fixes
    first: tuple[Diagnostic, ...] = ()  # from _lint_module: the findings before any fix


def _lint_module(
    text: str, path: str, codes: frozenset[str], fix: bool, program: Program, implied: str
) -> _Pass:
    """The findings left in ``text``, the text fixed (None when unchanged), the suppressions
    used and the number of findings fixed."""
    if suppressions.IGNORE_FILE.search(text):
        return _Pass([], None, [], 0)
    rules = [BY_CODE[code] for code in sorted(codes) if code not in _REPORTED_BY_THE_ENGINE]
    active = [rule for rule in rules if triggered(rule, text, implied)]
    # A full compile first, for every file: it is fast (no tree is built), and it also
    # finds the errors of the compiler's later passes, which Python raises at import.
    error = _syntax_error(text)
    if error is not None or not active:
        report = error is not None and "WCE001" in codes
        return _Pass([_unreadable(path, *error)] if report else [], None, [], 0)
    current, passes, fixes, first = text, 0, 0, None
    while True:
        outcome = _parse_and_check(current, path, active, fix, program)
        if isinstance(outcome, Diagnostic):
            return _Pass([outcome] if "WCE001" in codes else [], None, [], 0)
        passes += 1
        first = tuple(outcome.diagnostics) if first is None else first
        if outcome.fixed is None or outcome.fixed == current or passes >= _MAX_FIX_PASSES:
            fixed = current if current != text else None
            return _Pass(outcome.diagnostics, fixed, outcome.used, fixes, first)
        current, fixes = outcome.fixed, fixes + outcome.fixes


def _parse_and_check(
    text: str, path: str, rules: list[type], fix: bool, program: Program
) -> Diagnostic | _Pass:
    """Parse once and run ``rules``: WCE001 when the text does not parse, else the findings,
    with ``fix`` the text with their fixes applied (None when there is none), and the
    suppressions that hid findings."""
    try:
        # loaded already, for a file that imports it
        module = program.parsed(path, text) or parse_module(text)
    except SyntaxError as error:
        return _unreadable(path, error.lineno or 1, error.offset or 1, f"syntax error: {error.msg}")
    except (RecursionError, MemoryError):
        return _unreadable(path, 1, 1, "nesting is too deep for the parser")
    except ValueError as error:
        return _unreadable(path, 1, 1, f"cannot parse it: {error}".splitlines()[0])
    try:
        facts = program.unit(path, text, module)
        findings = [(rule, finding) for rule in rules for finding in rule().check(facts)]
        places = _Places(facts, text)
        diagnostics, fixes = [], []
        for rule, finding in findings:
            diagnostic = places.diagnostic(rule, finding)
            if diagnostic is None:
                continue
            diagnostics.append(diagnostic)
            if fix and finding.fix is not None and finding.module is None:
                fixes.append((len(diagnostics), finding.fix))
    except RecursionError:
        return _unreadable(path, 1, 1, "nesting is too deep to analyse")
    if not diagnostics:
        return _Pass([], None, places.used, 0)
    fixed = apply_fixes(text, fixes) if fixes else None
    if fixed is None:  # nothing to fix, or too deep to rewrite: reported, not fixed
        return _Pass(diagnostics, None, places.used, 0)
    # With a fix, only what fixing leaves is reported; the next pass lints the fixed text.
    return _Pass(diagnostics, fixed[0], places.used, len(fixed[1]))


class _Places:
    """Findings as diagnostics: positions (computed only for modules with findings), the
    suppression comments of the line, related places named in the message."""

    def __init__(self, facts, text: str) -> None:
        self._own = facts
        self._lines = {facts.display: source_lines(text)}
        self.used: list[suppressions.Mark] = []

    def _where(self, node, module) -> tuple[str, tuple[int, int, int, int]] | None:
        """The file and span (``fixing.character_span``) of a node."""
        display = (module or self._own).display
        if getattr(node, "lineno", None) is None:
            return None
        if display not in self._lines:
            self._lines[display] = source_lines(self._own.program.text(display) or "")
        return display, character_span(node, self._lines[display])

    def diagnostic(self, rule, finding) -> Diagnostic | None:
        where = self._where(finding.node, finding.module)
        if where is None:
            return None
        path, (line, column, end_line, end_column) = where
        suppressing = suppressions.suppressing_line(self._lines[path], line, end_line, rule.code)
        if suppressing is not None:
            self.used.append((path, suppressing, rule.code))
            return None
        related = []
        for label, node, module in finding.related:
            place = self._where(node, module)
            if place is not None:
                related.append((label, place[0], place[1][0], place[1][1] + 1))
        return Diagnostic(
            path, line, column + 1, end_line, end_column + 1, rule.code, rule.name,
            finding.message, fixable=finding.fix is not None and finding.module is None,
            related=tuple(related),
        )  # fmt: skip


def _named(diagnostic: Diagnostic) -> Diagnostic:
    """The message with the related places named: "(softmax at line 12)"."""
    if not diagnostic.related:
        return diagnostic
    named = ", ".join(
        f"{label} at line {line}" if path == diagnostic.path else f"{label} at {path}:{line}"
        for label, path, line, _ in diagnostic.related
    )
    return dataclasses.replace(diagnostic, message=f"{diagnostic.message} ({named})")


def _syntax_error(text: str) -> tuple[int, int, str] | None:
    """Python's own check, in C: a full compile, which is faster than building the ``ast``
    (no Python objects are made) and also finds the errors of the compiler's later passes
    (a misplaced ``from __future__``, ``return`` outside a function), which Python raises at
    import as it does syntax errors."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<file>", "exec", dont_inherit=True)
    except SyntaxError as error:
        line = error.lineno or 1
        column = error.offset or 1
        return line, max(column, 1), f"syntax error: {error.msg}"
    except (RecursionError, MemoryError):
        return 1, 1, "nesting is too deep for the parser"
    except ValueError as error:
        return 1, 1, f"cannot parse it: {error}"
    return None


def _unreadable(path: str, line: int, column: int, message: str) -> Diagnostic:
    rule = BY_CODE["WCE001"]
    return Diagnostic(
        path, line, column, line, column, rule.code, rule.name, f"cannot lint this file: {message}"
    )


def _in_cell(diagnostic: Diagnostic, book: notebook.Notebook, path: str) -> Diagnostic:
    """A finding of a notebook's joined source, placed in its cell (in the notebook only:
    findings and related places in imported files keep their lines)."""
    if diagnostic.path != path:
        return diagnostic
    cell, line = book.locate(diagnostic.line)
    end_cell, end_line = book.locate(diagnostic.end_line)
    related = []
    for label, path, related_line, column in diagnostic.related:
        if path == diagnostic.path:
            related_cell, related_line = book.locate(related_line)
            label = f"{label} in cell {related_cell}"
        related.append((label, path, related_line, column))
    return dataclasses.replace(
        diagnostic,
        line=line,
        end_line=end_line if end_cell == cell else line,
        cell=cell,
        related=tuple(related),
    )


def fix_one(
    text: str, path: str, diagnostic: Diagnostic, program: Program | None = None
) -> str | None:
    """``text`` with the fix of one of its findings applied, and no other (an editor offers
    each fix on its own); None when that finding has no fix. ``program``: the other files,
    as for ``lint_text`` (alone when None)."""

    if not diagnostic.fixable or _syntax_error(text) is not None:
        return None
    program = program if program is not None else Program((), lambda display: None)
    module = program.parsed(path, text) or parse_module(text)
    facts = program.unit(path, text, module)  # the program's own, when it has this text
    places = _Places(facts, text)
    rule = BY_CODE[diagnostic.code]
    wanted = (diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column)
    for finding in rule().check(facts):
        found = places.diagnostic(rule, finding)
        if found is None or finding.fix is None or finding.module is not None:
            continue
        if (found.line, found.column, found.end_line, found.end_column) == wanted:
            fixed = apply_fixes(text, [(1, finding.fix)])
            return None if fixed is None or not fixed[1] else fixed[0]
    return None


# -- many files


def lint_file(
    display: str,
    text: str,
    codes: frozenset[str],
    fix: bool,
    program: Program | None = None,
    implied: str = "",
) -> FileResult:
    """Lint one file's text; a crash of ours becomes an error of this file, never of the run."""
    try:
        return lint_text(
            text,
            display,
            codes,
            fix=fix,
            program=program,
            implied=implied,
            check_suppressions=False,  # by the run, once every file is linted
        )
    except Exception as error:  # a bug of ours on this input: report it, keep going
        result = FileResult(display)
        result.error = f"{type(error).__name__}: {error}"
        return result


_WORKER_PROGRAM: Program | None = None  # a worker process's view of the run's files


def _start_worker(files: dict[str, str]) -> None:
    global _WORKER_PROGRAM
    _WORKER_PROGRAM = Program(files, functools.partial(_read_text, files))


def _read_text(files: dict[str, str], display: str) -> str | None:
    try:
        return decode(Path(files[display]).read_bytes(), display)[0]
    except (KeyError, OSError, LintError):
        return None


def _work_batch(batch: list) -> list[FileResult]:
    return [_linted(_work(job)) for job in batch]


def _work(job):
    display, text, implied, codes, fix = job
    if implied is None:
        implied = implied_by_imports(_WORKER_PROGRAM, display, codes)
    return lint_file(display, text, codes, fix, _WORKER_PROGRAM, implied)


def lint_many(
    jobs: list[tuple[str, str, str | None, frozenset[str]]],
    fix: bool,
    workers: int,
    program: Program | None = None,
    files: dict[str, str] | None = None,
) -> list[FileResult]:
    """Lint (display, text, implied words, codes) jobs, in parallel when that pays. ``program``
    is the run's files for this process; ``files`` maps them to paths on disk, from which
    worker processes load what they need. Implied words that are None are read where the
    file is linted (in the workers, in parallel)."""
    with _fewer_collections():
        return _lint_jobs(jobs, fix, workers, program, files)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector runs every 700 allocations by default, and each
    older-generation pass walks every live object: the syntax trees and memos of a large
    run, again and again (29% of a lint of transformers). A lint allocates many objects
    that live to its end: collect a hundred times less often, and leave out of every pass
    what the files linted so far made (``_linted``), then as before."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def _linted(result: FileResult) -> FileResult:
    """A file's result, once what its analysis made (trees, facts, memos, which live to the
    end of the run) is moved out of the collector's way (8% of a lint of transformers)."""
    gc.freeze()
    return result


def _lint_jobs(jobs, fix: bool, workers: int, program, files) -> list[FileResult]:
    size = sum(len(job[1]) for job in jobs)
    if workers <= 1 or len(jobs) < 2 or size < _PARALLEL_THRESHOLD:
        program = program if program is not None else Program((), lambda display: None)
        return [
            _linted(lint_file(d, text, codes, fix, program, _implied(implied, program, d, codes)))
            for d, text, implied, codes in jobs
        ]
    # Files of one folder together: a file's worker loads the files it imports from, mostly
    # its neighbours, and a file already loaded is not parsed again when linted (dealt out
    # one by one, each worker parsed half again as much). Batches of similar size, many more
    # than workers, so that none finishes long after the others.
    order = sorted(range(len(jobs)), key=lambda i: jobs[i][0])
    batches: list[list[int]] = [[]]
    share = size / (workers * _BATCHES_PER_WORKER)
    filled = 0
    for i in order:
        if filled >= share:
            batches.append([])
            filled = 0
        batches[-1].append(i)
        filled += len(jobs[i][1])
    with ProcessPoolExecutor(
        max_workers=min(workers, len(batches)), initializer=_start_worker, initargs=(files or {},)
    ) as pool:
        work = [[(*jobs[i], fix) for i in batch] for batch in batches]
        results = list(pool.map(_work_batch, work, chunksize=1))
    ordered: list = [None] * len(jobs)
    for batch, batch_results in zip(batches, results, strict=True):
        for position, result in zip(batch, batch_results, strict=True):
            ordered[position] = result
    return ordered


def _implied(given: str | None, program: Program, display: str, codes) -> str:
    return implied_by_imports(program, display, codes) if given is None else given

"""The linter's Python API. It never imports torch and never runs the code it reads.

lint_source(source, path)          findings in one source text
lint_paths(paths, settings, ...)   findings in files and folders, with the cache and --fix
                                   (``settings``: one ``Settings`` for every file, or a
                                   ``Configuration``, which finds each file's own)
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from wce_guard.lint import suppressions
from wce_guard.lint.analysis.program import Program
from wce_guard.lint.cache import FOLDER_NAME, Cache
from wce_guard.lint.config import ConfigError, Configuration, Options, Settings, load
from wce_guard.lint.engine import (
    FileResult,
    LintError,
    decode,
    discover,
    lint_many,
    lint_text,
)
from wce_guard.lint.rule import Diagnostic

__all__ = [
    "ConfigError",
    "Configuration",
    "Diagnostic",
    "Options",
    "Run",
    "Settings",
    "cache_folder",
    "lint_paths",
    "lint_source",
    "load",
]


def lint_source(
    source: str, path: str = "<string>", *, settings: Settings | None = None, fix: bool = False
) -> FileResult:
    """Lint one source text; ``path`` decides whether it is read as a notebook (.ipynb)."""
    settings = settings or load(Path.cwd())
    return lint_text(source, path, settings.codes_for(path), fix=fix)


@dataclass
class Run:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    fixes: list[FileResult] = field(default_factory=list)  # files whose text fixes changed
    errors: list[str] = field(default_factory=list)  # internal failures, per file
    fixed: int = 0  # findings fixed (or, without writing, that the fixes would fix)
    noqa_added: int = 0  # lines given a noqa comment by add_noqa


@dataclass
class _Source:
    display: str
    file: Path | None
    data: bytes
    text: str
    bom: bool
    encoding: str


def lint_paths(
    paths: list[str],
    settings: Settings | Configuration,
    *,
    fix: bool = False,
    write: bool = True,
    jobs: int | None = None,
    use_cache: bool = True,
    stdin_filename: str | None = None,
    cache_dir: Path | None = None,
    add_noqa: bool = False,
) -> Run:
    """Lint files and folders. With ``fix``, fixes are applied (and written when ``write``).
    With ``add_noqa``, each file's findings get a ``# noqa`` comment instead (written), and
    are no longer reported."""
    run = Run()
    configuration = settings if isinstance(settings, Configuration) else Configuration.of(settings)
    cache = Cache(cache_folder(configuration, cache_dir))
    sources: list[_Source] = []
    codes_of: dict[str, frozenset[str]] = {}  # each file's rules, from its own settings
    for display, file in discover(paths, configuration):
        if display == "-":
            display = stdin_filename or "-"
        run.files_checked += 1
        file_settings = configuration.settings_for(display)
        codes_of[display] = file_settings.codes_for(display)
        try:
            sources.append(_read(display, file, file_settings.max_file_mb))
        except LintError as error:
            if "WCE001" in codes_of[display]:
                run.diagnostics.append(_unreadable(display, str(error)))
    texts = {s.display: s.text for s in sources}
    digest = functools.cache(lambda display: hashlib.sha256(texts[display].encode()).hexdigest())
    program = Program(texts, texts.get)
    pending: list[_Source] = []
    keys: dict[str, str] = {}
    used: list[suppressions.Mark] = []  # the suppressions that hid a finding, in any file
    for source in sources:
        # The analysis follows values into the files of the run a file imports names from
        # (and reports findings there): the bytes of every file it may load are part of the
        # cache key, and the words of those it calls into feed the prefilter.
        if use_cache and not fix:
            codes = ",".join(sorted(codes_of[source.display]))
            context = [f"{d}\0{digest(d)}" for d in program.dependencies(source.display)]
            key = Cache.key(source.data, source.display, codes, *context)
            cached = cache.get_result(key)
            if cached is not None:
                run.diagnostics.extend(cached[0])
                used.extend(cached[1])
                continue
            keys[source.display] = key
        pending.append(source)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    # the words of the files each one imports from, for the prefilter: read where it is linted
    work = [(s.display, s.text, None, codes_of[s.display]) for s in pending]
    files = {s.display: str(s.file) for s in sources if s.file is not None}
    results = lint_many(work, fix, workers, program, files)
    linted: dict[str, FileResult] = {}
    for source, result in zip(pending, results, strict=True):
        if result.error is not None:
            run.errors.append(f"{result.path}: internal error: {result.error}")
            continue
        linted[source.display] = result
        run.diagnostics.extend(result.diagnostics)
        used.extend(result.suppressions_used)
        if result.fixed is None and source.display in keys:
            cache.put_result(keys[source.display], result.diagnostics, result.suppressions_used)
    failed = {result.path for result in results if result.error is not None}
    for source in sources:
        if source.display in failed or source.display.endswith(".ipynb"):
            continue
        _check_suppressions(run, source, linted, codes_of[source.display], used, fix)
    for source in sources:
        result = linted.get(source.display)
        if result is not None and result.fixed is not None:
            run.fixes.append(result)
            run.fixed += result.fixes
            if write and source.file is not None:
                _write(source, result.fixed)
    run.diagnostics = _distinct(run.diagnostics, configuration)
    run.diagnostics.sort(key=Diagnostic.sort_key)
    if add_noqa:
        _add_noqa(run, sources)
    return run


# Findings about the file or its comments, which a noqa comment would not answer.
_NOT_SUPPRESSIBLE = frozenset({"WCE001", suppressions.UNUSED, suppressions.UNKNOWN})


def _add_noqa(run: Run, sources: list[_Source]) -> None:
    """Write ``# noqa`` comments for the findings of each file of the run that has them; the
    findings they suppress are no longer reported."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in run.diagnostics:
        if d.code not in _NOT_SUPPRESSIBLE and d.cell is None:
            by_path.setdefault(d.path, []).append(d)
    suppressed = set()
    for source in sources:
        found = by_path.get(source.display)
        if not found or source.file is None:
            continue
        text, added = suppressions.add_noqa(source.text, found)
        if not added:
            continue
        _write(source, text)
        run.noqa_added += added
        lines = text.splitlines()
        suppressed.update(
            d
            for d in found
            if suppressions.suppressing_line(lines, d.line, d.end_line, d.code) is not None
        )
    run.diagnostics = [d for d in run.diagnostics if d not in suppressed]


def cache_folder(configuration: Configuration, given: Path | None = None) -> Path:
    """Where results are cached: ``given`` (--cache-dir), else ``WCE_GUARD_CACHE_DIR``, else
    in the project's root."""
    if given is not None:
        return given
    return Path(os.environ.get("WCE_GUARD_CACHE_DIR", configuration.root / FOLDER_NAME))


def _distinct(diagnostics: list[Diagnostic], configuration: Configuration) -> list[Diagnostic]:
    """Each finding once (two files that import a third may both find one there), and only
    where its file's settings select its rule."""
    found: dict[tuple, Diagnostic] = {}
    for d in diagnostics:
        if d.code not in configuration.settings_for(d.path).codes_for(d.path):
            continue
        key = (d.path, d.cell, d.line, d.column, d.code)
        if key not in found or (d.fixable and not found[key].fixable):
            found[key] = d
    return list(found.values())


def _check_suppressions(
    run: Run,
    source: _Source,
    linted: dict[str, FileResult],
    codes: frozenset[str],
    used: list[suppressions.Mark],
    fix: bool,
) -> None:
    """WCE002 and WCE003 in a file, judged once every file of the run is linted (a finding
    may land in this file from the lint of another), and with ``fix`` their removal."""
    result = linted.get(source.display)  # None when the findings came from the cache
    text = result.fixed if result is not None and result.fixed is not None else source.text
    found, fixed = suppressions.check(source.display, text, codes, used, fix)
    if fixed is None:
        run.diagnostics.extend(found)
        return
    if result is None:
        result = linted[source.display] = FileResult(source.display)
    result.fixed, result.original = fixed, result.original or source.text
    result.fixes += len(found)


def _read(display: str, file: Path | None, max_mb: float) -> _Source:
    limit = int(max_mb * 2**20)
    try:
        if file is None:
            data = sys.stdin.buffer.read(limit + 1)
            size = len(data)
        elif not file.exists():
            raise LintError("no such file")
        elif not file.is_file():
            raise LintError("it is not a regular file")
        else:
            size = file.stat().st_size
            data = file.read_bytes() if size <= limit else b""
    except PermissionError:
        raise LintError("permission denied: it cannot be read") from None
    except OSError as error:
        raise LintError(f"it cannot be read: {error.strerror or error}") from None
    if size > limit:
        shown = f"it is {size / 2**20:.1f} MB, over" if file is not None else "it is over"
        raise LintError(
            f"{shown} the {max_mb:g} MB limit for one file; a module that large is "
            f"generated: exclude it, or raise max-file-size in [tool.wce-guard]"
        )
    text, encoding = decode(data, display)
    bom = data.startswith(b"\xef\xbb\xbf")
    return _Source(display, file, data, text, bom, encoding.removesuffix("-sig"))


def _write(source: _Source, text: str) -> None:
    """Replace the file atomically, in its own encoding, BOM and permissions."""
    assert source.file is not None
    data = ("\ufeff" + text if source.bom else text).encode(source.encoding)
    folder = source.file.parent
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".wce-guard-", delete=False) as file:
        file.write(data)
    os.chmod(file.name, source.file.stat().st_mode & 0o7777)
    os.replace(file.name, source.file)


def _unreadable(display: str, message: str) -> Diagnostic:
    return Diagnostic(
        display, 1, 1, 1, 1, "WCE001", "unreadable-file", f"cannot lint this file: {message}"
    )

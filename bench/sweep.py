"""Reliability sweep: the linter over the whole standard library and the benchmark corpus.

    python -m bench.sweep            # writes its table to BENCHMARKS.md
    python -m bench.sweep --quick    # every 20th file: a smoke run

For each tree: every file linted with every rule, no internal error, and WCE001 exactly on the
files that Python's own compiler refuses (or that cannot be decoded). Then ``--fix`` on a copy
of the tree, twice: each fixed file must compile, keep its encoding, BOM, line endings and
comments, and the second pass must change nothing. The corpus (timm and transformers, see
``bench/lint_speed.py``) is used when it is in ``bench/.corpus``; real code has few fixable
findings, so the fixes are also checked on this repository's examples and lint test corpus.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import sysconfig
import tempfile
import time
import tokenize
import warnings
from collections import Counter
from pathlib import Path

from bench.report import environment_lines, replace_section
from wce_guard.lint import lint_paths, load
from wce_guard.lint.engine import LintError, decode

CORPUS = Path(__file__).parent / ".corpus"


def python_files(root: Path) -> list[Path]:
    skipped = {"site-packages", "dist-packages", "__pycache__"}
    return sorted(p for p in root.rglob("*.py") if not skipped & set(p.parts) and p.is_file())


def refused_by_python(path: Path) -> bool:
    data = path.read_bytes()
    try:
        decode(data, str(path))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings of valid code
            compile(data, str(path), "exec", dont_inherit=True)
    except (LintError, SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return True
    return False


def check_tree(files: list[Path]) -> dict:
    start = time.perf_counter()
    settings = load(Path(tempfile.gettempdir()))  # every rule, no project configuration
    run = lint_paths([str(f) for f in files], settings, use_cache=False)
    seconds = time.perf_counter() - start
    unreadable = {d.path for d in run.diagnostics if d.code == "WCE001"}
    refused = {str(f) for f in files if refused_by_python(f)}
    return {
        "files": len(files),
        "seconds": seconds,
        "errors": run.errors,
        "codes": Counter(d.code for d in run.diagnostics),
        "wce001_wrong": sorted(unreadable ^ refused),
        "refused": len(refused),
    }


def _comments(text: str) -> list[str]:
    try:
        lines = iter(text.splitlines(keepends=True))
        tokens = tokenize.generate_tokens(lambda: next(lines, ""))
        return [t.string for t in tokens if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return []


def check_fix(root: Path, files: list[Path]) -> dict:
    """--fix twice on a copy: what changed, and every promise about the fixed files."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        copies = []
        for file in files:
            copy = Path(scratch) / file.relative_to(root)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, copy)
            copies.append(copy)
        before = {c: c.read_bytes() for c in copies}
        settings = load(Path(scratch))
        first = lint_paths([str(c) for c in copies], settings, fix=True, use_cache=False)
        after_first = {c: c.read_bytes() for c in copies}
        second = lint_paths([str(c) for c in copies], settings, fix=True, use_cache=False)
        changed = [c for c in copies if after_first[c] != before[c]]
        for copy in changed:
            old, new = before[copy], after_first[copy]
            name = str(copy.relative_to(scratch))
            try:
                text, encoding = decode(new, name)
                old_text, old_encoding = decode(old, name)
                compile(new, name, "exec", dont_inherit=True)
            except (LintError, SyntaxError, ValueError) as error:
                problems.append(f"{name}: the fixed file does not compile: {error}")
                continue
            if encoding != old_encoding or old.startswith(b"\xef\xbb\xbf") != new.startswith(
                b"\xef\xbb\xbf"
            ):
                problems.append(f"{name}: encoding or BOM changed")
            if (b"\r\n" in old) != (b"\r\n" in new):
                problems.append(f"{name}: line endings changed")
            if _comments(old_text) != _comments(text):
                problems.append(f"{name}: comments changed")
        problems += [f"{c}: the second --fix changed it" for c in second.fixes]
        problems += first.errors + second.errors
    return {"fixed": len(changed), "problems": problems}


def trees(quick: bool) -> dict[str, tuple[Path, list[Path]]]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    found = {f"standard library (Python {sys.version.split()[0]})": stdlib}
    if CORPUS.is_dir():
        found |= {folder.name: folder for folder in sorted(CORPUS.iterdir()) if folder.is_dir()}
    result = {}
    for name, root in found.items():
        files = python_files(root)
        result[name] = (root, files[::20] if quick else files)
    # where --fix has work to do: the examples and the linter's test corpus
    repository = Path(__file__).parent.parent
    fixable = python_files(repository / "examples") + python_files(
        repository / "tests" / "lint" / "corpus"
    )
    result["wce-guard's examples/ and tests/lint/corpus/"] = (repository, fixable)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    arguments = parser.parse_args()
    command = "python -m bench.sweep" + (" --quick" if arguments.quick else "")
    lines = ["### Reliability sweep", "", *environment_lines(command), "",
             "| tree | files | time | internal errors | WCE001 | refused by Python | WCE001 "
             "on the wrong files | other findings | --fix: files changed | --fix problems |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"]  # fmt: skip
    failures = []
    for name, (root, files) in trees(arguments.quick).items():
        lint = check_tree(files)
        fix = check_fix(root, files)
        others = ", ".join(f"{code} {n}" for code, n in sorted(lint["codes"].items())
                           if code != "WCE001") or "none"  # fmt: skip
        lines.append(
            f"| {name} | {lint['files']} | {lint['seconds']:.1f} s | {len(lint['errors'])} | "
            f"{lint['codes']['WCE001']} | {lint['refused']} | {len(lint['wce001_wrong'])} | "
            f"{others} | {fix['fixed']} | {len(fix['problems'])} |"
        )
        failures += lint["errors"] + lint["wce001_wrong"] + fix["problems"]
        print(lines[-1], file=sys.stderr)
    print("\n".join(lines))
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if not arguments.quick:
        replace_section(Path(__file__).parent.parent / "BENCHMARKS.md", "sweep", "\n".join(lines))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

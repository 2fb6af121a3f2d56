"""The corpus of small multi-file projects (tests/lint/projects/): what is expected, what is
found. Each project folder is linted as a whole run from inside it, as a user runs
``wce-guard lint .`` in a repository; findings may land in any of its files.

Folders named ``p*`` hold mistakes, marked on the line where the finding is anchored with
``# expect: CODE``; ``n*`` are correct look-alikes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from wce_guard.lint import lint_paths
from wce_guard.lint.config import Settings
from wce_guard.lint.rules import ALL_RULES

PROJECTS = Path(__file__).parent / "projects"
EVERY_RULE = frozenset(rule.code for rule in ALL_RULES)


def projects(family: str) -> list[Path]:
    return sorted(path for path in (PROJECTS / family).iterdir() if path.is_dir())


def expected(project: Path) -> set[tuple[str, int, str]]:
    return {
        (str(file.relative_to(project)), number, code)
        for file in sorted(project.rglob("*.py"))
        for number, line in enumerate(file.read_text().splitlines(), start=1)
        for marks in re.findall(r"# expect: (.*)$", line)
        for code in re.findall(r"WCE\d+", marks)
    }


def found(project: Path) -> set[tuple[str, int, str]]:
    here = Path.cwd()
    os.chdir(project)
    try:
        run = lint_paths(["."], Settings(EVERY_RULE, root=project), use_cache=False, jobs=1)
    finally:
        os.chdir(here)
    assert not run.errors, run.errors
    return {(d.path, d.line, d.code) for d in run.diagnostics}

"""WCE0xx: findings about the linting itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from wce_guard.lint.rule import Example, Finding, Rule

if TYPE_CHECKING:
    from wce_guard.lint.analysis import Facts


class UnreadableFile(Rule):
    """Reported by the engine, not by a walk: a file it could not read or parse."""

    code = "WCE001"
    name = "unreadable-file"
    summary = "The file could not be read or parsed, so nothing in it was checked."
    what_it_does = """
Reports a file that wce-guard could not lint: a syntax error, bytes that are not valid in the
file's encoding, a binary file, nesting too deep for the parser, or a file it may not read.
The message says which, and where."""
    why_is_it_bad = """
A file that is not checked can hold every mistake the other rules look for. Silently skipping
it would report a clean result that is not true."""
    example = """
def train(model, loader:
    ..."""
    use_instead = """
def train(model, loader):
    ..."""
    triggers = ()  # every file is read and checked
    invalid = (
        Example("def train(model, loader:\n    pass\n", lines=(1,)),
        Example("x = 1\nprint 'hello'\n", lines=(2,)),
    )
    valid = ("x = 1\n",)

    def check(self, facts: Facts) -> Iterator[Finding]:
        return iter(())  # the engine reports WCE001 when reading or parsing fails

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


class UnusedSuppression(Rule):
    """Reported by the run once every file is linted (``suppressions.py``)."""

    code = "WCE002"
    name = "unused-suppression"
    summary = "A suppression comment names a rule that reports nothing on its line."
    what_it_does = """
Reports a `# wce-guard: ignore[...]` or a `# noqa: WCE...` whose codes hide no finding on
its line (a bare `# wce-guard: ignore` that hides nothing, too). Only wce-guard's codes are
looked at: a bare `# noqa` and other tools' codes belong to those tools. A code whose rules
do not run on the file (not selected) is not reported. The fix removes the unused codes, and
the comment when none is left. Not on by default, as ruff's RUF100 is not: a finding may land
in a file from the analysis of another file that calls into it, so lint the whole project
(not a few files, as pre-commit does) with `--extend-select WCE002` or
`extend-select = ["WCE002"]`."""
    why_is_it_bad = """
A suppression outlives the finding it hid: once the code is fixed, it silently hides the
next mistake made on that line."""
    example = """
loss = F.cross_entropy(logits, y)  # noqa: WCE101"""
    use_instead = """
loss = F.cross_entropy(logits, y)"""
    triggers = ()  # every file's comments are read
    enabled_by_default = False
    fix_availability = "always"
    invalid = (
        Example("x = 1  # wce-guard: ignore\n", lines=(1,), fixed="x = 1\n"),
        Example(
            "x = 1  # why it is here  # wce-guard: ignore\n",
            lines=(1,),
            fixed="x = 1  # why it is here\n",
        ),
    )
    valid = ("x = 1  # noqa\n", "x = 1  # noqa: E501\n", "x = '# wce-guard: ignore'\n")

    def check(self, facts: Facts) -> Iterator[Finding]:
        return iter(())  # the run reports WCE002 once every file is linted


class UnknownSuppressionCode(Rule):
    """Reported by the run with WCE002 (``suppressions.py``)."""

    code = "WCE003"
    name = "unknown-suppression-code"
    summary = "A suppression comment names a code that is not a wce-guard rule."
    what_it_does = """
Reports a code in a `# wce-guard: ignore[...]`, or a `WCE` code in a `# noqa: ...`, that is
neither a rule's code nor a prefix of one (`WCE1` is a prefix). The fix removes the code, and
the comment when none is left."""
    why_is_it_bad = """
A mistyped code suppresses nothing: the finding it was meant to hide is still reported, or
the comment looks as if it hid something it does not."""
    example = """
loss = F.cross_entropy(F.softmax(x, 1), y)  # noqa: WCE1O1"""
    use_instead = """
loss = F.cross_entropy(F.softmax(x, 1), y)  # noqa: WCE101"""
    triggers = ()  # every file's comments are read
    fix_availability = "always"
    invalid = (
        Example("x = 1  # noqa: WCE999\n", lines=(1,), fixed="x = 1\n"),
        Example("x = 1  # noqa: E501, WCE9\n", lines=(1,), fixed="x = 1  # noqa: E501\n"),
        Example("x = 1  # wce-guard: ignore[WCE1O1]\n", lines=(1,), fixed="x = 1\n"),
    )
    valid = ("x = 1  # noqa: E501, F401\n", "x = 1  # noqa: WCE1\n", "x = '# noqa: WCE999'\n")

    def check(self, facts: Facts) -> Iterator[Finding]:
        return iter(())  # the run reports WCE003 with WCE002

"""What a lint rule is, what it reports, and how it fixes.

A rule is a small class: a code and a kebab-case name, a one-line summary, its docs in four
parts (what it does, why it is bad, an example, what to use instead), VALID and INVALID
examples that one test runs for every rule, the patterns a file must contain for the rule
to possibly fire (the prefilter), and ``check``, which reads ``Facts`` (``analysis/``) and yields
findings. A finding may carry a fix: replacements of libcst nodes, built only when asked
(``fixing.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    import ast

    from wce_guard.lint.analysis import Facts
    from wce_guard.lint.fixing import Fix


# For the prefilter: a file where a class weight reaches a loss names one of these losses.
LOSS_NAMES = r"cross_entropy|CrossEntropyLoss|nll_loss|NLLLoss|BCELoss|BCEWithLogitsLoss"


@dataclass(frozen=True)
class Example:
    """Code for a rule's tests; ``lines`` are where an INVALID example must be reported, and
    ``fixed`` what ``--fix`` makes of it when the fix changes a line other than those."""

    code: str
    lines: tuple[int, ...] = ()
    fixed: str | None = None


@dataclass(frozen=True)
class Finding:
    node: ast.AST  # what is reported: its position is computed only for findings
    message: str
    # libcst's nodes to replace, and their replacements (given how to find libcst's node
    # for an ast node): parsed and built only when the fix is applied
    fix: Fix | None = None
    module: Facts | None = None  # the module ``node`` is in, when not the one being linted
    # Other places the finding is about, as (label, node, module): the softmax, the loss call.
    related: tuple[tuple[str, ast.AST, Facts], ...] = ()


@dataclass(frozen=True)
class Diagnostic:
    """A finding as users see it: 1-based lines and columns."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    message: str
    fixable: bool = False
    cell: int | None = None  # for notebooks: the 1-based cell, with ``line`` inside it
    # Other places the finding is about: (label, path, line, column), e.g. the softmax.
    related: tuple[tuple[str, str, int, int], ...] = ()

    def sort_key(self) -> tuple:
        return (self.path, self.cell or 0, self.line, self.column, self.code)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    what_it_does: ClassVar[str]
    why_is_it_bad: ClassVar[str]
    example: ClassVar[str]
    use_instead: ClassVar[str]
    # Regular expressions that must all match a file's text for the rule to be able to fire
    # there: the prefilter, run before parsing. Conservative by construction: each names
    # something every finding of the rule needs (a test runs them on every INVALID example).
    triggers: ClassVar[tuple[str, ...]]
    # Triggers that the files a file imports names from may hold instead of the file itself:
    # the rule follows values into them (the softmax of a model class in models.py).
    imported_triggers: ClassVar[tuple[str, ...]] = ()
    # For an imported trigger, the narrower expression an imported file must match instead
    # (what the rule can follow from there), when it differs.
    imported_as: ClassVar[dict[str, str]] = {}
    valid: ClassVar[tuple[str, ...]] = ()
    invalid: ClassVar[tuple[Example, ...]] = ()
    # Whether findings carry a fix, as ruff says it: "always", "sometimes" (then ``fix_note``
    # says when) or "never".
    fix_availability: ClassVar[str] = "never"
    fix_note: ClassVar[str] = ""
    # Whether the rule runs when the configuration selects no rules (ruff's default set).
    enabled_by_default: ClassVar[bool] = True

    def check(self, facts: Facts) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def docs(cls) -> str:
        """The rule's documentation as Markdown: what ``wce-guard explain`` prints."""
        fix = {
            "always": "Fix is always available (`--fix`).",
            "sometimes": f"Fix is sometimes available (`--fix`): {cls.fix_note.strip()}",
            "never": "Fix is not available.",
        }[cls.fix_availability]
        return "\n".join(
            [
                f"# {cls.code} {cls.name}",
                "",
                cls.summary,
                "",
                "## What it does",
                "",
                cls.what_it_does.strip(),
                "",
                "## Why is this bad?",
                "",
                cls.why_is_it_bad.strip(),
                "",
                "## Example",
                "",
                "```python",
                cls.example.strip(),
                "```",
                "",
                "## Use instead",
                "",
                "```python",
                cls.use_instead.strip(),
                "```",
                "",
                "## Fix availability",
                "",
                fix,
            ]
        )

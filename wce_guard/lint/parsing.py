"""Source text to syntax trees: the one place the linter parses.

The analysis reads Python's own tree (``ast``): its parser is written in C and builds a
file's tree about ten times faster than libcst, and reading is all the analysis does. libcst
parses only the files a fix rewrites (``fixing.py``): its tree keeps every space and comment,
so a fix changes the nodes it means and nothing else.
"""

from __future__ import annotations

import ast
import contextlib
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


def parse_module(text: str) -> ast.Module:
    """The module ``text`` holds; raises ``SyntaxError`` (``ValueError`` for a null byte,
    ``RecursionError`` or ``MemoryError`` for nesting too deep) when it does not parse."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences: not ours to report
        return ast.parse(text)


def parse_cst(text: str) -> cst.Module:
    """The module ``text`` holds, as libcst's concrete tree (for a fix)."""
    import libcst as cst

    with warnings.catch_warnings(), _unvalidated(cst.CSTNode):
        warnings.simplefilter("ignore")
        return cst.parse_module(text)


def _built_by_the_parser(node: object) -> None:
    """``CSTNode.__post_init__`` while parsing: nothing to check."""


@contextlib.contextmanager
def _unvalidated(base: type) -> Iterator[None]:
    """libcst checks every node as it is built (``__post_init__`` calls ``_validate``). For a
    tree its own parser builds from valid source that check cannot fail; nodes a fix builds
    are still checked."""
    checking = base.__post_init__
    base.__post_init__ = _built_by_the_parser
    try:
        yield
    finally:
        base.__post_init__ = checking

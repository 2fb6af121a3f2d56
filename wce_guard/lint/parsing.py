"""Source text to a libcst syntax tree: the one place the linter parses.

libcst checks every node as it is built (``CSTNode.__post_init__`` calls ``_validate``:
whitespace and brackets well formed). For a tree its own parser has just built from valid
source that check cannot fail, and it is about 15% of parsing, which is most of the cost of a
cold lint; libcst's own note on ``__post_init__`` suggests validating outside the parse. So
nodes built while parsing are not validated; those a fix builds still are.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


def parse_module(text: str) -> cst.Module:
    """The module ``text`` holds; raises libcst's ``ParserSyntaxError`` (and, for some
    inputs of its native parser, other errors) when it does not parse."""
    import libcst as cst

    with warnings.catch_warnings(), _unvalidated(cst.CSTNode):
        warnings.simplefilter("ignore")
        return cst.parse_module(text)


def _built_by_the_parser(node: object) -> None:
    """``CSTNode.__post_init__`` while parsing: nothing to check."""


@contextlib.contextmanager
def _unvalidated(base: type) -> Iterator[None]:
    checking = base.__post_init__
    base.__post_init__ = _built_by_the_parser
    try:
        yield
    finally:
        base.__post_init__ = checking

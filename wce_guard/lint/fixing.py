"""Fixes: libcst rewrites the nodes that findings on Python's ``ast`` point at.

The analysis reads ``ast`` trees; a fix is written against libcst's concrete tree, which keeps
every space, comment and bracket, so that what a fix does not change stays as it was. The file
is parsed by libcst only when a fix is applied, and a fix finds its libcst nodes by their
place in the text (``Located``): both parsers place an expression at the same characters.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from wce_guard.lint.parsing import parse_cst

if TYPE_CHECKING:
    import libcst as cst

# A fix: given the way to find libcst's node for an ast node, the replacements it makes.
Fix = Callable[["Located"], dict]


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as Python's parser numbers them (only \\n, \\r\\n and \\r end
    a line; ``str.splitlines`` also splits at form feeds and other separators)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def character_column(line: str, offset: int) -> int:
    """The 0-based column, in characters, of ``ast``'s column ``offset`` (in UTF-8 bytes)."""
    if line.isascii():
        return offset
    return len(line.encode("utf-8")[:offset].decode("utf-8", "replace"))


def character_span(node: ast.AST, lines: list[str]) -> tuple[int, int, int, int]:
    """(line, column, end line, end column) of a node: 1-based lines, 0-based columns in
    characters."""
    line, end_line = node.lineno, node.end_lineno
    return (
        line,
        character_column(lines[line - 1], node.col_offset),
        end_line,
        character_column(lines[end_line - 1], node.end_col_offset),
    )


class Located:
    """libcst's node for an ``ast`` node: the node of the same kind at the same place."""

    def __init__(self, module: cst.Module, text: str) -> None:
        from libcst.metadata import MetadataWrapper, PositionProvider

        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        self._lines = source_lines(text)
        self._at: dict[tuple[int, int, int, int], list] = {}
        for node, where in positions.items():
            key = (where.start.line, where.start.column, where.end.line, where.end.column)
            self._at.setdefault(key, []).append(node)

    def __call__(self, node: ast.AST) -> cst.CSTNode:
        import libcst as cst

        wanted = getattr(cst, _KINDS.get(type(node), "BaseExpression"))
        line, column, end_line, end_column = character_span(node, self._lines)
        places = [(line, column, end_line, end_column)]
        if type(node) is ast.Tuple:  # ast's tuple holds its brackets, libcst's does not
            places.append((line, column + 1, end_line, end_column - 1))
        for place in places:
            for candidate in self._at.get(place, ()):
                if isinstance(candidate, wanted):
                    return candidate
        raise LookupError(f"no libcst node for {ast.dump(node)[:80]}")


# ast node type -> the name of libcst's node type for it (others: any expression)
_KINDS = {
    ast.Call: "Call",
    ast.Name: "Name",
    ast.Attribute: "Attribute",
    ast.Subscript: "Subscript",
    ast.List: "List",
    ast.Tuple: "Tuple",
    ast.BinOp: "BinaryOperation",
    ast.Assign: "Assign",
}


def apply_fixes(text: str, fixes: Iterable[tuple[int, Fix]]) -> tuple[str, set[int]] | None:
    """``text`` with the fixes applied, and the numbers of the findings whose fix was
    applied (an outer replacement wins over inner ones); None when libcst cannot rewrite it
    (nesting too deep)."""
    import libcst as cst

    try:
        module = parse_cst(text)
    except (cst.ParserSyntaxError, RecursionError, ValueError):
        return None
    located = Located(module, text)
    replacements: dict = {}
    owner: dict = {}
    for number, fix in fixes:
        try:
            made = fix(located)
        except LookupError:
            continue  # a node libcst places elsewhere: reported, not fixed
        for original, replacement in made.items():
            replacements.setdefault(original, replacement)
            owner.setdefault(original, number)
    applied: set = set()

    class Replace(cst.CSTTransformer):
        def on_visit(self, node) -> bool:
            return node not in replacements  # its replacement is built from the original

        def on_leave(self, original_node, updated_node):
            if original_node in replacements:
                applied.add(original_node)
                return replacements[original_node]
            return updated_node

    try:
        fixed = module.visit(Replace()).code
    except RecursionError:
        return None
    return fixed, {owner[node] for node in applied}

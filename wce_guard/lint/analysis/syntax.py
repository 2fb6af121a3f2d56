"""Small readings of Python's syntax tree (``ast``) that the evaluator and the rules share."""

from __future__ import annotations

import ast


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    """The expression passed as ``name=...``."""
    for given in call.keywords:
        if given.arg == name:
            return given.value
    return None


def argument(call: ast.Call, position: int, name: str) -> ast.expr | None:
    """The expression passed for a parameter, by keyword or by position."""
    by_keyword = keyword(call, name)
    if by_keyword is not None:
        return by_keyword
    positional = [arg for arg in call.args if type(arg) is not ast.Starred]
    return positional[position] if position < len(positional) else None


def count_arguments(call: ast.Call) -> int:
    """How many arguments a call is written with, by position and by keyword."""
    return len(call.args) + len(call.keywords)


def starred_mapping(call: ast.Call) -> list[ast.expr]:
    """The mappings a call unpacks as keywords: ``config`` in ``f(**config)``."""
    return [given.value for given in call.keywords if given.arg is None]


def single_index(subscript: ast.Subscript) -> ast.expr | None:
    """The one index of ``x[i]``; None for a slice or several indices."""
    index = subscript.slice
    return None if isinstance(index, ast.Slice | ast.Tuple) else index


def called_name(func: ast.expr) -> str:
    """The last name of what is called: ``softmax`` for ``F.softmax`` and ``softmax``."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def string_value(node: ast.AST | None) -> str | None:
    """The text of a string literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def text_of(node: ast.AST) -> str:
    """An expression's code, normalised (the same test written twice reads the same)."""
    return ast.unparse(node)

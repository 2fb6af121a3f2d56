"""Jupyter notebooks: their code cells as one module, and lines mapped back to cells.

The cells are joined in order, so a value made in one cell is followed into the next. IPython
syntax that is not Python (``%magic``, ``!shell``, ``x = !cmd``, ``obj?``, ``%%cell`` magics)
becomes ``pass`` at the same indentation (a whole ``%%`` cell becomes blank lines, and so do
the lines that a magic continues onto with a backslash), which keeps every other line where
it was. Only a line that starts a logical line can be IPython syntax: a line inside brackets,
after a backslash or inside a triple-quoted string (``% loss`` continuing a string format) is
Python.

Each cell compiles on its own in Jupyter: a cell with a syntax error fails alone and the
others run. So such a cell is left out of the module (blank lines in its place) and reported
on its own (``Notebook.broken``), and the rest of the notebook is linted. For the same reason
a later cell may begin with ``from __future__ import ...``; in the joined module that import
is misplaced (a syntax error), so it becomes ``pass`` too: it changes nothing the linter looks
at.

Fixes are written back cell by cell (``write_back``): only the lines they change, in the
cells those lines came from; outputs, metadata and the other cells stay as they were.
"""

from __future__ import annotations
import __future__

import ast
import json
import re
import warnings
from dataclasses import dataclass

# %magic, !shell, ?help, x = !cmd, x = %magic, obj? and obj??
_IPYTHON_LINE = re.compile(r"^\s*(?:[%!?]|[\w.]+\s*=\s*[%!]|[\w.]+\?{1,2}\s*$)")
# What changes the state of a line outside string literals: comments, quotes, brackets and
# backslashes (string prefixes need no care: a backslash escapes the next character in raw
# strings too, as far as where the literal ends goes).
_CODE = re.compile(r"""[#'"()\[\]{}\\]""")
# The body of a string literal from where the scan is, up to its closing quote, a lone
# backslash at the end of the line, or the end of the line.
_BODY = {
    '"': re.compile(r'[^"\\]*(?:\\.[^"\\]*)*'),
    "'": re.compile(r"[^'\\]*(?:\\.[^'\\]*)*"),
    '"""': re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*'),
    "'''": re.compile(r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*"),
}
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")


class NotebookError(ValueError):
    """The file is not a notebook we can read; the message says why."""


@dataclass(frozen=True)
class Notebook:
    source: str  # the code cells as one module
    cells: tuple[tuple[int, int], ...]  # per module line (0-based): (cell, line), both 1-based
    # the cells that do not compile, left out of ``source``: (cell, line in cell, message)
    broken: tuple[tuple[int, int, str], ...] = ()

    def locate(self, line: int) -> tuple[int, int]:
        """The (cell, line in cell) of a 1-based line of ``source``."""
        return self.cells[min(line, len(self.cells)) - 1]


def read(text: str) -> Notebook:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotebookError(f"not valid notebook JSON: {error}") from None
    if not isinstance(document, dict) or not isinstance(document.get("cells"), list):
        raise NotebookError("not a Jupyter notebook: no list of cells")
    lines: list[str] = []
    cells: list[tuple[int, int]] = []
    broken: list[tuple[int, int, str]] = []
    for number, cell in enumerate(document["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        cell_lines = text.splitlines() or [""]
        python = [] if cell_lines[0].lstrip().startswith("%%") else _python_lines(cell_lines)
        error = _cell_error(python) if python else None
        if error is not None:
            broken.append((number, *error))
        if python and error is None:
            lines.extend(python)
        else:
            lines.extend("" for _ in cell_lines)
        cells.extend((number, line_number) for line_number in range(1, len(cell_lines) + 1))
    if any("__future__" in line for line in lines):
        _drop_late_future_imports(lines, cells)
    return Notebook("\n".join(lines) + "\n", tuple(cells) or ((1, 1),), tuple(broken))


def _cell_error(lines: list[str]) -> tuple[int, str] | None:
    """(line, message) of a cell's syntax error when it is compiled alone, as Jupyter
    compiles it (top-level ``await`` allowed); None when it parses."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
            compile("\n".join(lines) + "\n", "<cell>", "exec", flags, dont_inherit=True)
    except SyntaxError as error:
        return min(error.lineno or 1, len(lines)), f"syntax error: {error.msg}"
    except ValueError as error:  # a null character
        return 1, f"cannot parse it: {error}".splitlines()[0]
    except (RecursionError, MemoryError):
        return 1, "nesting is too deep for the parser"
    return None


# -- IPython syntax


def _python_lines(lines: list[str]) -> list[str]:
    """A code cell's lines as Python, one for one. Lines are scanned in order for open
    brackets, backslash continuations and open string literals, so that only a line that
    starts a logical line is taken for IPython syntax. From the logical line where the scan
    fails on (a stray closing bracket, a string or bracket left open at the end of the cell:
    syntax errors anyway), the lines are taken one by one, as if each started one."""
    result: list[str] = []
    depth, quote, continued, in_magic = 0, "", False, False
    logical_start = 0  # where the current logical line began
    for line in lines:
        if in_magic:  # IPython joins a magic's backslash continuations to it
            result.append("")
            in_magic = line.endswith("\\")
            continue
        if depth == 0 and not quote and not continued:
            logical_start = len(result)
            if _IPYTHON_LINE.match(line):
                result.append(_as_pass(line))
                in_magic = line.endswith("\\")
                continue
        result.append(line)
        state = _scan(line, depth, quote)
        if state is None:
            break
        depth, quote, continued = state
    else:
        if not (depth or quote or continued):
            return result
    return result[:logical_start] + [_python_line(line) for line in lines[logical_start:]]


def _scan(line: str, depth: int, quote: str) -> tuple[int, str, bool] | None:
    """The state after ``line`` of a scan that begins it ``depth`` brackets deep and inside the
    string literal that ``quote`` opened ("" when none): (depth, quote, whether a backslash
    continues the line), or None where the line is not Python (such as a stray closing
    bracket, a single-quoted string left open or a backslash before the end of the line)."""
    position, end = 0, len(line)
    while True:
        if quote:
            closing = _BODY[quote].match(line, position).end()
            if line.startswith(quote, closing):
                position, quote = closing + len(quote), ""
                continue
            if len(quote) == 3 or closing == end - 1:  # ends in a backslash: continued
                return depth, quote, False
            return None
        found = _CODE.search(line, position)
        if found is None:
            return depth, "", False
        character, index = found.group(), found.start()
        if character == "#":
            return depth, "", False
        if character in _OPENING:
            depth += 1
        elif character in _CLOSING:
            depth -= 1
            if depth < 0:
                return None
        elif character == "\\":
            return (depth, "", True) if index == end - 1 else None
        else:
            quote = character * 3 if line.startswith(character * 3, index) else character
            index += len(quote) - 1
        position = index + 1


def _python_line(line: str) -> str:
    return _as_pass(line) if _IPYTHON_LINE.match(line) else line


def _as_pass(line: str) -> str:
    return f"{line[: len(line) - len(line.lstrip())]}pass"


# -- from __future__ imports in later cells


def _drop_late_future_imports(lines: list[str], cells: list[tuple[int, int]]) -> None:
    """Turn into ``pass`` each ``from __future__`` import that is at the start of its cell
    (after a docstring, comments and other such imports at most), as Jupyter allows, but not
    at the start of the joined module. One that is misplaced in its own cell too, or names a
    feature that does not exist, is left for the syntax check to report."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            body = ast.parse("\n".join(lines) + "\n").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the syntax check reports the module's first error
    misplaced: list[ast.ImportFrom] = []
    module_start = cell_start = True  # only a docstring and __future__ imports so far
    current_cell = 0
    for index, statement in enumerate(body):
        cell = cells[statement.lineno - 1][0]
        first_in_cell = cell != current_cell
        if first_in_cell:
            current_cell, cell_start = cell, True
        if _is_future_import(statement):
            if cell_start and not module_start and _names_known_features(statement):
                misplaced.append(statement)
            continue
        docstring = _is_docstring(statement)
        module_start = module_start and index == 0 and docstring
        cell_start = cell_start and first_in_cell and docstring
    for statement in reversed(misplaced):  # from the end: earlier columns stay valid
        _replace_with_pass(lines, statement)


def _is_future_import(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.ImportFrom)
        and statement.module == "__future__"
        and statement.level == 0
    )


def _names_known_features(statement: ast.ImportFrom) -> bool:
    return all(alias.name in __future__.all_feature_names for alias in statement.names)


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _replace_with_pass(lines: list[str], statement: ast.stmt) -> None:
    """``pass`` where ``statement`` began, keeping every line and what follows the statement
    on its last line (``; x = 1``) in its column."""
    first, last = statement.lineno - 1, (statement.end_lineno or statement.lineno) - 1
    start = _column(lines[first], statement.col_offset)
    end = _column(lines[last], statement.end_col_offset or 0)
    head, rest = lines[first][:start] + "pass", lines[last][end:]
    if first == last:
        lines[first] = head + rest
    elif rest.strip() and not rest.lstrip().startswith("#"):
        # code follows on the last line: backslashes carry the logical line on to it
        lines[first : last + 1] = [f"{head} \\", *["\\"] * (last - first - 1), " " * end + rest]
    else:
        lines[first : last + 1] = [head, *("" for _ in range(first + 1, last + 1))]


def _column(line: str, offset: int) -> int:
    """The character column of ``ast``'s UTF-8 byte offset into ``line``."""
    if line.isascii():
        return offset
    return len(line.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace"))


# -- fixes, back into the cells


# How notebook tools write the JSON: nbformat (indent 1, keys sorted), then other editors'.
_JSON_STYLES = (
    {"indent": 1, "sort_keys": True, "ensure_ascii": False},
    {"indent": 1, "ensure_ascii": False},
    {"indent": 2, "ensure_ascii": False},
    {"indent": 2, "sort_keys": True, "ensure_ascii": False},
    {"indent": 1, "sort_keys": True},
    {"indent": 2},
)


def write_back(text: str, book: Notebook, fixed_source: str) -> str | None:
    """The notebook ``text`` with the lines that ``fixed_source`` (``book.source`` with fixes
    applied) changes written into their cells; None when that cannot be done exactly: the
    fix adds or removes lines, changes a line that is not the cell's own (IPython syntax
    read as ``pass``), or the file's JSON is not written in a style this can reproduce."""
    before, after = book.source.splitlines(), fixed_source.splitlines()
    if len(before) != len(after):
        return None
    document = json.loads(text)
    for style in _JSON_STYLES:
        dumped = _dump(document, style)
        if text in (dumped, dumped + "\n"):
            trailer = text[len(dumped) :]  # the final newline, when the file has one
            break
    else:
        return None
    cells: dict[int, list[str]] = {}
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if old == new:
            continue
        number, line = book.cells[index]
        cell = document["cells"][number - 1]
        if number not in cells:
            source = cell.get("source", "")
            joined = "".join(source) if isinstance(source, list) else str(source)
            cells[number] = joined.splitlines(keepends=True)
        lines = cells[number]
        if lines[line - 1].rstrip("\r\n") != old:
            return None  # IPython syntax, read as pass: not the cell's own line
        ending = lines[line - 1][len(old) :]
        lines[line - 1] = new + ending
    for number, lines in cells.items():
        cell = document["cells"][number - 1]
        cell["source"] = lines if isinstance(cell.get("source"), list) else "".join(lines)
    return _dump(document, style) + trailer


def _dump(document, style: dict) -> str:
    return json.dumps(document, **style)

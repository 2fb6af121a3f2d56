"""Notebook cells joined into one module: what Jupyter accepts cell by cell must lint.

``from __future__`` imports at the start of a later cell, and ``%`` string formatting on a
continuation line (which is not an IPython magic), once made whole valid notebooks WCE001.
"""

import json
import time

import pytest

from wce_guard.lint import engine, notebook
from wce_guard.lint.rules import ALL_RULES

CODES = frozenset(rule.code for rule in ALL_RULES)
IMPORT_F = "import torch.nn.functional as F\n"
BUGGY = "loss = F.cross_entropy(F.softmax(z, dim=1), y)\n"


def make_notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "source": source.splitlines(keepends=True), "metadata": {}}
                for source in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def found(*cells: str) -> list[tuple[str, int | None, int]]:
    result = engine.lint_text(make_notebook(*cells), "nb.ipynb", CODES)
    return [(d.code, d.cell, d.line) for d in result.diagnostics]


def assert_lines_kept(*cells: str) -> None:
    book = notebook.read(make_notebook(*cells))
    assert len(book.source.splitlines()) == len(book.cells)
    assert [len(cell.splitlines()) for cell in cells] == [
        sum(1 for number, _ in book.cells if number == index) for index in range(1, len(cells) + 1)
    ]


# -- from __future__ in a later cell

FUTURE_CELLS = {
    "plain": "from __future__ import annotations\n",
    "two features": "from __future__ import annotations, division\n",
    "parenthesised": "from __future__ import (\n    annotations,\n    division,\n)\n",
    "parenthesised, comment after": "from __future__ import (annotations,  # one\n"
    "    division)  # two\n",
    "backslash": "from __future__ import annotations, \\\n    division\n",
    "several": "from __future__ import annotations\nfrom __future__ import division\n",
    "after docstring and comments": '# Setup\n"""The model."""\n\n# typing\n'
    "from __future__ import annotations\n",
    "after a docstring over lines": '"""The model.\n\nMore.\n"""\n'
    "from __future__ import annotations\n",
    "code after it": "from __future__ import annotations; x = 1\n",
    "code after it, over lines": "from __future__ import (annotations,\n    division); x = 1\n",
    "two on one line": "from __future__ import annotations; from __future__ import division\n",
    "non-ASCII docstring": '"""Modèle — ünïcode."""; from __future__ import annotations; x = 1\n',
}


@pytest.mark.parametrize("future", FUTURE_CELLS.values(), ids=FUTURE_CELLS.keys())
def test_future_import_in_a_later_cell_is_not_wce001(future):
    cells = (IMPORT_F, future, BUGGY)
    assert found(*cells) == [("WCE101", 3, 1)]
    assert_lines_kept(*cells)


def test_future_import_cell_after_magics_and_before_findings():
    cells = (
        "%matplotlib inline\n" + IMPORT_F,
        '"""Training."""\nfrom __future__ import annotations\nx = 1\n' + BUGGY,
        "from __future__ import annotations\n\n\n" + BUGGY,
    )
    assert found(*cells) == [("WCE101", 2, 4), ("WCE101", 3, 4)]


def test_future_import_in_the_first_cell_is_kept():
    book = notebook.read(
        make_notebook('"""Doc."""\nfrom __future__ import annotations\n', IMPORT_F + BUGGY)
    )
    assert "from __future__ import annotations" in book.source
    assert found('"""Doc."""\nfrom __future__ import annotations\n', IMPORT_F + BUGGY) == [
        ("WCE101", 2, 2)
    ]


def test_finding_on_the_line_after_a_replaced_future_import():
    cells = (IMPORT_F, "from __future__ import (annotations,\n    division); " + BUGGY)
    assert found(*cells) == [("WCE101", 2, 2)]


@pytest.mark.parametrize(
    ("cells", "where"),
    [
        # misplaced in its own cell too: a syntax error in Jupyter as well
        ((IMPORT_F, "x = 2\nfrom __future__ import annotations\n"), (2, 2)),
        ((IMPORT_F, "%time x = 2\nfrom __future__ import annotations\n"), (2, 2)),
        ((IMPORT_F, "x = 2; from __future__ import annotations\n"), (2, 1)),
        # no such feature
        ((IMPORT_F, "from __future__ import braces\n"), (2, 1)),
        # a later real error, after a replaced __future__ import
        ((IMPORT_F, "from __future__ import annotations\n", "x = 1\ndef f(:\n"), (3, 2)),
    ],
)
def test_future_import_errors_are_still_wce001(cells, where):
    assert found(*cells) == [("WCE001", *where)]


# -- % on a continuation line is string formatting, not a magic

FORMATTING_CELLS = {
    "backslash": 'msg = "acc %.2f" \\\n    % acc\n',
    "brackets": 'print("loss %.3f"\n      % loss)\n',
    "nested brackets": 'log({"loss": ("%.3f"\n    % loss), "acc": [\n    acc\n]})\n',
    "square brackets": 'rows = [\n    "%d"\n    % i for i in range(3)\n]\n',
    "after a string ending in a bracket": 'print("(", "%d"\n      % 3)\n',
    "after a comment with a bracket": 'x = ("%d"  # (\n     % 3)\n',
    "string continued by a backslash": 'x = "abc\\\n%def"\n',
    "triple-quoted string": 's = """\n%matplotlib inline\n!pip install x\nobj?\n"""\n',
    "triple-quoted single quotes": "s = '''\n%time\n  !ls\n'''.strip()\n",
    "docstring": 'def f():\n    """Doc.\n    %magic, !shell\n    """\n    return 1\n',
    "quote in a triple-quoted string": 's = """a "quote" \'\'\n%x"""\n',
    "escaped quotes": 'x = ("a\\")" \n     % 1)\n',
    "raw string": 'x = (r"\\d+(" \n     % 1)\n',
}


@pytest.mark.parametrize("cell", FORMATTING_CELLS.values(), ids=FORMATTING_CELLS.keys())
def test_percent_on_a_continuation_line_is_python(cell):
    cells = (IMPORT_F, cell + "%time step()\n" + BUGGY)
    line = len(cell.splitlines()) + 2
    assert found(*cells) == [("WCE101", 2, line)]
    assert_lines_kept(*cells)
    source = notebook.read(make_notebook(*cells)).source.splitlines()
    assert source[1 : line - 1] == cell.splitlines()  # kept as it is
    assert source[line - 1] == "pass"


def test_magics_that_start_logical_lines_are_still_pass():
    cell = (
        "for i in range(3):\n"
        '    msg = ("%d"\n'
        "           % i)\n"
        "    %time step()\n"
        "files = !ls\n"
        "F.softmax?\n"
        "!pip install \\\n"
        "    torch\n" + BUGGY
    )
    assert found(IMPORT_F, cell) == [("WCE101", 2, 9)]
    source = notebook.read(make_notebook(IMPORT_F, cell)).source.splitlines()
    assert source[1:] == [
        "for i in range(3):",
        '    msg = ("%d"',
        "           % i)",
        "    pass",
        "pass",
        "pass",
        "pass",
        "",
        BUGGY.strip(),
    ]


@pytest.mark.parametrize(
    ("cell", "line"),
    [
        ('msg = ("%d"\n       % 1)\nx = 1\ndef f(:\n', 4),
        ('msg = ("%d"\n       % 1)\nx = 1)\n%time y\n', 3),
        ('msg = ("%d"\n       % 1)\n%time y\nx = (1,\n     % 2\n', 4),
    ],
)
def test_syntax_error_after_formatting_is_located(cell, line):
    assert found(IMPORT_F, cell) == [("WCE001", 2, line)]


@pytest.mark.parametrize(
    ("cell", "line"),
    [
        ("print((1)\n%time x\n", 1),  # never closed
        ("x = 1)\n%time x\n", 1),  # stray closing bracket
        ("x = 'abc\n%time x\n", 1),  # single-quoted string left open
        ('x = """abc\n%time x\n', 1),  # triple-quoted string left open
        ("x = 1 \\ + 2\n%time x\n", 1),  # backslash before the end of the line
        ("x = 1 + \\\n", 1),  # backslash on the last line
    ],
)
def test_a_cell_that_does_not_scan_is_read_line_by_line(cell, line):
    assert found(IMPORT_F, cell) == [("WCE001", 2, line)]
    assert_lines_kept(IMPORT_F, cell)


def test_many_lines_are_read_quickly():
    block = (
        "for i in range(3):\n"
        "    %time step()\n"
        '    msg = ("a %d"\n'
        "        % i)\n"
        "s = '''\n!x\n'''\n"
    )
    cell = "from __future__ import annotations\n" + block * 20
    text = make_notebook(*[cell] * 200)
    start = time.perf_counter()
    book = notebook.read(text)
    assert time.perf_counter() - start < 5  # about 0.1 s
    assert len(book.cells) == 200 * (7 * 20 + 1)
    compile(book.source, "nb.ipynb", "exec", dont_inherit=True)

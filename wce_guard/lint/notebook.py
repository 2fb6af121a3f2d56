"""Jupyter notebooks: their code cells as one module, and lines mapped back to cells.

The cells are joined in order, so a value made in one cell is followed into the next. IPython
syntax that is not Python (``%magic``, ``!shell``, ``x = !cmd``, ``obj?``, ``%%cell`` magics)
becomes ``pass`` at the same indentation (a whole ``%%`` cell becomes blank lines), which
keeps every other line where it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# %magic, !shell, ?help, x = !cmd, x = %magic, obj? and obj??
_IPYTHON_LINE = re.compile(r"^\s*(?:[%!?]|[\w.]+\s*=\s*[%!]|[\w.]+\?{1,2}\s*$)")


class NotebookError(ValueError):
    """The file is not a notebook we can read; the message says why."""


@dataclass(frozen=True)
class Notebook:
    source: str  # the code cells as one module
    cells: tuple[tuple[int, int], ...]  # per module line (0-based): (cell, line), both 1-based

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
    for number, cell in enumerate(document["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        cell_lines = text.splitlines() or [""]
        is_cell_magic = cell_lines[0].lstrip().startswith("%%")
        for line_number, line in enumerate(cell_lines, start=1):
            lines.append("" if is_cell_magic else _python_line(line))
            cells.append((number, line_number))
    return Notebook("\n".join(lines) + "\n", tuple(cells) or ((1, 1),))


def _python_line(line: str) -> str:
    if _IPYTHON_LINE.match(line):
        indent = line[: len(line) - len(line.lstrip())]
        return f"{indent}pass"
    return line

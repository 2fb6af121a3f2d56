"""wce-guard as a flake8 plugin (entry point ``WCE`` in ``flake8.extension``), for teams that
run flake8, as TorchFix offers one.

flake8 gives each file to the checker; it is linted alone (a finding that needs another file
of the project is found by ``wce-guard lint`` only), with the rules its ``[tool.wce-guard]``
selects; flake8's own select, ignore and ``# noqa`` apply on top.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import ClassVar

from wce_guard import __version__


class Checker:
    name: ClassVar[str] = "wce-guard"
    version: ClassVar[str] = __version__

    def __init__(self, tree: object, filename: str, lines: list[str]) -> None:
        self._filename = filename
        self._text = "".join(lines)

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        """(line, 0-based column, "CODE message", checker) for each finding in the file."""
        from wce_guard.lint import engine

        codes = _configuration().settings_for(self._filename).codes_for(self._filename)
        # WCE001 is flake8's own E999; suppressions are flake8's to judge.
        codes -= {"WCE001", "WCE002", "WCE003"}
        result = engine.lint_text(self._text, self._filename, codes, check_suppressions=False)
        for d in result.diagnostics:
            if d.path == self._filename:
                yield d.line, d.column - 1, f"{d.code} {d.message}", type(self)


@functools.cache
def _configuration():
    """One for the flake8 run: each folder's configuration is read once."""
    from wce_guard.lint import Configuration

    return Configuration()

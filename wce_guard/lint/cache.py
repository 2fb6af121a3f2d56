"""Results of files already linted, keyed by everything they depend on.

A key is a hash of the file's bytes, the path it is reported under, the rules that apply to
it and the tool's version, so any change to one of them misses. Entries are written to a
temporary file and renamed into place: a reader never sees half an entry, and two runs at
once at worst both write the same entry. A corrupt or unreadable entry is a miss.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path

from wce_guard import __version__
from wce_guard.lint.rule import Diagnostic

FOLDER_NAME = ".wce_guard_cache"


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder / f"v{__version__}"

    @staticmethod
    def key(data: bytes, *context: str) -> str:
        """The key of a result computed from ``data`` (a file's bytes) and ``context`` (its
        path, its rules, what other files of the run tell about it)."""
        digest = hashlib.sha256()
        digest.update("\0".join([__version__, *context, ""]).encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str):
        """The JSON value stored under ``key``, or None."""
        try:
            return json.loads((self.folder / key[:2] / key[2:]).read_text())
        except (OSError, ValueError):
            return None

    def get_result(self, key: str) -> tuple[list[Diagnostic], list[tuple[str, int, str]]] | None:
        """The findings and the suppressions used (``suppressions.Mark``) stored under
        ``key``, or None."""
        entry = self.get(key)
        try:
            if entry is None:
                return None
            diagnostics = [
                Diagnostic(**{**found, "related": tuple(map(tuple, found.get("related", ())))})
                for found in entry["diagnostics"]
            ]
            return diagnostics, [(path, line, code) for path, line, code in entry["used"]]
        except (TypeError, AttributeError, KeyError, ValueError):
            return None

    def put_result(
        self, key: str, diagnostics: list[Diagnostic], used: list[tuple[str, int, str]]
    ) -> None:
        self.put(key, {"diagnostics": [dataclasses.asdict(d) for d in diagnostics], "used": used})

    def put(self, key: str, value) -> None:
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(self.folder.parent)
            text = json.dumps(value)
            with tempfile.NamedTemporaryFile(
                "w", dir=folder, prefix=".tmp-", delete=False, encoding="utf-8"
            ) as file:
                file.write(text)
            os.replace(file.name, folder / key[2:])
        except OSError:
            pass  # a cache that cannot be written is only slower


def _ignore_in_git(folder: Path) -> None:
    marker = folder / ".gitignore"
    if not marker.exists():
        marker.write_text("# created by wce-guard\n*\n")

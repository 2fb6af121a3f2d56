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

    def get_diagnostics(self, key: str) -> list[Diagnostic] | None:
        entries = self.get(key)
        try:
            if entries is None:
                return None
            return [
                Diagnostic(**{**entry, "related": tuple(map(tuple, entry.get("related", ())))})
                for entry in entries
            ]
        except (TypeError, AttributeError):
            return None

    def put_diagnostics(self, key: str, diagnostics: list[Diagnostic]) -> None:
        self.put(key, [dataclasses.asdict(d) for d in diagnostics])

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

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
    def key(data: bytes, display: str, codes: frozenset[str]) -> str:
        digest = hashlib.sha256()
        digest.update(f"{__version__}\0{display}\0{','.join(sorted(codes))}\0".encode())
        digest.update(data)
        return digest.hexdigest()

    def get(self, key: str) -> list[Diagnostic] | None:
        try:
            entries = json.loads((self.folder / key[:2] / key[2:]).read_text())
            return [Diagnostic(**entry) for entry in entries]
        except (OSError, ValueError, TypeError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(self.folder.parent)
            text = json.dumps([dataclasses.asdict(d) for d in diagnostics])
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

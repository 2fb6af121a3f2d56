"""What git ignores, so that a folder walk skips it as ruff's does.

Inside a git repository (a folder above holds ``.git``), a path is ignored by the last
pattern that matches it in the closest ``.gitignore`` that has one, from the path's own
folder up to the repository's root, then in ``.git/info/exclude``; ``!pattern`` takes a
path back. The pattern syntax is git's (``gitignore(5)``): ``*``, ``?``, ``[...]``, ``**``,
a trailing ``/`` for folders only, a ``/`` elsewhere anchoring the pattern to its file's
folder. The user's global excludes file (``core.excludesFile``) is not read. The walk does
not enter an ignored folder, which is how git ignores what is under it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    negated: bool
    folders_only: bool
    anchored: bool  # matched against the path from the file's folder, else its last name


class GitIgnore:
    """Answers "does git ignore this path?", reading each ignore file once."""

    def __init__(self) -> None:
        self._repositories: dict[Path, Path | None] = {}
        self._patterns: dict[Path, tuple[_Pattern, ...]] = {}

    def ignores(self, path: Path, is_folder: bool) -> bool:
        path = Path(os.path.abspath(path))
        root = self._repository(path.parent)
        if root is None:
            return False
        folder = path.parent
        while True:
            verdict = _verdict(self._read(folder / ".gitignore"), path, folder, is_folder)
            if verdict is not None:
                return verdict
            if folder == root:
                break
            folder = folder.parent
        exclude = root / ".git" / "info" / "exclude"
        return bool(_verdict(self._read(exclude), path, root, is_folder))

    def _repository(self, folder: Path) -> Path | None:
        """The root of the git repository ``folder`` is in (where ``.git`` is), or None."""
        if folder not in self._repositories:
            if (folder / ".git").exists():
                self._repositories[folder] = folder
            elif folder.parent == folder:
                self._repositories[folder] = None
            else:
                self._repositories[folder] = self._repository(folder.parent)
        return self._repositories[folder]

    def _read(self, file: Path) -> tuple[_Pattern, ...]:
        if file not in self._patterns:
            try:
                text = file.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self._patterns[file] = tuple(filter(None, map(_parse, text.splitlines())))
        return self._patterns[file]


def _verdict(patterns: tuple[_Pattern, ...], path: Path, base: Path, is_folder: bool):
    """True (ignored), False (taken back by ``!``) or None (no pattern of the file matches)."""
    relative = path.relative_to(base).as_posix()
    for pattern in reversed(patterns):
        if pattern.folders_only and not is_folder:
            continue
        subject = relative if pattern.anchored else path.name
        if pattern.regex.fullmatch(subject):
            return not pattern.negated
    return None


def _parse(line: str) -> _Pattern | None:
    if not line.strip() or line.startswith("#"):
        return None
    # Trailing spaces are dropped unless escaped with a backslash.
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    line = stripped
    negated = line.startswith("!")
    if negated or line.startswith(("\\!", "\\#")):
        line = line[1:]
    folders_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    line = line.removeprefix("/")
    return _Pattern(re.compile(_translate(line)), negated, folders_only, anchored)


def _translate(glob: str) -> str:
    """A gitignore glob as a regular expression over a /-separated path."""
    out, i, n = [], 0, len(glob)
    while i < n:
        if glob.startswith("**/", i) and (i == 0 or glob[i - 1] == "/"):
            out.append("(?:.*/)?")  # any number of folders, none included
            i += 3
        elif glob.startswith("/**", i) and i + 3 == n:
            out.append("/.*")  # everything inside
            i += 3
        elif glob[i] == "*":
            while i < n and glob[i] == "*":  # other runs of asterisks are one asterisk
                i += 1
            out.append("[^/]*")
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[":
            end = i + 1
            if end < n and glob[end] in "!^":
                end += 1
            if end < n and glob[end] == "]":
                end += 1
            end = glob.find("]", end)
            if end == -1:
                out.append(re.escape("["))
                i += 1
                continue
            content = glob[i + 1 : end].replace("\\", "\\\\")
            if content[:1] in "!^":
                content = "^" + content[1:]
            out.append(f"[{content}]")
            i = end + 1
        elif glob[i] == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)

"""One file linted as part of its project, as an editor needs it: with the other Python files
under the configuration's folder, which the analysis loads when the file imports names from
them (as in a ``wce-guard lint`` run over the project), read from the editor where it holds
a text not saved yet."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from wce_guard.lint.analysis.program import Program
from wce_guard.lint.config import Configuration, Settings
from wce_guard.lint.engine import LintError, decode, discover
from wce_guard.lint.prefilter import implied_by_imports


def project_files(settings: Settings) -> list[str]:
    """The Python files a ``wce-guard lint`` run in the configuration's folder lints (each
    with its own closest configuration, as there), as paths relative to it."""
    root = settings.root.resolve()
    return [
        str(file.resolve().relative_to(root))
        for _, file in discover([str(root)], Configuration())
        if file is not None and file.suffix in (".py", ".pyi")
    ]


def program_for(
    display: str,
    text: str,
    settings: Settings,
    files: Iterable[str],
    unsaved: Callable[[str], str | None],
) -> tuple[Program, str]:
    """The program that ``text``, the file ``display`` (relative to ``settings.root``), is
    linted in with the project's ``files``, and the trigger words of the files it imports
    names from (``lint_text``'s ``implied``). ``unsaved(display)``: the editor's text of a
    file, or None to read it from disk."""

    def read(other: str) -> str | None:
        if other == display:
            return text
        found = unsaved(other)
        if found is not None:
            return found
        try:
            return decode((settings.root / other).read_bytes(), other)[0]
        except (OSError, LintError):
            return None

    program = Program([*files, display], read)
    return program, implied_by_imports(program, display, settings.codes_for(display))

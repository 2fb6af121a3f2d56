"""``wce-guard server``: the linter as a Language Server Protocol server, for editors.

It speaks JSON-RPC on standard input and output (pygls, the ``server`` extra; this module is
imported only by that command, so that ``wce-guard lint`` neither needs nor loads pygls). A
Python document is linted when it is opened, changed and saved, with the settings that
``wce-guard lint`` uses for its path, as part of its project (``project.py``: values are
followed into the files it imports names from, read from the editor when they are open), and
its findings are published as diagnostics; when a file is saved, the other open files are
linted again. Code actions: each finding's fix and a ``# noqa`` for it (quick fixes), and all
fixes of the file (``source.fixAll.wce-guard``). Hovering over a finding shows its rule's
documentation.

The findings a document's values lead to in another file (a helper that computes the loss)
are not published: that file's own findings are. Notebooks and their cells are not linted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import PositionCodec, TextDocument

from wce_guard import __version__
from wce_guard.lint.analysis.program import Program
from wce_guard.lint.config import ConfigError, Settings, load
from wce_guard.lint.engine import fix_one, lint_file
from wce_guard.lint.noqa import LINE, with_noqa
from wce_guard.lint.project import program_for, project_files
from wce_guard.lint.rule import Diagnostic
from wce_guard.lint.rules import BY_CODE

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.wce-guard"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Linted:
    """One text of a document and its findings, each with its LSP diagnostic."""

    text: str
    display: str  # the path findings are reported for, as ``wce-guard lint`` shows it
    settings: Settings
    program: Program  # the project's files, as the analysis of this text loaded them
    implied: str  # the trigger words of the files it imports names from (the prefilter's)
    findings: tuple[tuple[Diagnostic, types.Diagnostic], ...]


class WceGuardServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("wce-guard", __version__)
        self._linted: dict[str, Linted] = {}
        self._files: dict[Path, list[str]] = {}  # each project's Python files
        self._shown_errors: set[str] = set()
        self.shut_down = False  # the editor asked for shutdown before exit (or hang-up)

    def linted(self, uri: str) -> Linted | None:
        """The findings of the document's current text (linted again only when it changed);
        None for a document that is not linted."""
        document = self.workspace.get_text_document(uri)
        known = self._linted.get(uri)
        if known is not None and known.text == document.source:
            return known
        linted = self._lint(document)
        if linted is None:
            self._linted.pop(uri, None)
        else:
            self._linted[uri] = linted
        return linted

    def publish(self, uri: str, *, relint: bool = False) -> None:
        """Publish the document's findings; with ``relint``, lint it even if its text is
        the same (the configuration, or a file it imports from, may have changed)."""
        if relint:
            self._linted.pop(uri, None)
        linted = self.linted(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=self.workspace.get_text_document(uri).version,
                diagnostics=[lsp for _, lsp in linted.findings] if linted else [],
            )
        )

    def saved(self, uri: str) -> None:
        """A saved file may be new, or be one that the other open files import from: each
        is linted again, with the project's files found again."""
        self._files.clear()
        for other in [uri, *(known for known in self._linted if known != uri)]:
            self.publish(other, relint=True)

    def forget(self, uri: str) -> None:
        self._linted.pop(uri, None)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    def _lint(self, document: TextDocument) -> Linted | None:
        scheme = document.uri.partition(":")[0]
        path = to_fs_path(document.uri) if scheme == "file" else None
        python = document.language_id == "python" or (path or "").endswith((".py", ".pyi"))
        # Files and unsaved buffers: not notebooks or their cells (a cell is not a module),
        # nor the old text of a file in a diff view.
        if scheme not in ("file", "untitled") or not python or (path or "").endswith(".ipynb"):
            return None
        try:
            settings = load(Path(path) if path is not None else Path.cwd())
        except ConfigError as error:
            self._show_error(str(error))
            return None
        display = _display(path, settings) if path is not None else document.uri
        text = document.source
        root = settings.root.resolve()
        if root not in self._files:
            self._files[root] = project_files(settings)
        program, implied = program_for(
            display, text, settings, self._files[root], self._unsaved(settings).get
        )
        if path is not None and settings.is_excluded(Path(display)):
            return Linted(text, display, settings, program, implied, ())
        result = lint_file(display, text, settings.codes_for(display), False, program, implied)
        if result.error is not None:
            self._show_error(f"wce-guard: {display}: internal error: {result.error}")
            return None

        def lines(place: str) -> list[str]:
            return _LINE_BREAK.split(program.text(place) or "")

        def uri(place: str) -> str:
            return document.uri if place == display else (root / place).as_uri()

        codec = self.workspace.position_codec
        findings = tuple(
            (d, _diagnostic(d, uri, lines, codec))
            for d in result.diagnostics
            if d.path == display  # not those in the files it imports from: theirs to show
        )
        return Linted(text, display, settings, program, implied, findings)

    def _unsaved(self, settings: Settings) -> dict[str, str]:
        """The editor's texts of the open files, by their path in the project."""
        return {
            _display(path, settings): document.source
            for uri, document in self.workspace.text_documents.items()
            if uri.startswith("file:") and (path := to_fs_path(uri)) is not None
        }

    def _show_error(self, message: str) -> None:
        """Shown once (a document is linted at every keystroke), and logged each time."""
        self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
        if message not in self._shown_errors:
            self._shown_errors.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, message))


def _display(path: str, settings: Settings) -> str:
    """The path relative to the configuration's folder, as a ``wce-guard lint`` run there
    names it and as ``exclude`` and ``per-file-ignores`` patterns are written."""
    try:
        return str(Path(path).resolve().relative_to(settings.root.resolve()))
    except ValueError:
        return path


def _diagnostic(
    d: Diagnostic,
    uri: Callable[[str], str],
    lines: Callable[[str], Sequence[str]],
    codec: PositionCodec,
) -> types.Diagnostic:
    """``uri`` and ``lines`` of a path of the project (the finding's or a related place's)."""
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri(path), _range(lines(path), codec, line, column, line, column)
            ),
            message=label,
        )
        for label, path, line, column in d.related
    ]
    return types.Diagnostic(
        range=_range(lines(d.path), codec, d.line, d.column, d.end_line, d.end_column),
        message=d.message,
        severity=(
            types.DiagnosticSeverity.Error
            if d.code == "WCE001"
            else types.DiagnosticSeverity.Warning
        ),
        code=d.code,
        source="wce-guard",
        related_information=related or None,
    )


def _range(
    lines: Sequence[str], codec: PositionCodec, line: int, column: int, end_line: int, end: int
) -> types.Range:
    return types.Range(
        start=_position(lines, codec, line, column), end=_position(lines, codec, end_line, end)
    )


def _position(lines: Sequence[str], codec: PositionCodec, line: int, column: int) -> types.Position:
    """A 1-based line and column in characters as an LSP position: 0-based, the column in
    the code units the client and server agreed on (UTF-16 unless it says otherwise)."""
    text = lines[line - 1] if line <= len(lines) else ""
    return types.Position(line=line - 1, character=codec.client_num_units(text[: column - 1]))


def _edit(uri: str, old: str, new: str, codec: PositionCodec) -> types.WorkspaceEdit:
    """The change from ``old`` to ``new`` as edits of whole lines, so that the text outside
    what a fix changes (and the editor's marks in it) stays as it is."""
    before, after = LINE.findall(old), LINE.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits = [
        types.TextEdit(
            range=types.Range(
                start=_line_start(before, first, codec), end=_line_start(before, last, codec)
            ),
            new_text="".join(after[start:stop]),
        )
        for tag, first, last, start, stop in matcher.get_opcodes()
        if tag != "equal"
    ]
    return types.WorkspaceEdit(changes={uri: edits})


def _line_start(lines: Sequence[str], index: int, codec: PositionCodec) -> types.Position:
    """Where line ``index`` (0-based) starts; past the last line, where the text ends."""
    if index < len(lines) or not lines or lines[-1].endswith(("\n", "\r")):
        return types.Position(line=index, character=0)
    return types.Position(line=len(lines) - 1, character=codec.client_num_units(lines[-1]))


def _action(
    title: str,
    kind: str,
    uri: str,
    linted: Linted,
    new: str,
    diagnostics: Iterable[types.Diagnostic],
    codec: PositionCodec,
    *,
    preferred: bool = False,
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=kind,
        diagnostics=list(diagnostics),
        edit=_edit(uri, linted.text, new, codec),
        is_preferred=preferred or None,
    )


def _key(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def _contains(range: types.Range, at: tuple[int, int]) -> bool:
    return _key(range.start) <= at <= _key(range.end)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return _key(a.start) <= _key(b.end) and _key(b.start) <= _key(a.end)


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether the client asked for actions of ``kind``: kinds are hierarchical (``source``
    includes ``source.fixAll.wce-guard``)."""
    return only is None or any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def code_actions(server: WceGuardServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """For each finding in the range, its fix and a ``# noqa``; all of the file's fixes when
    the range has a fixable finding or the client asks for ``source.fixAll``."""
    uri = params.text_document.uri
    linted = server.linted(uri)
    if linted is None:
        return []
    codec = server.workspace.position_codec
    only = params.context.only
    touched = [(d, lsp) for d, lsp in linted.findings if _overlaps(lsp.range, params.range)]
    actions = []
    quick = types.CodeActionKind.QuickFix
    if _wanted(quick, only):
        for d, lsp in touched:
            fixed = fix_one(linted.text, linted.display, d, linted.program)
            if fixed is not None:
                title = f"Fix {d.code} ({d.name})"
                fix = _action(title, quick, uri, linted, fixed, [lsp], codec, preferred=True)
                actions.append(fix)
            suppressed = with_noqa(linted.text, d)
            if suppressed is not None:
                title = f"Suppress {d.code} with # noqa"
                actions.append(_action(title, quick, uri, linted, suppressed, [lsp], codec))
    asked = only is not None and _wanted(FIX_ALL, only)
    if asked or (only is None and any(d.fixable for d, _ in touched)):
        program, implied, settings = linted.program, linted.implied, linted.settings
        codes = settings.codes_for(linted.display)
        result = lint_file(linted.display, linted.text, codes, True, program, implied)
        if result.fixed is not None:
            fixable = [lsp for d, lsp in linted.findings if d.fixable]
            title = "Fix all wce-guard findings"
            actions.append(_action(title, FIX_ALL, uri, linted, result.fixed, fixable, codec))
    return actions


def hover(server: WceGuardServer, params: types.HoverParams) -> types.Hover | None:
    """The documentation of the rules of the findings under the cursor."""
    linted = server.linted(params.text_document.uri)
    if linted is None:
        return None
    at = _key(params.position)
    under = [lsp for _, lsp in linted.findings if _contains(lsp.range, at)]
    if not under:
        return None
    codes = dict.fromkeys(str(lsp.code) for lsp in under)  # each rule once, in order
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown,
            value="\n\n---\n\n".join(BY_CODE[code].docs() for code in codes),
        ),
        range=under[0].range,
    )


def create_server() -> WceGuardServer:
    server = WceGuardServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(server: WceGuardServer, params: types.DidOpenTextDocumentParams) -> None:
        server.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(server: WceGuardServer, params: types.DidChangeTextDocumentParams) -> None:
        server.publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(server: WceGuardServer, params: types.DidSaveTextDocumentParams) -> None:
        server.saved(params.text_document.uri)

    @server.feature(types.SHUTDOWN)
    def shutdown(server: WceGuardServer, params: None) -> None:
        server.shut_down = True

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(server: WceGuardServer, params: types.DidCloseTextDocumentParams) -> None:
        server.forget(params.text_document.uri)

    server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )(code_actions)
    server.feature(types.TEXT_DOCUMENT_HOVER)(hover)
    return server


def serve() -> int:
    """Serve one editor on standard input and output until it says exit; the exit status
    the protocol asks for: 0 after a shutdown request, else 1."""
    server = create_server()
    server.start_io()
    return 0 if server.shut_down else 1

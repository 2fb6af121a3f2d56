"""The files of a lint run, as modules the analysis loads when it first needs them.

A model is often defined in ``models.py`` and trained in ``train.py``; a helper that computes
the loss lives in ``utils.py``. When the evaluator meets a name imported from a module of the
run (``from models import Net``, ``import utils``, ``from .losses import FocalLoss``), the
program parses that file (once) and answers from its ``Facts``. A file that the analysis
never asks about is never parsed.

Module names come from display paths: ``src/pkg/models.py`` is ``src.pkg.models``,
``pkg.models`` and ``models``, whichever an import spells; a name that two files of the run
could both be is left unknown.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

from wce_guard.lint.analysis.values import Kind, Value
from wce_guard.lint.parsing import parse_module

if TYPE_CHECKING:
    import ast

    from wce_guard.lint.analysis.facts import Facts
    from wce_guard.lint.analysis.walk import Class

_AMBIGUOUS = ""
_MAX_DEPTH = 64  # steps through re-exports (as the evaluator's bound on one question)


def module_parts(display: str) -> tuple[str, ...]:
    """``src/pkg/models.py`` -> ("src", "pkg", "models"); a package's ``__init__`` is the
    package itself."""
    path = PurePath(display)
    parts = [part for part in path.parent.parts if part not in ("/", ".", "..")]
    if path.stem != "__init__":
        parts.append(path.stem)
    return tuple(parts)


def package_of(display: str) -> tuple[str, ...]:
    """The package relative imports in ``display`` start from."""
    parts = module_parts(display)
    return parts if PurePath(display).stem == "__init__" else parts[:-1]


class Program:
    def __init__(self, displays: Iterable[str], read: Callable[[str], str | None]) -> None:
        """``displays``: the run's Python files; ``read(display)``: a file's text, or None
        when it cannot be read."""
        self._read = read
        self._by_name: dict[str, str] = {}
        for display in displays:
            if not display.endswith((".py", ".pyi")):
                continue
            parts = module_parts(display)
            for start in range(len(parts)):
                name = ".".join(parts[start:])
                known = self._by_name.get(name)
                self._by_name[name] = display if known in (None, display) else _AMBIGUOUS
        self._facts: dict[str, Facts | None] = {}
        self._texts: dict[str, str | None] = {}
        self._sources: dict[tuple[str, bool], list[str]] = {}
        self._import_lists: dict[str, list[tuple[str, str | None, str]]] = {}
        self._definitions: dict[str, Value | None] = {}
        self._read_classes: dict[str, Class | None] = {}
        self._headers: dict[str, dict[str, str]] = {}
        self._roots = {name.split(".")[0] for name in self._by_name}

    @classmethod
    def alone(cls, facts: Facts) -> Program:
        """A program of one module."""
        program = cls((), lambda display: None)
        program._facts[facts.display] = facts
        return program

    def unit(self, display: str, text: str, module: ast.Module) -> Facts:
        """The ``Facts`` of the file being linted: the one already loaded when its text is
        the same (its memos stay valid), else a new one; one that replaces another (fixed
        text) makes every module forget what it evaluated."""
        from wce_guard.lint.analysis.facts import Facts

        known = self._facts.get(display)
        if known is not None and self._texts.get(display) == text:
            return known
        facts = Facts(module, package=package_of(display), display=display, program=self)
        parts = module_parts(display)
        for start in range(len(parts)):  # a file not in the run (standard input)
            self._by_name.setdefault(".".join(parts[start:]), display)
            self._roots.add(parts[start])
        if display in self._facts:  # fixed text: what was evaluated may have read the old
            for other in self.modules():
                other.forget()
            self._definitions.clear()
            self._read_classes.clear()
        self._facts[display] = facts
        self._texts[display] = text
        return facts

    def parsed(self, display: str, text: str) -> ast.Module | None:
        """The syntax tree of ``display`` when the analysis loaded it already with this
        text (a file another one imports): parsing is most of the cost of a lint."""
        facts = self._facts.get(display)
        if facts is None or self._texts.get(display) != text:
            return None
        return facts.module

    def dependencies(self, display: str) -> list[str]:
        """Every file of the run the analysis of ``display`` may load: where the names it
        imports are defined, where the names those files import are defined, and so on (the
        cache key of its result, read from import statements, before anything is parsed)."""
        found: set[str] = set()
        pending = [display]
        while pending:
            for other in self.sources(pending.pop()):
                if other not in found and other != display:
                    found.add(other)
                    pending.append(other)
        return sorted(found)

    def sources(self, display: str, *, used: bool = False) -> list[str]:
        """The files of the run where the names ``display`` imports are defined: a module it
        imports, or for ``from pkg import Net`` the file ``pkg/__init__.py`` re-exports
        ``Net`` from. With ``used``, only for the names the file calls, reads attributes of
        (``Net(...)``, ``utils.fit(...)``) or derives its classes from (the base's methods
        run with them: its ``fit`` may build the loss), not those it only annotates with:
        for the prefilter, the words that matter are where the model, the helper or the loss
        a file uses is defined."""
        key = (display, used)
        known = self._sources.get(key)
        if known is None:
            text = self.text(display) or ""
            bases = set(_WORD.findall(" ".join(
                h.partition("(")[2] for h in self._class_headers(display).values())))  # fmt: skip
            found: set[str] = set()
            for module, name, bound in self._imports(display):
                if module.split(".")[0] not in self._roots:
                    continue  # a library's module
                if name == "*":  # from module import *: any of its names
                    found |= self._defining(module, None, 0)
                elif not used or _is_used(bound, text) or bound in bases:
                    found |= self._defining(module, name, 0)
            found.discard(display)
            known = self._sources[key] = sorted(found)
        return known

    def _imports(self, display: str) -> list[tuple[str, str | None, str]]:
        known = self._import_lists.get(display)
        if known is None:
            text = self.text(display)
            package = package_of(display)
            known = self._import_lists[display] = [
                (self.located(package, module), name, bound)
                for module, name, bound in (imports(display, text) if text else [])
            ]
        return known

    def located(self, package: tuple[str, ...], module: str) -> str:
        """The module an absolute import in ``package`` names: a file of the run beside the
        importing one (a script's folder comes first on Python's path, and Python 2 imported
        a package's siblings so), else the module named."""
        if package:
            beside = ".".join((*package, module))
            if self._by_name.get(beside):
                return beside
        return module

    def _defining(self, module: str, name: str | None, depth: int) -> set[str]:
        """The files that define ``module.name``: a submodule, the module, or the module a
        package's ``__init__`` imports the name from."""
        if name is not None and self._by_name.get(f"{module}.{name}"):
            return {self._by_name[f"{module}.{name}"]}
        display = self._by_name.get(module)
        if not display:
            return set()
        if name is None or not display.endswith("__init__.py") or depth > 8:
            return {display}
        reexported = {
            found
            for source, imported, bound in self._imports(display)
            if bound == name
            for found in self._defining(source, imported, depth + 1)
        }
        return reexported or {display}

    def text(self, display: str) -> str | None:
        if display not in self._texts:
            self._texts[display] = self._read(display)
        return self._texts[display]

    def module(self, name: str) -> Facts | None:
        display = self._by_name.get(name)
        if not display:
            return None
        if display not in self._facts:
            self._facts[display] = self._load(display)
        return self._facts[display]

    def definition(self, qualified: str, depth: int) -> Value | None:
        """What a dotted name defined in a module of the run holds: ``models.Net`` is the
        class ``Net`` of ``models.py``; None for names of other libraries."""
        if qualified in self._definitions:
            return self._definitions[qualified]
        if depth > _MAX_DEPTH or qualified.split(".")[0] not in self._roots:
            return None  # deep re-exports of re-exports end unknown
        self._definitions[qualified] = None  # while it is looked up: a cycle is unknown
        found = self._unread_class(qualified) or self._definition(qualified, depth)
        self._definitions[qualified] = found
        return found

    def _unread_class(self, qualified: str) -> Value | None:
        """A class defined in a file not parsed yet, known from its text: most classes a
        module uses (``self.mlp = Mlp(...)``) are never called with anything that matters,
        and their file is then never parsed (``read_class`` reads it when it matters). A class
        whose bases name a loss is read at once: it may be that loss."""
        module, _, name = qualified.rpartition(".")
        display = self._by_name.get(module)
        if not display or display in self._facts:
            return None
        header = self._class_headers(display).get(name)
        if header is None or "oss" in header:
            return None
        return Value(Kind.CLASS, None, qualified=qualified)

    def read_class(self, qualified: str) -> Class | None:
        """The class an unread class value stands for, its file parsed."""
        if qualified not in self._read_classes:
            value = self._definition(qualified, 0)
            klass = value.of_class if value is not None and value.kind is Kind.CLASS else None
            self._read_classes[qualified] = klass
        return self._read_classes[qualified]

    def _class_headers(self, display: str) -> dict[str, str]:
        """A file's top-level ``class Name(bases):`` lines, read from its text."""
        known = self._headers.get(display)
        if known is None:
            text = self.text(display) or ""
            known = self._headers[display] = {
                match.group(1): match.group(0) for match in _CLASS.finditer(text)
            }
        return known

    def defines(self, qualified: str) -> bool:
        """Whether a dotted name may be defined by a file of the run (not by a library)."""
        parts = qualified.split(".")
        return parts[0] in self._roots and any(
            ".".join(parts[:cut]) in self._by_name for cut in range(1, len(parts))
        )

    def _definition(self, qualified: str, depth: int) -> Value | None:
        parts = qualified.split(".")
        if self._by_name.get(qualified):
            # a module of the run, whose names are read as its attributes; unless its
            # package's __init__ binds the name to what it imports from it (`from
            # .UNet3Plus import UNet3Plus` makes the package's UNet3Plus the class)
            package = self._by_name.get(".".join(parts[:-1]))
            source = self._reexported(package, parts[-1]) if package else None
            return self.definition(source, depth + 1) if source else None
        for cut in range(len(parts) - 1, 0, -1):
            display = self._by_name.get(".".join(parts[:cut]))
            if not display:
                continue
            source = self._reexported(display, parts[cut])
            if source is not None:  # go where the package imports it from, unparsed
                return self.definition(".".join([source, *parts[cut + 1 :]]), depth + 1)
            facts = self.module(".".join(parts[:cut]))
            if facts is None:
                continue
            value = facts.module_value(parts[cut], depth + 1)
            for attribute in parts[cut + 1 :]:
                value = facts._attribute(value, attribute, None, depth + 1)
            return value
        return None

    def _reexported(self, display: str, name: str) -> str | None:
        """For a name a package's ``__init__`` imports from one of the run's modules: that
        module's dotted name and the name there (read from the text: a large ``__init__``
        that only re-exports is never parsed)."""
        if not display.endswith("__init__.py"):
            return None
        for module, imported, bound in self._imports(display):
            if bound == name and imported is not None and self._by_name.get(module):
                return f"{module}.{imported}"
        return None

    def module_of(self, node: ast.AST) -> Facts | None:
        """The loaded module a call, division or product node belongs to."""
        for facts in self._facts.values():
            if facts is not None and facts.contains(node):
                return facts
        return None

    def modules(self) -> list[Facts]:
        return [facts for facts in self._facts.values() if facts is not None]

    def _load(self, display: str) -> Facts | None:
        from wce_guard.lint.analysis.facts import Facts

        text = self.text(display)
        if text is None:
            return None
        try:
            module = parse_module(text)
            return Facts(module, package=package_of(display), display=display, program=self)
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            return None


_WORD = re.compile(r"\w+")
_CLASS = re.compile(r"^class[ \t]+(\w+)[ \t]*(?:\([^)]*\))?[ \t]*:", re.M)
_PLAIN = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.M)
_FROM = re.compile(
    r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,*]*))", re.M
)


@functools.lru_cache(maxsize=4096)
def _use_of(name: str) -> re.Pattern:
    # the name first: a pattern that starts with a literal is searched for quickly
    return re.compile(rf"{re.escape(name)}\s*[(.[]")


def _is_used(name: str, text: str) -> bool:
    """Whether ``text`` calls ``name``, indexes it or reads an attribute of it."""
    for match in _use_of(name).finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        if not (before.isalnum() or before == "_"):
            return True
    return False


def imports(display: str, text: str) -> list[tuple[str, str | None, str]]:
    """What ``text`` imports, read from the text alone, relative imports resolved: (module,
    None, bound name) for ``import a.b`` (bound: ``a``) and ``import a.b as m`` (``m``);
    (module, name, bound name) for ``from a.b import name as other``."""
    found: list[tuple[str, str | None, str]] = []
    for line in _PLAIN.findall(text):
        for item in line.split(","):
            words = item.split("#")[0].split()
            if words:
                bound = words[2] if len(words) == 3 and words[1] == "as" else words[0].split(".")[0]
                found.append((words[0], None, bound))
    for dots, module, in_brackets, on_the_line in _FROM.findall(text):
        imported = in_brackets or on_the_line
        if dots:
            package = package_of(display)
            if len(dots) - 1 > len(package):
                continue
            base = package[: len(package) - (len(dots) - 1)]
            module = ".".join([*base, *([module] if module else [])])
        if not module:
            continue
        for item in imported.split(","):
            words = item.split("#")[0].split()
            if words:
                bound = words[2] if len(words) == 3 and words[1] == "as" else words[0]
                found.append((module, words[0], bound))
    return found

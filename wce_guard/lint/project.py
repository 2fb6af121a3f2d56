"""What one file of a lint run tells about another: the classes whose ``forward`` returns
softmax or sigmoid output.

A model is often defined in ``models.py`` and trained in ``train.py``. Before the files are
linted, this pass reads the files that other files of the run import from, finds their model
classes, and gives every file a table from qualified name (``models.Net``, ``pkg.models.Net``)
to what calling an instance returns. Cheap by construction: a file is parsed here only when
another file that calls a loss imports it, and it defines a class with a ``forward`` and an
activation; the result is cached by content.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import PurePath

_LOSS = re.compile(r"cross_entropy|CrossEntropyLoss|nll_loss|NLLLoss|binary_cross_entropy|BCE")
_PLAIN = re.compile(r"^[ \t]*import[ \t]+([\w., \t]+)", re.M)
_FROM = re.compile(
    r"^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]*))", re.M
)
_FORWARD = re.compile(r"\bdef\s+forward\b")
_ACTIVATION = re.compile(r"oftmax|igmoid")
# What the prefilter reads for a class name that returns this kind (see engine.py).
TRIGGER_WORDS = {"PROBABILITIES": "softmax", "SIGMOID": "sigmoid", "LOG_PROBABILITIES": "log"}


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


def imported_modules(display: str, text: str) -> set[str]:
    """Dotted names ``text`` imports: modules (``import a.b``) and names from modules
    (``from a.b import c`` gives ``a.b.c``, which may be a class or a module), relative
    imports resolved."""
    found = set()
    for line in _PLAIN.findall(text):
        found.update(item.split()[0] for item in line.split(",") if item.strip())
    for dots, module, in_brackets, on_the_line in _FROM.findall(text):
        imported = in_brackets or on_the_line
        if dots:
            package = package_of(display)
            if len(dots) - 1 > len(package):
                continue
            base = package[: len(package) - (len(dots) - 1)]
            module = ".".join([*base, *([module] if module else [])])
        found.update(f"{module}.{item.split()[0]}" for item in imported.split(",") if item.strip())
    return found


def exported_kinds(
    sources: list[tuple[str, str]], exports_of: Callable[[str, str], dict[str, str]]
) -> dict[str, str]:
    """Qualified class name -> kind name, for the classes other files of the run import.

    ``sources`` are (display, text) pairs; ``exports_of(display, text)`` parses one file and
    returns {class name: kind name} for its classes (``flow.Facts.exports``).
    """
    wanted: set[str] = set()
    for display, text in sources:
        if _LOSS.search(text):
            wanted |= imported_modules(display, text)
    if not wanted:
        return {}
    table: dict[str, str] = {}
    for display, text in sources:
        parts = module_parts(display)
        suffixes = [".".join(parts[i:]) for i in range(len(parts))]
        whole = any(suffix in wanted for suffix in suffixes)  # import models; models.Net()
        names = {q[len(s) + 1 :] for s in suffixes for q in wanted if q.startswith(s + ".")}
        if not whole and not names:
            continue
        if not (_FORWARD.search(text) and _ACTIVATION.search(text)):
            continue
        if not whole:
            classes = "|".join(re.escape(name) for name in sorted(names))
            if not re.search(rf"\bclass\s+(?:{classes})\b", text):
                continue
        for name, kind in exports_of(display, text).items():
            for suffix in suffixes:
                table[f"{suffix}.{name}"] = kind
    return table


def fingerprint(table: dict[str, str]) -> str:
    return hashlib.sha256(repr(sorted(table.items())).encode()).hexdigest()[:16]

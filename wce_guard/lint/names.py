"""Which library object a name stands for: ``F.softmax`` -> ``torch.nn.functional.softmax``.

A small pass of our own over a module's import statements and bindings, scope by scope,
instead of libcst's full scope analysis (the measured bottleneck of peer linters). It follows
Python's rules where they matter for finding torch names: function scopes see their enclosing
functions and the module but not class bodies; a name bound in a function anywhere (assignment,
parameter, ``for``, ``with``, ``def``) is local to the whole function; ``global`` and
``nonlocal`` defer to the scope that owns the name. A name that is both imported and assigned
in one scope resolves to nothing: precision first.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from wce_guard.loss_table import ALIASES

# Other spellings of the same object -> the name rules ask for.
_CANONICAL = {
    "torch.softmax": "torch.nn.functional.softmax",
    "torch.special.softmax": "torch.nn.functional.softmax",
    "torch.log_softmax": "torch.nn.functional.log_softmax",
    "torch.special.log_softmax": "torch.nn.functional.log_softmax",
    "torch.sigmoid": "torch.nn.functional.sigmoid",
    "torch.special.expit": "torch.nn.functional.sigmoid",
    "torch.nn.modules.activation.Softmax": "torch.nn.Softmax",
    "torch.nn.modules.activation.LogSoftmax": "torch.nn.LogSoftmax",
    "torch.nn.modules.activation.Sigmoid": "torch.nn.Sigmoid",
    "torch.nn.modules.container.Sequential": "torch.nn.Sequential",
    "torch.nn.modules.activation.Softmax2d": "torch.nn.Softmax2d",
    "torch.nn.modules.container.ModuleList": "torch.nn.ModuleList",
    "torch.nn.modules.container.ModuleDict": "torch.nn.ModuleDict",
    **ALIASES,  # wce-guard's checked losses are the same losses
}

_LOCAL = ""  # a binding that is not an import: the name holds a value of its own


def canonical(qualified: str) -> str:
    return _CANONICAL.get(qualified, qualified)


@dataclass(eq=False)
class Scope:
    """The names one module, class or function body binds."""

    kind: str  # "module", "class" or "function"
    parent: Scope | None
    bindings: dict[str, set[str]] = field(default_factory=dict)  # name -> qualified or _LOCAL
    stars: list[str] = field(default_factory=list)  # modules imported with `import *`
    deferred: set[str] = field(default_factory=set)  # declared global or nonlocal

    def bind_import(self, name: str, qualified: str) -> None:
        self.bindings.setdefault(name, set()).add(qualified)

    def bind_local(self, name: str) -> None:
        self.bindings.setdefault(name, set()).add(_LOCAL)

    def resolve(self, name: str) -> str | None:
        """The qualified name ``name`` stands for here, or None for a local value."""
        scope: Scope | None = self
        first = True
        while scope is not None:
            visible = first or scope.kind != "class"  # class bodies do not enclose functions
            if visible and name in scope.bindings and name not in scope.deferred:
                meanings = scope.bindings[name]
                if len(meanings) == 1 and _LOCAL not in meanings:
                    return next(iter(meanings))
                return None
            scope = scope.parent
            first = False
        return None


def qualified_name(expression: ast.expr, scope: Scope) -> str | None:
    """``torch.nn.functional.softmax`` for ``F.softmax`` after ``import torch.nn.functional as
    F``, canonicalised; None when the expression is not a dotted name of an import."""
    parts = []
    while type(expression) is ast.Attribute:
        parts.append(expression.attr)
        expression = expression.value
    if type(expression) is not ast.Name:
        return None
    base = scope.resolve(expression.id)
    if base is None:
        return None
    return canonical(".".join([base, *reversed(parts)]))


def bind_import(
    scope: Scope,
    node: ast.Import | ast.ImportFrom,
    package: tuple[str, ...] = (),
    located: Callable[[str], str] = str,
) -> None:
    """Record the names an import statement binds in ``scope``. ``package`` is the dotted
    package of the module (for relative imports); without it they bind local values.
    ``located`` gives the module an absolute import names (a file beside this one, as a
    script imports it, or the module itself)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname is not None:
                scope.bind_import(alias.asname, located(alias.name))
            else:  # `import torch.nn.functional` binds `torch`
                top = alias.name.split(".")[0]
                scope.bind_import(top, located(top))
        return
    level = node.level or 0
    module = located(node.module) if node.module and not level else node.module
    if level:  # from ..models import Net: resolved against the module's own package
        base = (
            package[: len(package) - (level - 1)] if package and level - 1 <= len(package) else None
        )
        module = None if base is None else ".".join([*base, *([module] if module else [])])
    if any(alias.name == "*" for alias in node.names):
        if module:
            scope.stars.append(module)
        return
    for alias in node.names:
        name = alias.asname or alias.name
        if not module:
            scope.bind_local(name)  # a module we cannot name
        else:
            scope.bind_import(name, f"{module}.{alias.name}")

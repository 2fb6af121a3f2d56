"""The one walk over a module: its scopes, every binding of a name, functions, classes, calls.

What it records is syntax with its place: where each name is bound (and in which branch of
which ``if``), what each function returns, what each method sets on ``self``, which lists
grow by ``append``. ``facts.py`` evaluates it, lazily.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wce_guard.lint.names import Scope, bind_import

if TYPE_CHECKING:
    from wce_guard.lint.analysis.facts import Facts


@dataclass(frozen=True)
class Site:
    """A place in the code: its scope, its statement's order, and the branches around it."""

    scope: Scope
    order: int
    branches: tuple[ast.AST, ...]


ANY_ITEM = -(1 << 30)  # Binding.element of a comprehension's variable: any of the items
BUFFER = -(1 << 29)  # Binding.element of a module's buffer: the tensor, where the module is


@dataclass(frozen=True)
class Binding:
    order: int
    branches: tuple[ast.AST, ...]
    value: ast.AST | None  # None: a value we cannot know (a loop variable...)
    site: Site  # where ``value`` is evaluated (a parameter's default: where the def is)
    element: int | None = None  # the position in a tuple that was unpacked
    parameter: str | None = None  # for a parameter: its name


@dataclass(frozen=True)
class Arm:
    """One arm of an ``if``/``elif``/``else`` chain (or of a ``match``)."""

    head: ast.AST  # the chain's first ``if`` (or the ``match``)
    order: int  # the head's statement order: bindings before it reach every arm
    index: int
    tests: tuple[ast.expr | None, ...]  # this arm's test and those before it


@dataclass(frozen=True)
class Loop:
    node: ast.For | ast.AsyncFor
    site: Site  # where the for statement is: its iterable is read there


@dataclass(eq=False)
class Function:
    node: ast.FunctionDef | ast.AsyncFunctionDef
    scope: Scope
    facts: Facts | None = None  # the module it is defined in, set once the walk is over
    returns: list[tuple[ast.expr | None, Site]] = field(default_factory=list)
    self_name: str | None = None  # the first parameter of a method
    owner: Class | None = None
    parameters: tuple[str, ...] = ()  # positional parameters, in order
    keyword_only: tuple[str, ...] = ()
    calls: list[tuple[ast.Call, Site]] = field(default_factory=list)  # in its own body
    setter: bool = False  # a method that assigns a parameter to an attribute of self


@dataclass(eq=False)
class Class:
    node: ast.ClassDef
    site: Site  # where the class statement is: its bases are read there
    scope: Scope | None = None  # its body's scope (class attributes)
    facts: Facts | None = None
    methods: dict[str, Function] = field(default_factory=dict)
    attributes: dict[str, list[Binding]] = field(default_factory=dict)  # self.<name> = ...
    grown: dict[str, list] = field(default_factory=dict)  # self.<name>.append(...)


# Fields that hold no call and no binding: the walk does not enter them.
_SKIPPED_FIELDS = frozenset({"ctx", "type_comment", "type_ignores", "kind", "op", "ops"})
# Methods that add items: to a list, or a layer to an nn.Sequential
_GROWS = ("append", "extend", "insert", "add_module")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Walker:
    """The one walk: scopes, bindings, functions, classes, calls.

    ``visit_X`` runs before a node's children (returning False skips them: statements with
    blocks walk their own parts, to know which block each statement is in) and ``leave_X``
    after them. A block is named by its first statement (a block is never empty).
    """

    def walk(self, node: ast.AST) -> None:
        visit, leave, fields = self._handlers(type(node))
        if visit is None or visit(node) is not False:
            for name in fields:
                child = getattr(node, name)
                if type(child) is list:
                    for item in child:
                        if isinstance(item, ast.AST):
                            self.walk(item)
                elif isinstance(child, ast.AST):
                    self.walk(child)
        if leave is not None:
            leave(node)

    def _handlers(self, node_type: type):
        """(visit, leave, the fields to walk) of a node type, looked up once per type."""
        handlers = self._by_type.get(node_type)
        if handlers is None:
            name = node_type.__name__
            visit = getattr(self, f"visit_{name}", None)
            leave = getattr(self, f"leave_{name}", None)
            fields = tuple(f for f in node_type._fields if f not in _SKIPPED_FIELDS)
            handlers = self._by_type[node_type] = (visit, leave, fields)
        return handlers

    def __init__(self, package: tuple[str, ...], located: Callable[[str], str] = str) -> None:
        self._package = package
        self._located = located
        self._by_type: dict[type, tuple] = {}
        self.module_scope = Scope("module", None)
        self.calls: list[tuple[ast.Call, Site]] = []
        self.bindings: dict[tuple[Scope, str], list[Binding]] = {}
        self.functions: dict[ast.AST, Function] = {}
        self.classes: dict[ast.ClassDef, Class] = {}
        self.name_counts: dict[tuple[Scope, str], int] = {}  # every Name node, per scope
        self.divisions: list[tuple[ast.BinOp, Site]] = []
        self.products: list[tuple[ast.BinOp, Site]] = []
        self.arms: dict[ast.stmt, Arm] = {}  # block -> the arm it is the body of
        self.chains: dict[ast.AST, list[ast.stmt]] = {}  # head -> its arms' blocks
        self.complete_chains: set[ast.AST] = set()  # with an else: one arm always runs
        self.grown: dict[tuple[Scope, str], list[tuple[Site, str, ast.AST]]] = {}
        self.match_subjects: dict[ast.AST, ast.expr] = {}
        self.loops: dict[ast.stmt, Loop] = {}  # a for loop's body -> the loop
        self.broken: set[ast.AST] = set()  # loops a break may leave early
        self._loop_stack: list[ast.AST] = []
        self._scope = self.module_scope
        self._order = 0
        self._branches: list[ast.stmt] = []
        self._saved: list[tuple[Scope, list[ast.stmt]]] = []
        self._function_stack: list[Function | None] = [None]
        self._class_stack: list[Class | None] = [None]

    def walk_module(self, module: ast.Module) -> None:
        self._statements(module.body)

    # -- sites and blocks

    def _site(self) -> Site:
        return Site(self._scope, self._order, tuple(self._branches))

    def _statements(self, statements: list[ast.stmt]) -> None:
        for statement in statements:
            self._order += 1
            self.walk(statement)

    def _block(self, statements: list[ast.stmt]) -> None:
        """A block that may not run (an arm, a loop's body, a ``try`` clause)."""
        if not statements:
            return
        self._branches.append(statements[0])
        self._statements(statements)
        self._branches.pop()

    def _expressions(self, *nodes) -> None:
        for node in nodes:
            if isinstance(node, list):
                for item in node:
                    if item is not None:
                        self.walk(item)
            elif node is not None:
                self.walk(node)

    def visit_If(self, node: ast.If) -> bool:
        tests: list[ast.expr | None] = []
        blocks: list[ast.stmt] = []
        link = node
        while True:  # elif (or an else holding only an if, which means the same)
            tests.append(link.test)
            blocks.append(link.body[0])
            if len(link.orelse) == 1 and type(link.orelse[0]) is ast.If:
                link = link.orelse[0]
                continue
            if link.orelse:
                tests.append(None)
                blocks.append(link.orelse[0])
                self.complete_chains.add(node)
            break
        for index, block in enumerate(blocks):
            self.arms[block] = Arm(node, self._order, index, tuple(tests[: index + 1]))
        self.chains[node] = blocks
        link = node
        while True:
            self.walk(link.test)
            self._block(link.body)
            if len(link.orelse) == 1 and type(link.orelse[0]) is ast.If:
                link = link.orelse[0]
                self._order += 1
                continue
            self._block(link.orelse)
            return False

    def visit_Match(self, node: ast.Match) -> bool:
        tests, blocks = [], []
        for case in node.cases:
            wildcard = isinstance(case.pattern, ast.MatchAs) and case.pattern.pattern is None
            tests.append(None if wildcard and case.guard is None else case)
            blocks.append(case.body[0])
            if tests[-1] is None:
                self.complete_chains.add(node)
                break
        for index, block in enumerate(blocks):
            self.arms[block] = Arm(node, self._order, index, tuple(tests[: index + 1]))
        self.chains[node] = blocks
        self.match_subjects[node] = node.subject
        self.walk(node.subject)
        for case in node.cases:
            self._expressions(case.guard)
            self._block(case.body)
        return False

    def visit_For(self, node: ast.For | ast.AsyncFor) -> bool:
        self.loops[node.body[0]] = Loop(node, self._site())
        if isinstance(node.target, ast.Name):
            # After the loop (and in its last run) the name holds the last item.
            self._bind_name(node.target.id, node.iter, element=-1)
        else:
            self._bind_target(node.target, None, opaque=True)
        self.walk(node.iter)
        self._loop_stack.append(node)
        self._block(node.body)
        self._loop_stack.pop()
        self._block(node.orelse)
        return False

    visit_AsyncFor = visit_For

    def visit_While(self, node: ast.While) -> bool:
        self.walk(node.test)
        self._loop_stack.append(node)
        self._block(node.body)
        self._loop_stack.pop()
        self._block(node.orelse)
        return False

    def visit_Break(self, node: ast.Break) -> None:
        if self._loop_stack:
            self.broken.add(self._loop_stack[-1])

    def visit_Try(self, node: ast.Try) -> bool:
        self._block(node.body)
        for handler in node.handlers:
            if handler.name is not None:
                self._bind_name(handler.name, None)
            self._expressions(handler.type)
            self._block(handler.body)
        self._block(node.orelse)
        self._block(node.finalbody)
        return False

    visit_TryStar = visit_Try

    def visit_With(self, node: ast.With | ast.AsyncWith) -> bool:
        for item in node.items:
            self.walk(item.context_expr)
            if item.optional_vars is not None:
                self._bind_target(item.optional_vars, None, opaque=True)
        self._statements(node.body)  # a with body runs whenever what follows it does
        return False

    visit_AsyncWith = visit_With

    # -- scopes

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
        arguments = node.args
        # decorators and defaults are evaluated where the def is
        self._expressions(node.decorator_list, arguments.defaults, arguments.kw_defaults)
        self._bind_name(node.name, node)
        defaults_site = self._site()
        owner = self._class_stack[-1] if self._scope.kind == "class" else None
        scope = Scope("function", self._scope)
        function = Function(
            node,
            scope,
            owner=owner,
            parameters=tuple(a.arg for a in (*arguments.posonlyargs, *arguments.args)),
            keyword_only=tuple(a.arg for a in arguments.kwonlyargs),
        )
        self.functions[node] = function
        if owner is not None:
            owner.methods[node.name] = function
            if function.parameters and not _is_static(node):
                function.self_name = function.parameters[0]
        self._enter(scope)
        self._function_stack.append(function)
        for name, default in _parameters(arguments):
            # A parameter holds its default unless a caller passes another value: the default
            # is what the code is written for (`criterion=nn.CrossEntropyLoss()`).
            self._bind_name(name, default, site=defaults_site, parameter=name)
        self._statements(node.body)
        self._function_stack.pop()
        self._leave()
        return False

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> bool:
        self._expressions(node.args.defaults, node.args.kw_defaults)
        self._enter(Scope("function", self._scope))
        self._function_stack.append(None)
        for name, _ in _parameters(node.args):
            self._bind_name(name, None)
        self.walk(node.body)
        self._function_stack.pop()
        self._leave()
        return False

    def visit_ClassDef(self, node: ast.ClassDef) -> bool:
        self._expressions(node.decorator_list, node.bases, node.keywords)
        self._bind_name(node.name, node)
        klass = Class(node, self._site())
        self.classes[node] = klass
        self._enter(Scope("class", self._scope))
        klass.scope = self._scope
        self._class_stack.append(klass)
        self._statements(node.body)
        self._class_stack.pop()
        self._leave()
        return False

    def _enter(self, scope: Scope) -> None:
        self._saved.append((self._scope, self._branches))
        self._scope, self._branches = scope, []

    def _leave(self) -> None:
        self._scope, self._branches = self._saved.pop()

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if type(node.op) is ast.Div:
            self.divisions.append((node, self._site()))
        elif type(node.op) is ast.Mult:
            self.products.append((node, self._site()))

    def visit_Name(self, node: ast.Name) -> None:
        key = (self._scope, node.id)
        self.name_counts[key] = self.name_counts.get(key, 0) + 1

    def visit_Global(self, node: ast.Global) -> None:
        self._scope.deferred.update(node.names)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self._scope.deferred.update(node.names)

    # -- bindings

    def visit_Import(self, node: ast.Import) -> None:
        bind_import(self._scope, node, self._package, self._located)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        bind_import(self._scope, node, self._package, self._located)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind_target(target, node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._bind_target(node.target, node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        added = type(node.op) is ast.Add
        if added and isinstance(node.target, ast.Name):
            # layers += [nn.Softmax(1)]: the list grows
            key = (self._scope, node.target.id)
            self.grown.setdefault(key, []).append((self._site(), "+=", node.value))
            return
        if isinstance(node.target, ast.Subscript) and isinstance(node.target.value, ast.Name):
            # hist[c] += 1: an entry accumulates what is added (a count per class)
            key = (self._scope, node.target.value.id)
            change = (node.target, node.value if added else None)
            self.grown.setdefault(key, []).append((self._site(), "[]+=", change))
            return
        self._bind_target(node.target, None, opaque=True)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._bind_target(node.target, node.value)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        # bound just before its statement: the comprehension's element reads it
        if isinstance(node.target, ast.Name):  # an item of what it iterates
            self._bind_item(node.target.id, node.iter)
            return
        self._bind_target(node.target, None, opaque=True)
        target, source = node.target, node.iter
        if (
            isinstance(target, ast.Tuple)
            and len(target.elts) == 2
            and isinstance(target.elts[1], ast.Name)
            and isinstance(source, ast.Call)
            and isinstance(source.func, ast.Attribute)
            and source.func.attr == "items"
        ):  # for key, value in mapping.items(): the value is an entry of the mapping
            self._bind_item(target.elts[1].id, source.func.value)

    def _bind_item(self, name: str, iterable: ast.expr) -> None:
        here = self._site()
        self._scope.bind_local(name)
        binding = Binding(here.order - 1, here.branches, iterable, here, ANY_ITEM)
        self.bindings.setdefault((self._scope, name), []).append(binding)

    def _bind_target(self, target, value, *, opaque: bool = False, element: int | None = None):
        if isinstance(target, ast.Name):
            self._bind_name(target.id, None if opaque else value, element)
        elif isinstance(target, ast.Tuple | ast.List):
            for index, item in enumerate(target.elts):
                if isinstance(item, ast.Starred) or opaque or element is not None:
                    self._bind_target(item, None, opaque=True)
                else:
                    self._bind_target(item, value, element=index)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, None, opaque=True)
        elif isinstance(target, ast.Attribute):
            self._bind_attribute(target.value, target.attr, None if opaque else value, element)
        elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
            # outputs["probs"] = ...: the dict grows (or an item changes)
            stored = None if opaque or element is not None else value
            key = (self._scope, target.value.id)
            self.grown.setdefault(key, []).append((self._site(), "[]=", (target, stored)))

    def _bind_name(
        self,
        name: str,
        value,
        element: int | None = None,
        site: Site | None = None,
        parameter: str | None = None,
    ) -> None:
        self._scope.bind_local(name)
        here = self._site()
        binding = Binding(here.order, here.branches, value, site or here, element, parameter)
        self.bindings.setdefault((self._scope, name), []).append(binding)

    def _bind_attribute(self, base, name: str, value, element: int | None) -> None:
        """``self.<name> = value`` in a method: an attribute of the class's instances."""
        function = self._function_stack[-1]
        if (
            function is not None
            and function.owner is not None
            and isinstance(base, ast.Name)
            and base.id == function.self_name
        ):
            site = self._site()
            binding = Binding(site.order, site.branches, value, site, element)
            function.owner.attributes.setdefault(name, []).append(binding)
            parameters = (*function.parameters, *function.keyword_only)
            if isinstance(value, ast.Name) and value.id in parameters[1:]:
                function.setter = True

    # -- calls and returns

    def visit_Call(self, node: ast.Call) -> None:
        site = self._site()
        self.calls.append((node, site))
        function = self._function_stack[-1]
        if function is not None:
            function.calls.append((node, site))
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        if func.attr in _GROWS and isinstance(func.value, ast.Name) and node.args:
            key = (self._scope, func.value.id)
            self.grown.setdefault(key, []).append((site, func.attr, node))
        elif (
            func.attr in _GROWS
            and isinstance(func.value, ast.Attribute)
            and isinstance(func.value.value, ast.Name)
            and function is not None
            and function.owner is not None
            and func.value.value.id == function.self_name
        ):  # self.blocks.append(layer)
            events = function.owner.grown.setdefault(func.value.attr, [])
            events.append((site, func.attr, node))
        # self.add_module("name", layer), self.register_buffer("name", tensor) set an
        # attribute as surely as an assignment
        if (
            func.attr in ("add_module", "register_module", "register_buffer")
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            buffer = BUFFER if func.attr == "register_buffer" else None
            self._bind_attribute(func.value, node.args[0].value, node.args[1], buffer)

    def visit_Expr(self, node: ast.Expr) -> None:
        call = node.value
        function = self._function_stack[-1]
        if (
            type(call) is ast.Call
            and type(call.func) is ast.Attribute
            and type(call.func.value) is ast.Name
            and call.func.attr not in _GROWS
            and (function is None or call.func.value.id != function.self_name)
        ):  # model.add_loss_op(criterion): a method called for what it does to the object
            key = (self._scope, call.func.value.id)
            self.grown.setdefault(key, []).append((self._site(), "call", call))

    def visit_Return(self, node: ast.Return) -> None:
        function = self._function_stack[-1]
        if function is not None:
            function.returns.append((node.value, self._site()))


def _parameters(arguments: ast.arguments) -> Iterator[tuple[str, ast.expr | None]]:
    """Every parameter's name and default."""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    for parameter, default in zip(positional, defaults, strict=True):
        yield parameter.arg, default
    for parameter, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        yield parameter.arg, default
    if arguments.vararg is not None:
        yield arguments.vararg.arg, None
    if arguments.kwarg is not None:
        yield arguments.kwarg.arg, None


def _is_static(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod")
        for d in node.decorator_list
    )

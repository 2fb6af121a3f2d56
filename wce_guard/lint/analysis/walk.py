"""The one walk over a module: its scopes, every binding of a name, functions, classes, calls.

What it records is syntax with its place: where each name is bound (and in which branch of
which ``if``), what each function returns, what each method sets on ``self``, which lists
grow by ``append``. ``facts.py`` evaluates it, lazily.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from wce_guard.lint.names import Scope, bind_import

if TYPE_CHECKING:
    from wce_guard.lint.analysis.facts import Facts


@dataclass(frozen=True)
class Site:
    """A place in the code: its scope, its statement's order, and the branches around it."""

    scope: Scope
    order: int
    branches: tuple[cst.CSTNode, ...]


ANY_ITEM = -(1 << 30)  # Binding.element of a comprehension's variable: any of the items
BUFFER = -(1 << 29)  # Binding.element of a module's buffer: the tensor, where the module is


@dataclass(frozen=True)
class Binding:
    order: int
    branches: tuple[cst.CSTNode, ...]
    value: cst.CSTNode | None  # None: a value we cannot know (a loop variable...)
    site: Site  # where ``value`` is evaluated (a parameter's default: where the def is)
    element: int | None = None  # the position in a tuple that was unpacked
    parameter: str | None = None  # for a parameter: its name


@dataclass(frozen=True)
class Arm:
    """One arm of an ``if``/``elif``/``else`` chain (or of a ``match``)."""

    head: cst.CSTNode  # the chain's first ``if`` (or the ``match``)
    order: int  # the head's statement order: bindings before it reach every arm
    index: int
    tests: tuple[cst.BaseExpression | None, ...]  # this arm's test and those before it


@dataclass(frozen=True)
class Loop:
    node: cst.For
    site: Site  # where the for statement is: its iterable is read there


@dataclass(eq=False)
class Function:
    node: cst.FunctionDef
    scope: Scope
    facts: Facts | None = None  # the module it is defined in, set once the walk is over
    returns: list[tuple[cst.BaseExpression | None, Site]] = field(default_factory=list)
    self_name: str | None = None  # the first parameter of a method
    owner: Class | None = None
    parameters: tuple[str, ...] = ()  # positional parameters, in order
    keyword_only: tuple[str, ...] = ()
    calls: list[tuple[cst.Call, Site]] = field(default_factory=list)  # in its own body


@dataclass(eq=False)
class Class:
    node: cst.ClassDef
    site: Site  # where the class statement is: its bases are read there
    scope: Scope | None = None  # its body's scope (class attributes)
    facts: Facts | None = None
    methods: dict[str, Function] = field(default_factory=dict)
    attributes: dict[str, list[Binding]] = field(default_factory=dict)  # self.<name> = ...
    grown: dict[str, list] = field(default_factory=dict)  # self.<name>.append(...)


# Fields of libcst nodes that hold only whitespace, brackets and punctuation: never a call
# or a statement, so the walk does not enter them.
_PUNCTUATION_FIELDS = frozenset(
    {"lpar", "rpar", "comma", "semicolon", "dot", "header", "footer", "indent", "leading_lines",
     "lines_after_decorators", "lbracket", "rbracket", "lbrace", "rbrace", "colon", "equal",
     "star", "operator", "newline", "default_indent", "default_newline", "encoding"}
)  # fmt: skip
# Methods that add items: to a list, or a layer to an nn.Sequential
_GROWS = ("append", "extend", "insert", "add_module")


def string_parts(node: cst.ConcatenatedString) -> list[cst.BaseExpression]:
    """The literals of an implicit concatenation, in order, without recursion."""
    parts, rest = [], node
    while isinstance(rest, cst.ConcatenatedString):
        parts.append(rest.left)
        rest = rest.right
    parts.append(rest)
    return parts


@functools.cache
def _is_node(value_type: type) -> bool:
    """``issubclass`` of libcst's node class, once per type: ``isinstance`` against that
    abstract class goes through ``ABCMeta`` on every call, and the walk makes millions."""
    return issubclass(value_type, cst.CSTNode)


@functools.cache
def _child_fields(node_type: type) -> tuple[str, ...]:
    return tuple(
        field.name
        for field in dataclasses.fields(node_type)
        if field.name not in _PUNCTUATION_FIELDS and not field.name.startswith("whitespace")
    )


class Walker:
    """The one walk: scopes, bindings, functions, classes, calls.

    Its own traversal over the nodes' fields, not libcst's visitor machinery: the walk reads
    nodes and never rebuilds them, which makes it several times faster, and it skips
    whitespace. ``visit_X`` runs before a node's children (returning False skips them) and
    ``leave_X`` after them, as in libcst.
    """

    def walk(self, node: cst.CSTNode) -> None:
        visit, leave, fields = self._handlers(type(node))
        if visit is None or visit(node) is not False:
            for name in fields:
                child = getattr(node, name)
                kind = type(child)
                if kind is tuple or kind is list:
                    for item in child:
                        if _is_node(type(item)):
                            self.walk(item)
                elif _is_node(kind):
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
            handlers = self._by_type[node_type] = (visit, leave, _child_fields(node_type))
        return handlers

    def __init__(self, package: tuple[str, ...]) -> None:
        self._package = package
        self._by_type: dict[type, tuple] = {}
        self.module_scope = Scope("module", None)
        self.calls: list[tuple[cst.Call, Site]] = []
        self.bindings: dict[tuple[Scope, str], list[Binding]] = {}
        self.functions: dict[cst.FunctionDef, Function] = {}
        self.classes: dict[cst.ClassDef, Class] = {}
        self.name_counts: dict[tuple[Scope, str], int] = {}  # every Name node, per scope
        self.divisions: list[tuple[cst.BinaryOperation, Site]] = []
        self.products: list[tuple[cst.BinaryOperation, Site]] = []
        self.arms: dict[cst.CSTNode, Arm] = {}  # block -> the arm it is the body of
        self.chains: dict[cst.CSTNode, list[cst.CSTNode]] = {}  # head -> its arms' blocks
        self.complete_chains: set[cst.CSTNode] = set()  # with an else: one arm always runs
        self.grown: dict[tuple[Scope, str], list[tuple[Site, str, cst.CSTNode]]] = {}
        self.match_subjects: dict[cst.CSTNode, cst.BaseExpression] = {}
        self.loops: dict[cst.CSTNode, Loop] = {}  # a for loop's body -> the loop
        self.broken: set[cst.CSTNode] = set()  # loops a break may leave early
        self._loop_stack: list[cst.CSTNode] = []
        self._elifs: set[cst.If] = set()
        self._scope = self.module_scope
        self._order = 0
        self._branches: list[cst.CSTNode] = []
        self._unconditional: set[cst.CSTNode] = set()  # the bodies of functions and `with`
        self._saved: list[tuple[Scope, list[cst.CSTNode]]] = []
        self._function_stack: list[Function | None] = [None]
        self._class_stack: list[Class | None] = [None]

    # -- sites

    def _site(self) -> Site:
        return Site(self._scope, self._order, tuple(self._branches))

    def visit_SimpleStatementLine(self, node) -> None:
        self._order += 1

    def visit_If(self, node: cst.If) -> None:
        self._order += 1
        if node in self._elifs:
            return  # recorded with its chain's head
        tests: list[cst.BaseExpression | None] = []
        blocks: list[cst.CSTNode] = []
        link: cst.If | cst.Else | None = node
        while isinstance(link, cst.If):
            self._elifs.add(link)
            tests.append(link.test)
            blocks.append(link.body)
            link = link.orelse
        if link is not None:  # else
            tests.append(None)
            blocks.append(link.body)
            self.complete_chains.add(node)
        for index, block in enumerate(blocks):
            self.arms[block] = Arm(node, self._order, index, tuple(tests[: index + 1]))
        self.chains[node] = blocks

    def visit_Match(self, node) -> None:
        self._order += 1
        tests, blocks = [], []
        for case in node.cases:
            wildcard = isinstance(case.pattern, cst.MatchAs) and case.pattern.pattern is None
            tests.append(None if wildcard and case.guard is None else case)
            blocks.append(case.body)
            if tests[-1] is None:
                self.complete_chains.add(node)
                break
        for index, block in enumerate(blocks):
            self.arms[block] = Arm(node, self._order, index, tuple(tests[: index + 1]))
        self.chains[node] = blocks
        self.match_subjects[node] = node.subject

    # Every block is a branch that may not run, but for a `with` body, which runs whenever
    # the statement after it does.
    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        if node not in self._unconditional:
            self._branches.append(node)

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        if original_node not in self._unconditional:
            self._branches.pop()

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self._order += 1
        if node not in self._unconditional:
            self._branches.append(node)

    def leave_SimpleStatementSuite(self, original_node: cst.SimpleStatementSuite) -> None:
        if original_node not in self._unconditional:
            self._branches.pop()

    def visit_For(self, node: cst.For) -> None:
        self._order += 1
        self.loops[node.body] = Loop(node, self._site())
        self._loop_stack.append(node)
        if isinstance(node.target, cst.Name):
            # After the loop (and in its last run) the name holds the last item.
            self._bind_name(node.target.value, node.iter, element=-1)
        else:
            self._bind_target(node.target, None, opaque=True)

    def leave_For(self, original_node: cst.For) -> None:
        self._loop_stack.pop()

    def visit_While(self, node) -> None:
        self._order += 1
        self._loop_stack.append(node)

    def leave_While(self, original_node) -> None:
        self._loop_stack.pop()

    def visit_Break(self, node) -> None:
        if self._loop_stack:
            self.broken.add(self._loop_stack[-1])

    def visit_Try(self, node) -> None:
        self._order += 1

    def visit_With(self, node: cst.With) -> None:
        self._order += 1
        self._unconditional.add(node.body)
        for item in node.items:
            if item.asname is not None:
                self._bind_target(item.asname.name, None, opaque=True)

    # -- scopes

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self._order += 1
        self._bind_name(node.name.value, node)
        defaults_site = self._site()  # defaults are evaluated where the def is
        self._unconditional.add(node.body)
        owner = self._class_stack[-1] if self._scope.kind == "class" else None
        scope = Scope("function", self._scope)
        params = node.params
        function = Function(
            node,
            scope,
            owner=owner,
            parameters=tuple(p.name.value for p in (*params.posonly_params, *params.params)),
            keyword_only=tuple(p.name.value for p in params.kwonly_params),
        )
        self.functions[node] = function
        if owner is not None:
            owner.methods[node.name.value] = function
            if function.parameters and not _is_static(node):
                function.self_name = function.parameters[0]
        self._enter(scope)
        self._function_stack.append(function)
        for param in _parameters(params):
            # A parameter holds its default unless a caller passes another value: the default
            # is what the code is written for (`criterion=nn.CrossEntropyLoss()`).
            self._bind_name(
                param.name.value, param.default, site=defaults_site, parameter=param.name.value
            )
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._function_stack.pop()
        self._leave()

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self._enter(Scope("function", self._scope))
        self._function_stack.append(None)
        for param in _parameters(node.params):
            self._bind_name(param.name.value, None)
        return True

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self._function_stack.pop()
        self._leave()

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self._order += 1
        self._bind_name(node.name.value, node)
        klass = Class(node, self._site())
        self.classes[node] = klass
        self._enter(Scope("class", self._scope))
        klass.scope = self._scope
        self._class_stack.append(klass)
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._class_stack.pop()
        self._leave()

    def _enter(self, scope: Scope) -> None:
        self._saved.append((self._scope, self._branches))
        self._scope, self._branches = scope, []

    def _leave(self) -> None:
        self._scope, self._branches = self._saved.pop()

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Divide):
            self.divisions.append((node, self._site()))
        elif isinstance(node.operator, cst.Multiply):
            self.products.append((node, self._site()))

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> bool:
        # "a" "b" "c" nests to the right, one level a piece: a module of documentation holds
        # thousands, deeper than Python's recursion allows. Only f-strings hold calls.
        for part in string_parts(node):
            if isinstance(part, cst.FormattedString):
                self.walk(part)
        return False

    def visit_Name(self, node: cst.Name) -> None:
        key = (self._scope, node.value)
        self.name_counts[key] = self.name_counts.get(key, 0) + 1

    def visit_Global(self, node: cst.Global) -> None:
        self._scope.deferred.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self._scope.deferred.update(item.name.value for item in node.names)

    # -- bindings

    def visit_Import(self, node: cst.Import) -> None:
        bind_import(self._scope, node, self._package)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        bind_import(self._scope, node, self._package)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind_target(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_target(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.operator, cst.AddAssign) and isinstance(node.target, cst.Name):
            # layers += [nn.Softmax(1)]: the list grows
            key = (self._scope, node.target.value)
            self.grown.setdefault(key, []).append((self._site(), "+=", node.value))
            return
        if isinstance(node.target, cst.Subscript) and isinstance(node.target.value, cst.Name):
            # hist[c] += 1: an entry accumulates what is added (a count per class)
            added = node.value if isinstance(node.operator, cst.AddAssign) else None
            key = (self._scope, node.target.value.value)
            self.grown.setdefault(key, []).append((self._site(), "[]+=", (node.target, added)))
            return
        self._bind_target(node.target, None, opaque=True)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, node.value)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        # bound just before its statement: the comprehension's element reads it
        if isinstance(node.target, cst.Name):  # an item of what it iterates
            self._bind_item(node.target.value, node.iter)
            return
        self._bind_target(node.target, None, opaque=True)
        target, source = node.target, node.iter
        if (
            isinstance(target, cst.Tuple)
            and len(target.elements) == 2
            and isinstance(target.elements[1].value, cst.Name)
            and isinstance(source, cst.Call)
            and isinstance(source.func, cst.Attribute)
            and source.func.attr.value == "items"
        ):  # for key, value in mapping.items(): the value is an entry of the mapping
            self._bind_item(target.elements[1].value.value, source.func.value)

    def _bind_item(self, name: str, iterable: cst.BaseExpression) -> None:
        here = self._site()
        self._scope.bind_local(name)
        binding = Binding(here.order - 1, here.branches, iterable, here, ANY_ITEM)
        self.bindings.setdefault((self._scope, name), []).append(binding)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._bind_target(node.name.name, None, opaque=True)

    def _bind_target(self, target, value, *, opaque: bool = False, element: int | None = None):
        if isinstance(target, cst.Name):
            self._bind_name(target.value, None if opaque else value, element)
        elif isinstance(target, cst.Tuple | cst.List):
            for index, item in enumerate(target.elements):
                inner = item.value
                if isinstance(item, cst.StarredElement) or opaque or element is not None:
                    self._bind_target(inner, None, opaque=True)
                else:
                    self._bind_target(inner, value, element=index)
        elif isinstance(target, cst.StarredElement):
            self._bind_target(target.value, None, opaque=True)
        elif isinstance(target, cst.Attribute):
            self._bind_attribute(target.value, target.attr.value, None if opaque else value,
                                 element)  # fmt: skip
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            # outputs["probs"] = ...: the dict grows (or an item changes)
            stored = None if opaque or element is not None else value
            key = (self._scope, target.value.value)
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
            and isinstance(base, cst.Name)
            and base.value == function.self_name
        ):
            site = self._site()
            binding = Binding(site.order, site.branches, value, site, element)
            function.owner.attributes.setdefault(name, []).append(binding)

    # -- calls and returns

    def visit_Call(self, node: cst.Call) -> None:
        site = self._site()
        self.calls.append((node, site))
        function = self._function_stack[-1]
        if function is not None:
            function.calls.append((node, site))
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        if func.attr.value in _GROWS and isinstance(func.value, cst.Name) and node.args:
            key = (self._scope, func.value.value)
            self.grown.setdefault(key, []).append((site, func.attr.value, node))
        elif (
            func.attr.value in _GROWS
            and isinstance(func.value, cst.Attribute)
            and isinstance(func.value.value, cst.Name)
            and function is not None
            and function.owner is not None
            and func.value.value.value == function.self_name
        ):  # self.blocks.append(layer)
            events = function.owner.grown.setdefault(func.value.attr.value, [])
            events.append((site, func.attr.value, node))
        # self.add_module("name", layer), self.register_buffer("name", tensor) set an
        # attribute as surely as an assignment
        if (
            func.attr.value in ("add_module", "register_module", "register_buffer")
            and len(node.args) >= 2
            and isinstance(node.args[0].value, cst.SimpleString)
        ):
            name = node.args[0].value.evaluated_value
            buffer = BUFFER if func.attr.value == "register_buffer" else None
            if isinstance(name, str):
                self._bind_attribute(func.value, name, node.args[1].value, buffer)

    def visit_Return(self, node: cst.Return) -> None:
        function = self._function_stack[-1]
        if function is not None:
            function.returns.append((node.value, self._site()))


def _parameters(params: cst.Parameters) -> Iterator[cst.Param]:
    yield from params.posonly_params
    yield from params.params
    yield from params.kwonly_params
    if isinstance(params.star_arg, cst.Param):
        yield params.star_arg
    if params.star_kwarg is not None:
        yield params.star_kwarg


def _is_static(node: cst.FunctionDef) -> bool:
    return any(
        isinstance(d.decorator, cst.Name) and d.decorator.value in ("staticmethod", "classmethod")
        for d in node.decorators
    )

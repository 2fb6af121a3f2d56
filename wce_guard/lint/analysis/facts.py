"""The evaluator: what an expression of one module holds, in a context.

``Facts.value(expression, site)`` answers for a place in the code, lazily: a name is followed
to the binding that reaches the place (joined over the arms of an ``if`` when it is bound in
each), a call of a function of the run is evaluated with the abstract arguments of that call
(memoised per function and arguments, bounded in depth, recursion-guarded), a class call
makes an instance whose ``__init__`` context its attributes are read in, calling an instance
runs its ``forward``, library calls go through the tables of ``library.py``, and names
imported from other files of the run are looked up there (``program.py``).

``Facts.loss_calls()`` is where rules meet the analysis: every loss call reached, from this
module's code and from each of its functions called with unknown arguments, and again in
every context a call site gives it (a ``train(model, loader, criterion)`` called with a
softmax model and a ``CrossEntropyLoss``).

Precision first: anything unsure is None, unknown, and rules stay silent on it.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wce_guard.lint.analysis import library
from wce_guard.lint.analysis.syntax import (
    argument,
    called_name,
    count_arguments,
    keyword,
    single_index,
    starred_mapping,
    string_value,
    text_of,
)
from wce_guard.lint.analysis.values import TENSOR_KINDS, UNKNOWN, Context, Kind, Value, join
from wce_guard.lint.analysis.walk import (
    ANY_ITEM,
    BUFFER,
    Binding,
    Class,
    Function,
    Site,
    Walker,
)
from wce_guard.lint.names import Scope, qualified_name

if TYPE_CHECKING:
    from wce_guard.lint.analysis.program import Program

_MAX_DEPTH = 64  # expression steps followed for one question: enough for real code
_MAX_CALLS = 4  # calls deep that arguments are followed into
_MAX_EXPLORED = 2  # calls deep that loss calls are looked for with the caller's arguments
_UNSEEN = object()  # a memo's answer to a question not asked yet
_END_OF_MODULE = 1 << 40  # a statement order after every statement of a module
# What a clamp or an epsilon keeps from zero: counts (then safe to divide by), probabilities
# (then safe to take the log of), numbers read from data
_GUARDED = (Kind.COUNTS, Kind.PROBABILITIES, Kind.TENSOR)
# Numbers that containers and conversions keep as they are
_NUMBERS = (Kind.COUNTS, Kind.WEIGHTS, Kind.TENSOR, Kind.ARRAY)
_KEEPING_BUILTINS = ("dict", "list", "sorted", "tuple", "enumerate")
# Methods of a string that give a string: a configuration's name, normalised before a test
_STRING_METHODS = frozenset({"lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title"})
_ORDERS = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


@dataclass(frozen=True)
class Call:
    node: ast.Call
    site: Site
    qualified: str | None  # of the callee, when it is an imported name


@dataclass(frozen=True)
class WeightUse:
    call: ast.Call  # the loss constructor or functional loss call
    site: Site
    loss: str  # canonical name
    parameter: str  # "weight" or "pos_weight"
    expression: ast.expr
    constructor: bool  # nn.CrossEntropyLoss(weight=...) rather than F.cross_entropy(...)
    reduction: str | None  # when written as a literal


@dataclass(frozen=True)
class GivenWeight:
    """A class weight as a loss is given it."""

    parameter: str  # "weight" or "pos_weight"
    expression: ast.expr
    value: Value | None  # what it holds, in the context of the call that takes it
    facts: Facts  # the module the expression is in
    site: Site
    call: ast.Call  # the loss constructor or functional call that takes it

    @property
    def reduction(self) -> str | None:
        """The reduction the loss is given, when written as a literal."""
        return _reduction(self.call)

    def anchor(self, linted: Facts) -> tuple[ast.AST, Facts | None]:
        """Where a finding about this weight is reported, and its module (None for the one
        being linted): the argument through which it entered the function that gives it to
        the loss (the call, when no argument passes it as such), else the weight argument."""
        if self.value is not None and self.value.via:
            call = self.value.via[0]
            module = linted.program.module_of(call) or linted
            node = _argument_holding(call, self.value, module)
        else:
            node, module = self.expression, self.facts
        return node, None if module is linted else module


@dataclass(frozen=True)
class LossCall:
    """A loss call reached in a context: rules ask it what its arguments hold."""

    node: ast.Call
    site: Site
    loss: str  # canonical name: torch.nn.functional.cross_entropy, torch.nn.CrossEntropyLoss...
    input: ast.expr | None
    target: ast.expr | None
    context: Context
    facts: Facts  # the module the call is in

    def value(self, expression: ast.expr | None) -> Value | None:
        return self.facts.evaluate(expression, self.site, self.context)

    def weights(self) -> Iterator[GivenWeight]:
        """The class weights this loss runs with: the call's own, or for a loss object those
        given to its constructor, evaluated where and in the context it was made."""
        callee = self.value(self.node.func)
        if self.loss in library.LOSS_FUNCTIONS:
            for name, expression in _weight_arguments(self.node, self.loss, False):
                value = self.value(expression)
                yield GivenWeight(name, expression, value, self.facts, self.site, self.node)
            yield from _expanded_weights(self.node, self.facts, self.site, self.context)
            if callee is not None and _is_partial(callee.source):
                yield from self._bound_weights(callee)
            return
        for loss in _alternatives(callee) if callee is not None else ():
            made = loss.source
            if loss.kind is not Kind.LOSS or not isinstance(made, ast.Call):
                continue
            if _is_partial(made):
                yield from self._bound_weights(loss)
                continue
            home = self.facts.program.module_of(made) or self.facts
            site = home.site_of(made)
            # only PyTorch's own constructor: a subclass may take other arguments
            if site is None or not home.constructs(made, site, loss):
                continue
            for name, expression in _weight_arguments(made, loss.loss, True):
                value = home.evaluate(expression, site, loss.context or UNKNOWN)
                yield GivenWeight(name, expression, value, home, site, made)
            yield from _expanded_weights(made, home, site, loss.context or UNKNOWN)

    def _bound_weights(self, partial: Value) -> Iterator[GivenWeight]:
        """The weights ``functools.partial`` bound (by keyword) to a loss or its class."""
        made = partial.source
        home = self.facts.program.module_of(made) or self.facts
        site = home.site_of(made)
        if site is None:
            return
        for name in ("weight", "pos_weight"):
            expression = keyword(made, name)
            if expression is not None:
                value = home.evaluate(expression, site, partial.context or UNKNOWN)
                yield GivenWeight(name, expression, value, home, site, made)

    def anchor(self, value: Value) -> tuple[ast.AST, Facts]:
        """Where a finding about ``value`` given to this call is reported: the call through
        which it left the last function that held it as its own value."""
        if value.via:
            outermost = value.via[0]
            return outermost, self.facts.program.module_of(outermost) or self.facts
        return self.node, self.facts


class Facts:
    """Everything the rules can ask about one module. Built by one walk; evaluated lazily."""

    def __init__(
        self,
        module: ast.Module,
        *,
        package: tuple[str, ...] = (),
        display: str = "<string>",
        program: Program | None = None,
    ) -> None:
        """``package``: the module's package, for relative imports. ``program``: the files
        of the run, for names imported from them (alone when None)."""
        from wce_guard.lint.analysis.program import Program

        located = functools.partial(program.located, package) if program is not None else str
        walker = Walker(package, located)
        walker.walk_module(module)
        self.module = module
        self.display = display
        self.program = program if program is not None else Program.alone(self)
        # Names resolve once every binding is known: a later assignment in a function
        # shadows an import for the whole function.
        self.calls = [
            Call(node, site, qualified_name(node.func, site.scope)) for node, site in walker.calls
        ]
        self.module_scope = walker.module_scope
        self._bindings = walker.bindings
        self._functions = walker.functions
        self._classes = walker.classes
        self._name_counts = walker.name_counts
        self._divisions = walker.divisions
        self.products = walker.products
        self._arms = walker.arms
        self._chains = walker.chains
        self._complete_chains = walker.complete_chains
        self._grown = walker.grown
        self._match_subjects = walker.match_subjects
        self._loops = walker.loops
        self._broken = walker.broken
        self._function_by_scope = {f.scope: f for f in walker.functions.values()}
        for function in self._functions.values():
            function.facts = self
        for klass in self._classes.values():
            klass.facts = self
        self._call_nodes = {call.node for call in self.calls}
        self._operation_nodes: set[ast.AST] | None = None
        self._memo: dict[tuple[int, Context], Value | None] = {}
        self._loss_calls: list[LossCall] | None = None
        self._moves: list[Call] | None = None  # the calls that move something to an accelerator
        self._placing = False  # a framework places the models
        self._factors: set[ast.AST] | None = None
        self._where: set[int] | None = None
        self._texts: dict[ast.AST, str] = {}
        self._returns: dict[tuple[Function, Context], Value | None] = {}
        self._active: set[tuple[Function, Context]] = set()

    # -- what rules ask

    def value(self, expression: ast.expr | None, site: Site) -> Value | None:
        """What ``expression`` holds at ``site`` whatever the arguments of its function."""
        return self._value(expression, site, 0, UNKNOWN)

    def evaluate(self, expression: ast.expr | None, site: Site, context: Context) -> Value | None:
        """What ``expression`` holds at ``site`` when its function runs in ``context``."""
        return self._value(expression, site, 0, context)

    def forget(self) -> None:
        """Drop what was evaluated: another module of the program changed."""
        self._memo.clear()
        self._returns.clear()
        self._loss_calls = None

    def contains(self, node: ast.AST) -> bool:
        """Whether ``node`` is a call, a division or a product of this module (for placing
        findings)."""
        if node in self._call_nodes:
            return True
        if self._operation_nodes is None:
            self._operation_nodes = {n for n, _ in self._divisions} | {n for n, _ in self.products}
        return node in self._operation_nodes

    def loss_calls(self) -> list[LossCall]:
        """Every call of a classification loss reached from this module, in every context:
        functional, or a loss object being called; in other files of the run too. Found
        once per module, for every rule."""
        if self._loss_calls is None:
            explored: set[tuple[Function | None, Context]] = set()
            own = {f.scope for f in self._functions.values()}
            loose = [(c.node, c.site) for c in self.calls if c.site.scope not in own]
            found = list(self._explore(None, UNKNOWN, loose, explored))
            for function in self._functions.values():
                found += self._explore(function, UNKNOWN, function.calls, explored)
            self._loss_calls = found
        return self._loss_calls

    def _explore(self, function, context: Context, calls, explored) -> Iterator[LossCall]:
        key = (function, context)
        if key in explored:
            return
        explored.add(key)
        for node, site in calls:
            qualified = qualified_name(node.func, site.scope)
            if qualified in library.LOSS_FUNCTIONS:
                callee = Value(Kind.LIBRARY, node.func, qualified=qualified)
            elif qualified is not None and not self.program.defines(qualified):
                continue  # a library function: nothing to enter
            elif qualified is not None and not self._tells(node, site, context):
                continue  # a function of the run that learns nothing here: not even loaded
            else:
                callee = self._callee(node, site, 0, context)
            loss = _loss_name(callee)
            if loss is not None:
                yield LossCall(
                    node,
                    site,
                    loss,
                    argument(node, 0, "input"),
                    argument(node, 1, "target"),
                    context,
                    self,
                )
                continue
            if callee is None or callee.kind not in (Kind.FUNCTION, Kind.INSTANCE, Kind.CLASS):
                continue
            if not self._tells(node, site, context) and not _made_told(callee):
                continue  # it learns nothing its own exploration does not
            entered = self._entered(callee, node, site, context)
            if entered is not None:
                target, target_context = entered
                facts = target.facts
                yield from facts._explore(target, target_context, target.calls, explored)
                if callee.kind is Kind.CLASS:
                    yield from self._explore_hooks(callee, node, site, context, explored)

    def _explore_hooks(self, klass: Value, node, site, context, explored) -> Iterator[LossCall]:
        """A framework calls the hooks of the objects given to it (a LightningModule's
        ``training_step``, a Trainer's ``compute_loss``): they run with the instance this
        call made, whose ``__init__`` was told something."""
        klass = self._read(klass, 0)
        if klass is None or klass.of_class is None or klass.of_class.facts is None:
            return
        if not klass.of_class.facts.placed_by_framework(klass.of_class):
            return
        instance = self._instance(klass.of_class, node, site, 0, context)
        for hook in library.FRAMEWORK_HOOKS:
            method = _method(klass.of_class, hook)
            if method is None or not method.parameters:
                continue
            hook_context = Context(method, ((method.parameters[0], instance),), context.depth + 1)
            yield from method.facts._explore(method, hook_context, method.calls, explored)

    def _tells(self, node: ast.Call, site: Site, context: Context) -> bool:
        """Whether a call passes its callee something a WCE1xx rule may need: probabilities,
        a model, a layer, a loss, a class or function (what the callee is, or its receiver)."""
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        expressions = [*node.args, *(k.value for k in node.keywords)]
        if receiver is not None:
            expressions.append(receiver)
        return any(_telling(self._value(e, site, 0, context)) for e in expressions)

    def _entered(self, callee, node, site, context) -> tuple[Function, Context] | None:
        """The function a call runs and its context, when the call tells it something (one
        argument at least is known) and the depth allows."""
        if callee is None or context.depth >= _MAX_EXPLORED:
            return None
        callee = self._read(callee, 0)
        if callee is None:
            return None
        if callee.kind is Kind.FUNCTION:
            function, receiver = callee.function, callee.receiver
        elif callee.kind is Kind.INSTANCE:
            function, receiver = _method(callee.of_class, "forward"), callee
        elif callee.kind is Kind.CLASS:
            function = _method(callee.of_class, "__init__")
            if function is None:
                return None
            target_context = self._instance(callee.of_class, node, site, 0, context).context
        else:
            return None
        if callee.kind is not Kind.CLASS:
            if function is None:
                return None
            target_context = self._bind(function, node, site, 0, context, receiver)
        if target_context is None or not any(
            value is not None for _, value in target_context.arguments
        ):
            return None
        return function, target_context

    def sole_assignment(self, use: ast.expr, site: Site) -> ast.expr | None:
        """For a name whose only appearances in its function are one plain assignment and
        this use (``p = softmax(z); loss(p, y)``): the assigned expression, which a fix may
        then rewrite without changing any other use. None otherwise."""
        if not isinstance(use, ast.Name):
            return None
        bindings = self._bindings.get((site.scope, use.id), [])
        if len(bindings) != 1 or self._name_counts.get((site.scope, use.id)) != 2:
            return None
        binding = bindings[0]
        if binding.element is not None or binding.parameter is not None:
            return None
        return binding.value if binding.order < site.order else None

    def divisions(self) -> list[tuple[ast.BinOp, Site]]:
        """Every ``a / b`` of the module, with its site."""
        return self._divisions

    def kwargs_weight_uses(self) -> Iterator[tuple[WeightUse, ast.Call]]:
        """Class weights that reach a loss constructor through ``**kwargs``: a function that
        builds the loss with ``nn.CrossEntropyLoss(**kwargs)`` and a caller that passes
        ``weight=``. Yields (the caller's weight, the constructor it reaches)."""
        for function in self._functions.values():
            star = function.node.args.kwarg
            if star is None:
                continue
            constructors = [
                call.node
                for call in self.calls
                if call.site.scope is function.scope
                and call.qualified in library.LOSS_CLASSES
                and any(isinstance(mapping, ast.Name) and mapping.id == star.arg
                        for mapping in starred_mapping(call.node))
            ]  # fmt: skip
            if not constructors:
                continue
            for call in self.calls:
                callee = self._callee(call.node, call.site, 0, UNKNOWN)
                if callee is None or callee.kind is not Kind.FUNCTION:
                    continue
                if callee.function is not function:
                    continue
                for name in ("weight", "pos_weight"):
                    expression = keyword(call.node, name)
                    if expression is not None:
                        loss = constructors[0]
                        use = WeightUse(
                            loss, call.site, qualified_name(loss.func, function.scope) or "",
                            name, expression, True, _reduction(loss),
                        )  # fmt: skip
                        yield use, loss

    def is_submodule(self, node: ast.AST) -> bool:
        """Whether ``node`` is assigned to ``self.<name>`` in a class with a base class (an
        ``nn.Module`` moves such attributes with it when they are modules)."""
        for klass in self._classes.values():
            if not klass.node.bases:
                continue
            for bindings in klass.attributes.values():
                if any(binding.value is node for binding in bindings):
                    return True
        return False

    def site_of(self, call: ast.Call) -> Site | None:
        """Where a call of this module is."""
        if not hasattr(self, "_call_sites"):
            self._call_sites = {c.node: c.site for c in self.calls}
        return self._call_sites.get(call)

    def is_bound(self, name: str, site: Site) -> bool:
        """Whether ``name`` certainly holds a value at ``site`` (assigned, or a parameter)."""
        scope: Scope | None = site.scope
        while scope is not None:
            bindings = self._bindings.get((scope, name))
            if bindings:
                if scope is not site.scope:
                    return True
                before = [b for b in bindings if b.order < site.order or b.parameter]
                return any(site.branches[: len(b.branches)] == b.branches for b in before)
            scope = scope.parent
        return False

    def possible(self, site: Site) -> bool:
        """Whether code at ``site`` may run, as far as the tests around it are known."""
        return self._possible(site, 0, UNKNOWN)

    def resolve(self, name: str, site: Site) -> str | None:
        """The qualified name an imported ``name`` stands for at ``site``."""
        return site.scope.resolve(name)

    def weight_uses(self) -> Iterator[WeightUse]:
        """Every class weight (``weight=``, ``pos_weight=``) given to a loss: to a loss
        class's constructor or to a functional loss."""
        for call in self.calls:
            if call.qualified in library.LOSS_CLASSES:
                constructor = True
            elif call.qualified in library.LOSS_FUNCTIONS:
                constructor = False
            else:
                continue
            reduction_text = _reduction(call.node)
            for name, expression in _weight_arguments(call.node, call.qualified, constructor):
                yield WeightUse(
                    call.node, call.site, call.qualified, name, expression, constructor,
                    reduction_text,
                )  # fmt: skip

    def moved_losses(self) -> set[ast.AST]:
        """The constructor calls of the loss objects moved with ``.to(device)``/``.cuda()``
        here: a criterion bound in both arms of an ``if`` and moved after it is moved."""
        moved = set()
        for call in self.calls:
            func = call.node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ("to", "cuda")
                and _moves(call.node)
            ):
                value = self.value(func.value, call.site)
                alternatives = () if value is None else _alternatives(value)
                moved.update(v.source for v in alternatives if v.kind is Kind.LOSS)
        return moved

    def runs_on_accelerator(self, site: Site | None = None) -> bool:
        """Whether this module's code may run on an accelerator: it moves something to a
        device that may be one (``.cuda()``, ``.to(device)``; not to an explicit ``"cpu"``),
        or it uses a framework that places models itself (a LightningModule, a transformers
        Trainer, accelerate, DataParallel). At ``site``, moves made only where the tests of
        its branches are false do not count: in ``if gpu: ... .cuda() else: ...`` the
        ``else`` arm is the code written for the CPU."""
        if self._moves is None:
            self._moves = [
                call
                for call in self.calls
                if isinstance(call.node.func, ast.Attribute)
                and call.node.func.attr in ("to", "cuda")
                and call.qualified is None
                and _moves(call.node)
                and not self._to_cpu(call.node, call.site)
            ]
            self._placing = any(c.qualified in library.PLACING_CALLS for c in self.calls) or any(
                self.placed_by_framework(klass) for klass in self._classes.values()
            )
        if self._placing:
            return True
        if site is None:
            return bool(self._moves)
        here = self._conditions(site)
        return any(not _conflict(here, self._conditions(move.site)) for move in self._moves)

    def asserted_positive(self, value: Value, site: Site) -> bool:
        """Whether the code around ``site`` asserts that ``value``'s counts are positive
        (``assert (counts > 0).all()``, ``assert counts.min() >= 1``)."""
        body = self._body_of(site)
        for statement in _statements(body, ast.Assert):
            text = self._text(statement.test)
            if not any(sign in text for sign in ("> 0", ">0", ">= 1", ">=1", "!= 0")):
                continue
            for name in _names(statement.test):
                named = self.value(name, site)
                if named is not None and named.source is value.source:
                    return True
        return False

    def only_indexed(self, expression: ast.expr, site: Site) -> bool:
        """Whether ``expression`` is assigned to a name that is only ever read indexed
        (``w = 1 / counts`` then ``w[labels]``: per-sample weights, not a class weight)."""
        body = self._body_of(site)
        assigned = [a for a in _statements(body, ast.Assign) if a.value is expression]
        if len(assigned) != 1 or len(assigned[0].targets) != 1:
            return False
        target = assigned[0].targets[0]
        if not isinstance(target, ast.Name):
            return False
        indexed = {id(sub.value) for sub in _statements(body, ast.Subscript)}
        reads = [n for n in _names(body) if n.id == target.id and n is not target]
        return bool(reads) and all(id(n) in indexed for n in reads)

    def models_in_float64(self) -> bool:
        """Whether this module converts a model, or what it computes, to float64
        (``model.double()``, ``Net().to(device, torch.float64)``, ``x.double()``): the
        losses are float64 then. Only class weights converted (counts, weights, a tensor of
        known length) say nothing about the model."""
        for call in self.calls:
            func = call.node.func
            if not isinstance(func, ast.Attribute) or func.attr not in ("double", "to"):
                continue
            if func.attr == "to" and _converted(
                Value(Kind.TENSOR, None), call.node, "to").dtype != "float64":  # fmt: skip
                continue
            converted = self.value(func.value, call.site)
            weights = converted is not None and (
                converted.kind in (Kind.COUNTS, Kind.WEIGHTS)
                or (converted.kind is Kind.TENSOR and (converted.length or converted.array))
            )
            if not weights:
                return True
        return False

    def infinities_replaced(self, expression: ast.expr, site: Site) -> bool:
        """Whether the inf entries of a division are never used: it is a branch of a
        ``where`` (``torch.where(counts > 0, total / counts, 0)``), or ``w = expression`` is
        followed by a write or call that replaces them (``w[w == np.inf] = 0``,
        ``w[counts == 0] = 0``, ``w = torch.nan_to_num(w, posinf=0)``)."""
        if id(expression) in self._where_branches():
            return True
        for (scope, name), bindings in self._bindings.items():
            if scope is not site.scope or not any(b.value is expression for b in bindings):
                continue
            if any(b.order > site.order and _replaces_infinities(b.value, name) for b in bindings):
                return True
            value = self.value(expression, site)
            for event_site, method, change in self._grown.get((scope, name), ()):
                if method != "[]=" or event_site.order <= site.order or change[1] is None:
                    continue
                stored = self.value(change[1], event_site)
                if value is not None and self._guarding_write(
                    value, change[0], stored, event_site, 0, UNKNOWN
                ):
                    return True
        return False

    def _where_branches(self) -> set[int]:
        """The ids of the expressions inside the branches of ``torch.where``/``np.where``
        calls whose condition is a comparison: each entry is chosen by the test."""
        if self._where is None:
            self._where = {
                id(node)
                for call in self.calls
                if call.qualified in library.WHERE and count_arguments(call.node) == 3
                and isinstance(call.node.args[0], ast.Compare)
                for arg in call.node.args[1:]
                for node in subexpressions(arg)
            }  # fmt: skip
        return self._where

    def _body_of(self, site: Site) -> ast.AST:
        function = self._function_by_scope.get(site.scope)
        return function.node if function is not None else self.module

    def constructs(self, call: ast.Call, site: Site, loss: Value) -> bool:
        """Whether ``call`` (which made ``loss``) calls PyTorch's own loss class, by name or
        through a value (``LOSSES[name](**kwargs)``), not a subclass of it."""
        if qualified_name(call.func, site.scope) == loss.loss:
            return True
        callee = self.evaluate(call.func, site, loss.context or UNKNOWN)
        return any(
            item.kind is Kind.LIBRARY and item.qualified == loss.loss
            for item in (_alternatives(callee) if callee is not None else ())
        )

    def moved_classes(self) -> list[Class]:
        """The ``nn.Module`` classes (of any module of the run) whose objects this module
        moves to a device that may be an accelerator: their methods run there."""
        self.runs_on_accelerator()
        found: list[Class] = []
        for call in self._moves or ():
            value = self.value(call.node.func.value, call.site)
            for item in _alternatives(value) if value is not None else ():
                item = self._read(item, 0) if item.kind is Kind.INSTANCE else None
                klass = item.of_class if item is not None else None
                if (
                    klass is not None
                    and klass.facts is not None
                    and klass not in found
                    and klass.facts.is_module_class(klass)
                ):
                    found.append(klass)
        return found

    def product_factors(self) -> set[ast.AST]:
        """The products that are a factor of another product of this module."""
        if self._factors is None:
            self._factors = {
                side
                for product, _ in self.products
                for side in (product.left, product.right)
                if isinstance(side, ast.BinOp) and isinstance(side.op, ast.Mult)
            }
        return self._factors

    def _conditions(self, site: Site) -> dict[str, bool]:
        """The branch tests known at ``site``: true for the arm it is in, false for the arms
        before it (by their text)."""
        known: dict[str, bool] = {}
        for block in site.branches:
            arm = self._arms.get(block)
            if arm is None:
                continue
            for test in arm.tests[:-1]:
                if test is not None:
                    known[self._text(test)] = False
            if arm.tests[-1] is not None:
                known[self._text(arm.tests[-1])] = True
        return known

    def _text(self, node: ast.AST) -> str:
        if node not in self._texts:
            self._texts[node] = text_of(node)
        return self._texts[node]

    def placed_by_framework(self, klass: Class) -> bool:
        """Whether a class derives from a framework class that places it on the accelerator
        (``LightningModule``, ``transformers.Trainer``)."""
        return _derives_from(klass, library.PLACING_BASES)

    def is_module_class(self, klass: Class) -> bool:
        """Whether a class derives from ``torch.nn.Module`` (directly, or through a loss or
        a LightningModule)."""
        return _derives_from(klass, library.MODULE_BASES)

    def class_of(self, site: Site) -> Class | None:
        """The class whose method holds ``site`` (also inside a function nested in it)."""
        scope: Scope | None = site.scope
        while scope is not None:
            function = self._function_by_scope.get(scope)
            if function is not None and function.owner is not None:
                return function.owner
            scope = scope.parent
        return None

    def _to_cpu(self, call: ast.Call, site: Site) -> bool:
        """Whether ``x.to(...)`` names the CPU: ``"cpu"``, ``torch.device("cpu")``, or a name
        every assignment of which is one of those."""
        target = keyword(call, "device") or argument(call, 0, "device")
        return target is not None and self._names_cpu(target, site.scope, 0)

    def _names_cpu(self, expression, scope: Scope | None, depth: int) -> bool:
        if isinstance(expression, ast.Constant):
            return isinstance(expression.value, str) and expression.value.startswith("cpu")
        if isinstance(expression, ast.Call) and qualified_name(expression.func, scope) == (
            "torch.device"
        ):
            first = argument(expression, 0, "type")
            return first is not None and self._names_cpu(first, scope, depth + 1)
        if isinstance(expression, ast.Name) and depth < 3:
            while scope is not None:
                bindings = self._bindings.get((scope, expression.id))
                if bindings:
                    return all(
                        b.value is not None and self._names_cpu(b.value, scope, depth + 1)
                        for b in bindings
                    )
                scope = scope.parent
        return False

    def module_value(self, name: str, depth: int) -> Value | None:
        """What a top-level name of this module holds for a module that imports it."""
        qualified = self.module_scope.resolve(name)
        if qualified is not None:  # imported here: a re-export (`from .models import Net`)
            return self._qualified_value(qualified, None, depth)
        bindings = self._bindings.get((self.module_scope, name))
        if not bindings:
            return self._star_imported(name, depth)
        return join(self._value_of_binding(b, self.module_scope, depth, UNKNOWN) for b in bindings)

    def _star_imported(self, name: str, depth: int) -> Value | None:
        """A name no scope binds, from the modules of the run this module imports with
        ``from module import *`` (the last one that defines it)."""
        for module in reversed(self.module_scope.stars):
            found = self.program.definition(f"{module}.{name}", depth + 1)
            if found is not None:
                return found
        return None

    # -- following values

    def _value(self, expression, site: Site, depth: int, context: Context) -> Value | None:
        """Memoised per expression and context: an expression is always evaluated at its own
        site, so the pair decides the answer (a question still being answered is unknown,
        which ends cycles such as ``a = b; b = a``)."""
        if expression is None or depth > _MAX_DEPTH:
            return None
        # the node's id: its identity is what matters, and an int hashes in C (the module
        # keeps every node alive as long as this memo)
        key = (id(expression), context)
        value = self._memo.get(key, _UNSEEN)
        if value is not _UNSEEN:
            return value
        self._memo[key] = None
        value = self._evaluate(expression, site, depth + 1, context)
        self._memo[key] = value
        return value

    def _evaluate(self, expression, site: Site, depth: int, context: Context) -> Value | None:
        # by exact type: this runs for every expression evaluated
        kind = type(expression)
        if kind is ast.Name or kind is ast.Attribute:
            qualified = qualified_name(expression, site.scope)
            if qualified is not None:
                return self._qualified_value(qualified, expression, depth)
        evaluate = _EVALUATORS.get(kind)
        return None if evaluate is None else evaluate(self, expression, site, depth, context)

    def _value_of_name_node(self, name: ast.Name, site: Site, depth: int, context):
        return self._value_of_name(name.id, site, depth, context)

    def _value_of_choice(self, expression: ast.IfExp, site: Site, depth: int, context):
        truth = self._truth(expression.test, site, depth, context)
        if truth is not None:
            chosen = expression.body if truth else expression.orelse
            return self._value(chosen, site, depth, context)
        return join(
            self._value(branch, site, depth, context)
            for branch in (expression.body, expression.orelse)
        )

    def _value_of_constant(self, expression: ast.Constant, site: Site, depth: int, context):
        return _literal(expression.value, expression)

    def _value_of_unary(self, expression: ast.UnaryOp, site: Site, depth: int, context):
        if not isinstance(expression.op, ast.USub):
            return None
        inner = self._value(expression.operand, site, depth, context)
        if inner is not None and isinstance(inner.literal, int | float):
            return _literal(-inner.literal, expression)
        if inner is not None and inner.kind in TENSOR_KINDS:
            return inner  # -p weighs by the same probabilities (an entropy's -p * log p)
        return None

    def _value_of_definition(self, expression, site: Site, depth: int, context):
        if type(expression) is not ast.ClassDef:
            return Value(Kind.FUNCTION, expression, function=self._functions.get(expression))
        return Value(Kind.CLASS, expression, of_class=self._classes.get(expression))

    def _value_of_boolean(self, expression, site: Site, depth: int, context) -> Value | None:
        """``loss or self.DEFAULT_LOSS()``: the first value that is truthy, else the last
        (``and``: the first that is falsy); unknown when one before it is."""
        deciding = not isinstance(expression.op, ast.And)  # what ends an or, an and
        for operand in expression.values[:-1]:
            value = self._value(operand, site, depth, context)
            if value is None:
                return None
            truthy = bool(value.literal) if value.kind is Kind.LITERAL else True
            if truthy is deciding:
                return value
        return self._value(expression.values[-1], site, depth, context)

    def _qualified_value(self, qualified: str, node, depth: int) -> Value | None:
        """An imported name: a definition of another file of the run, or a library object."""
        defined = self.program.definition(qualified, depth)
        if defined is not None:
            return defined
        return Value(Kind.LIBRARY, node, qualified=qualified)

    def _value_of_name(self, name: str, site: Site, depth: int, context: Context):
        scope: Scope | None = site.scope
        while scope is not None:
            bindings = self._bindings.get((scope, name))
            if bindings:
                if scope is site.scope:
                    value = self._reaching(bindings, name, site, depth, context)
                    return self._grown_list(value, name, site, bindings, depth, context)
                if scope is self.module_scope:
                    # a module's name read in a function: a function runs once the module
                    # has run, so the value is the one that reaches the module's end
                    end = Site(scope, _END_OF_MODULE, ())
                    value = self._reaching(bindings, name, end, depth, UNKNOWN)
                    return self._grown_list(value, name, end, bindings, depth, UNKNOWN)
                # A name of an enclosing function: every binding of it must agree.
                return join(self._value_of_binding(b, scope, depth, UNKNOWN) for b in bindings)
            scope = scope.parent
            while scope is not None and scope.kind == "class":
                scope = scope.parent
        if name == "__name__":  # the linted file runs as a script: its main block runs
            return _literal("__main__", None)
        return self._star_imported(name, depth)

    def _reaching(
        self, bindings: list[Binding], name: str, site: Site, depth: int, context: Context
    ) -> Value | None:
        """The value of the bindings of ``name`` that reach ``site``: the last one certain to
        run, or the join over the arms of the ``if`` that binds it in each arm."""
        before = [b for b in bindings if b.order < site.order or b.parameter is not None]
        for binding in reversed(before):
            runs = self._runs(binding.branches, site.branches, site, depth, context)
            if runs is False:
                continue
            if runs is True:
                return self._value_of_binding(binding, site.scope, depth, context)
            return self._joined_arms(binding, bindings, name, site, depth, context)
        return None

    def _runs(self, branches, at, site: Site, depth: int, context: Context) -> bool | None:
        """Whether code in ``branches`` has certainly run (True), certainly not (False) by
        the time code in ``at`` runs, or maybe (None)."""
        shared = 0
        while shared < len(branches) and shared < len(at) and branches[shared] is at[shared]:
            shared += 1
        if shared == len(branches):
            return True
        first = self._arms.get(branches[shared])
        if first is not None and shared < len(at):
            other = self._arms.get(at[shared])
            if other is not None and other.head is first.head:
                return False  # another arm of the same if
        verdict: bool | None = True
        for block in branches[shared:]:
            arm = self._arms.get(block)
            if arm is not None:
                taken = self._taken(arm, site, depth, context)
            else:  # a loop that certainly ran at least once, or a while or try body
                taken = self._iterates(self._loops.get(block), depth, context) or None
            if taken is False:
                return False
            if taken is None:
                verdict = None
        return verdict

    def _iterates(self, loop, depth: int, context: Context) -> bool:
        """Whether a for loop runs its body (to the end of its last run): its iterable is
        known not to be empty, and no ``break`` may leave it early."""
        if loop is None or loop.node in self._broken:
            return False
        iterable = self._value(loop.node.iter, loop.site, depth, context)
        return (
            iterable is not None
            and iterable.kind in (Kind.SEQUENCE, Kind.MAPPING)
            and bool(iterable.items)
        )

    def _possible(self, site: Site, depth: int, context: Context) -> bool:
        """Whether code at ``site`` may run in ``context`` (no arm around it is ruled out:
        a ``return`` under ``case "softmax":`` of a function called with "logits" is not)."""
        for block in site.branches:
            arm = self._arms.get(block)
            if arm is not None and self._taken(arm, site, depth, context) is False:
                return False
        return True

    def _taken(self, arm, site: Site, depth: int, context: Context) -> bool | None:
        """Whether an arm of an if/elif/else (or match) runs, in ``context``."""
        verdict: bool | None = True
        for index, test in enumerate(arm.tests):
            truth = True if test is None else self._test(arm.head, test, site, depth, context)
            if index < arm.index:
                truth = None if truth is None else not truth  # an earlier arm: its test fails
            if truth is False:
                return False
            if truth is None:
                verdict = None
        return verdict

    def _test(self, head, test, site: Site, depth: int, context: Context) -> bool | None:
        if isinstance(test, ast.match_case):
            subject = self._value(self._match_subjects[head], site, depth, context)
            pattern = test.pattern
            if (
                subject is None
                or subject.kind is not Kind.LITERAL
                or test.guard is not None
                or not isinstance(pattern, ast.MatchValue)
            ):
                return None
            value = self._value(pattern.value, site, depth, context)
            if value is None or value.kind is not Kind.LITERAL:
                return None
            return subject.literal == value.literal
        return self._truth(test, site, depth, context)

    def _truth(self, test, site: Site, depth: int, context: Context) -> bool | None:
        """A condition's value when it follows from literals (a config string, a flag)."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            inner = self._truth(test.operand, site, depth, context)
            return None if inner is None else not inner
        if isinstance(test, ast.BoolOp):
            decisive = isinstance(test.op, ast.Or)  # True decides an or, False an and
            unknown = False
            for operand in test.values:
                truth = self._truth(operand, site, depth, context)
                if truth is decisive:
                    return truth
                unknown = unknown or truth is None
            return None if unknown else not decisive
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            left = self._value(test.left, site, depth, context)
            right = self._value(test.comparators[0], site, depth, context)
            operator = test.ops[0]
            if (
                isinstance(operator, ast.Is | ast.IsNot)
                and left is not None
                and left.kind is not Kind.LITERAL
                and right is not None
                and right.kind is Kind.LITERAL
                and right.literal is None
            ):
                return isinstance(operator, ast.IsNot)  # a layer, a model... is not None
            if left is None or left.kind is not Kind.LITERAL or right is None:
                return None
            if isinstance(operator, ast.Eq | ast.NotEq | ast.Is | ast.IsNot):
                if right.kind is not Kind.LITERAL:
                    return None
                equal = left.literal == right.literal
                return equal if isinstance(operator, ast.Eq | ast.Is) else not equal
            if isinstance(operator, tuple(_ORDERS)):
                numbers = (left.literal, right.literal)
                if right.kind is not Kind.LITERAL or not all(
                    isinstance(n, int | float) and not isinstance(n, bool) for n in numbers
                ):
                    return None
                return _ORDERS[type(operator)](*numbers)
            if isinstance(operator, ast.In | ast.NotIn) and right.kind is Kind.SEQUENCE:
                if not right.complete or any(
                    item is None or item.kind is not Kind.LITERAL for item in right.items or ()
                ):
                    return None
                inside = left.literal in [item.literal for item in right.items or ()]
                return inside if isinstance(operator, ast.In) else not inside
            return None
        value = self._value(test, site, depth, context)
        if value is not None and value.kind is Kind.LITERAL:
            return bool(value.literal)
        return None

    def _joined_arms(self, binding, bindings, name, site, depth, context) -> Value | None:
        """``name`` bound in an arm of an if/elif/else chain that does not hold ``site``:
        the join of what each arm that may run leaves in it (and of what reached the chain,
        when no arm may run)."""
        shared = 0
        while (
            shared < len(binding.branches)
            and shared < len(site.branches)
            and binding.branches[shared] is site.branches[shared]
        ):
            shared += 1
        arm = self._arms.get(binding.branches[shared])
        if arm is None:
            return None
        values = []
        for block in self._chains[arm.head]:
            inner = self._arms[block]
            taken = self._taken(inner, site, depth, context)
            if taken is False:
                continue
            depth_of_block = shared + 1
            in_block = [
                b
                for b in bindings
                if len(b.branches) > shared and b.branches[shared] is block and b.order < site.order
            ]
            before = [b for b in bindings if b.order < arm.order]
            at = Site(site.scope, arm.order, site.branches[:shared])
            last = in_block[-1] if in_block else None
            if last is None:  # the arm leaves the name as it was before the chain
                values.append(self._reaching(before, name, at, depth, context) if before else None)
            elif len(last.branches) != depth_of_block:
                # bound in a branch inside the arm: what reaches the arm's end
                end = Site(site.scope, site.order, (*site.branches[:shared], block))
                values.append(self._reaching([*before, *in_block], name, end, depth, context))
            else:
                values.append(self._value_of_binding(last, site.scope, depth, context))
            if taken is True:
                return values[-1]
        if arm.head not in self._complete_chains:
            before = [b for b in bindings if b.order < arm.order]
            at = Site(site.scope, arm.order, site.branches[:shared])
            values.append(self._reaching(before, name, at, depth, context) if before else None)
        return join(values)

    def _value_of_binding(
        self, binding: Binding, scope: Scope, depth: int, context: Context
    ) -> Value | None:
        if binding.parameter is not None:
            function = self._function_by_scope.get(scope)
            if context.function is not None and context.function.scope is scope:
                given, value = context.argument(binding.parameter)
                if given:
                    return value
            is_self = function is not None and binding.parameter == function.self_name
            if is_self and function.owner is not None:
                # self in __init__ called by a class call is the instance that call makes
                made = context.function is function and function.node.name == "__init__"
                init = context if made else None
                return Value(Kind.INSTANCE, function.node, of_class=function.owner, context=init)
            return self._value(binding.value, binding.site, depth, UNKNOWN)
        if binding.element is not None:
            return self._element(binding.value, binding.element, binding.site, depth, context)
        if binding.site.scope is not scope:
            context = UNKNOWN
        return self._value(binding.value, binding.site, depth, context)

    def _grown_list(self, value, name, site: Site, bindings, depth, context) -> Value | None:
        """What a name holds after the changes made to it before ``site`` (``_grown``)."""
        events = self._grown.get((site.scope, name))
        if value is None or not events:
            return value
        start = max((b.order for b in bindings if b.order < site.order), default=0)
        if value.kind is Kind.INSTANCE:
            return self._after_calls(value, events, start, site, depth, context)
        if value.items is None:
            return self._after_writes(value, events, start, site, depth, context)
        return self._after_growth(value, events, start, site, depth, context)

    def _after_calls(self, instance: Value, events, start: int, site: Site, depth, context):
        """An object after setters of its class were called on it before ``site``, as
        statements that certainly ran (``model.add_loss_op(criterion)``, ``trainer.set_model
        (net)``): what they assign to ``self`` is read in the contexts of those calls."""
        calls = []
        for event_site, method, call in events:
            if method != "call" or event_site.scope is not site.scope:
                continue
            if not start < event_site.order < site.order:
                continue
            if self._runs(event_site.branches, site.branches, site, depth, context) is not True:
                continue
            instance = self._read(instance, depth) or instance
            function = _method(instance.of_class, call.func.attr)
            if function is not None and function.setter and function.node.name != "__init__":
                calls.append(self._bind(function, call, event_site, depth, context, instance))
        if not calls:
            return instance
        return dataclasses.replace(instance, set_by=(*instance.set_by, *calls))

    def _after_writes(self, value: Value, events, start: int, site: Site, depth, context):
        """An array after entries were written into it before ``site``: counts scattered or
        accumulated into ``zeros(C)`` (``hist[c] += 1``, ``sizes[present] = counts``) are
        counts per class, zero where nothing was written; a masked write where counts are
        zero (``counts[counts == 0] = 1``) or weights infinite (``w[w == inf] = 0``) guards
        them."""
        if value.kind not in (Kind.COUNTS, Kind.WEIGHTS, Kind.TENSOR, Kind.ARRAY):
            return value
        for event_site, method, change in events:
            if method not in ("[]=", "[]+=") or event_site.scope is not site.scope:
                continue
            if not start < event_site.order < site.order:
                continue
            target, written = change
            stored = self._value(written, event_site, depth, context) if written else None
            if value.zeros:
                # counts scattered, or counted per class (hist[c] += 1, hits[t] += p == t):
                # zero where nothing was written; other amounts summed per class or group
                # (pixels, sessions, scores) make the sums of a grouped mean
                counted = stored is not None and stored.kind is Kind.COUNTS
                one = stored is not None and type(stored.literal) is int
                if counted or (method == "[]+=" and (one or isinstance(written, ast.Compare))):
                    value = Value(Kind.COUNTS, value.source, device=value.device,
                                  dtype=value.dtype, length=value.length,
                                  array=value.array)  # fmt: skip
                else:
                    value = dataclasses.replace(value, zeros=False, summed=method == "[]+=")
            elif self._guarding_write(value, target, stored, event_site, depth, context):
                if value.kind is Kind.COUNTS:
                    value = dataclasses.replace(value, nonzero=True)
                elif value.derived_from is not None:
                    guarded = dataclasses.replace(value.derived_from, nonzero=True)
                    value = dataclasses.replace(value, derived_from=guarded)
            elif (
                method == "[]="
                and value.kind in (Kind.TENSOR, Kind.ARRAY)
                and stored is not None
                and stored.kind is Kind.WEIGHTS
                and stored.derived_from is not None
                and not stored.derived_from.nonzero
            ):  # w[0] = n_fg / n_bg: an entry divided by a count that may be zero
                value = dataclasses.replace(stored, device=value.device, dtype=value.dtype,
                                            length=value.length, array=value.array)  # fmt: skip
        return value

    def _guarding_write(self, value, target, stored, site: Site, depth, context) -> bool:
        """``counts[counts == 0] = 1``, ``w[torch.isinf(w)] = 0``: the entries that would
        make the division unsafe (a zero count) or its result unusable (an inf weight) are
        replaced by a number."""
        if stored is None or not isinstance(stored.literal, int | float):
            return False
        mask = single_index(target)
        if isinstance(mask, ast.Call) and mask.args:  # torch.isinf(w), np.isinf(w)
            name = mask.func.attr if isinstance(mask.func, ast.Attribute) else ""
            tested, kind = mask.args[0], Kind.WEIGHTS if name == "isinf" else None
        elif isinstance(mask, ast.Compare) and len(mask.ops) == 1:
            tested, operator, bound_node = mask.left, mask.ops[0], mask.comparators[0]
            bound = self._value(bound_node, site, depth, context)
            number = None if bound is None else bound.literal
            named = bound_node.attr if isinstance(bound_node, ast.Attribute) else ""
            inf = named == "inf" or (isinstance(number, float) and number == float("inf"))
            # counts == 0, counts < 1: the entries of absent classes
            zero = (isinstance(operator, ast.Eq) and number == 0) or (
                isinstance(operator, ast.Lt) and number == 1)  # fmt: skip
            if value.kind is Kind.WEIGHTS and zero and value.derived_from is not None:
                # w[counts == 0] = 0: the weights of absent classes replaced
                counts = self._value(tested, site, depth, context)
                return counts is not None and counts.source is value.derived_from.source
            kind = Kind.WEIGHTS if inf else Kind.COUNTS if zero and stored.literal else None
        else:
            return False
        return kind is value.kind and self._value(tested, site, depth, context) == value

    def _after_growth(self, value: Value, events, start: int, site: Site, depth, context):
        """A list built by ``append``/``extend``/``+=`` between the binding at ``start`` and
        ``site``, an ``nn.Sequential`` by ``add_module``, a dict by ``d[key] = value``. Added
        in a loop, the last run's item is last, and what came before it is not known."""
        kind = value.kind
        if kind not in (Kind.SEQUENCE, Kind.LAYER, Kind.MAPPING):
            return value
        items, complete = list(value.items or ()), value.complete
        entries = dict(zip(value.keys or (), items, strict=True)) if kind is Kind.MAPPING else {}
        for event_site, method, change in events:
            if method == "call":  # a method called on the container: not a growth
                continue
            if event_site.scope is not site.scope or not start < event_site.order < site.order:
                continue
            runs = self._runs(event_site.branches, site.branches, site, depth, context)
            if runs is False:
                continue
            if kind is Kind.MAPPING:
                if method not in ("[]=", "[]+="):
                    return None  # d.update(...), d.pop(...): keys unknown
                key = self._key(change[0], event_site, depth, context)
                if key is None:
                    return None  # an item we cannot name changed
                stored = self._value(change[1], event_site, depth, context)
                known = runs and method == "[]="
                entries[key.literal] = stored if known else None  # or perhaps: unknown
                continue
            added = self._added(method, change, event_site, depth, context)
            if added is None or runs is None:
                items, complete = [], False  # it may have grown, by how much is unknown
                continue
            if self._in_loop(event_site.branches, site.branches):
                items, complete = [], False
            items.extend(added)
        if kind is Kind.MAPPING:
            return _mapping_of(entries, value.source)
        if kind is Kind.LAYER:  # an nn.Sequential gives what its last layer gives
            last = items[-1] if items else None
            produces = last.produces if last is not None and last.kind is Kind.LAYER else None
            return dataclasses.replace(value, items=tuple(items), produces=produces)
        return dataclasses.replace(value, items=tuple(items), complete=complete)

    def _added(self, method: str, call, site: Site, depth, context) -> list | None:
        """The items a growing call adds, when known."""
        if method in ("append", "add_module") and count_arguments(call) == 1 + (
            method == "add_module"
        ):
            return [self._value(call.args[-1], site, depth, context)]
        if method in ("extend", "+="):
            source = call if method == "+=" else call.args[0]
            grown = self._value(source, site, depth, context)
            whole = grown is not None and grown.kind is Kind.SEQUENCE and grown.complete
            return list(grown.items or ()) if whole else None
        return None

    def _key(self, target: ast.Subscript, site: Site, depth, context) -> Value | None:
        key = self._value(single_index(target), site, depth, context)
        return key if key is not None and key.kind is Kind.LITERAL else None

    def _in_loop(self, branches, at) -> bool:
        """Whether code in ``branches`` is in a loop that code in ``at`` is not in."""
        return any(block in self._loops for block in branches if block not in at)

    def _element(self, expression, index: int, site: Site, depth: int, context) -> Value | None:
        """The value at ``index`` of the tuple ``expression`` evaluates to (for counts or
        weights iterated, one of their entries)."""
        value = self._value(expression, site, depth, context)
        if index == BUFFER:  # moved with its module: its device is the module's
            return None if value is None else dataclasses.replace(value, device=None)
        if value is not None and value.kind in (Kind.COUNTS, Kind.WEIGHTS):
            # iterating counts of the classes present (a Counter, value_counts) never meets a
            # zero; counts per class (bincount, over range(C)) may
            present = index == ANY_ITEM and value.kind is Kind.COUNTS and not value.complete
            return dataclasses.replace(value, length=None, nonzero=value.nonzero or present)
        return None if index == ANY_ITEM else _item(value, index)

    def _value_of_subscript(self, subscript: ast.Subscript, site: Site, depth: int, context):
        base = self._value(subscript.value, site, depth, context)
        if base is None:
            return None
        if base.kind in TENSOR_KINDS:
            return base  # indexing a tensor keeps what it holds
        if base.kind in (Kind.COUNTS, Kind.WEIGHTS, Kind.TENSOR):  # an entry or a column:
            entry = dataclasses.replace(base, length=None)  # what it holds, as zero
            if base.kind is Kind.COUNTS and (
                self._counted_key(base, subscript, site)
                or self._positive_mask(base, subscript, site, depth, context)
            ):
                return dataclasses.replace(entry, nonzero=True)
            return entry
        key = self._value(single_index(subscript), site, depth, context)
        if key is None or key.kind is not Kind.LITERAL:
            return None
        if base.kind is Kind.SEQUENCE and isinstance(key.literal, int):
            return _item(base, key.literal)
        if base.kind is Kind.MAPPING:
            return _entry(base, key.literal)
        return None

    def _positive_mask(self, counts: Value, subscript: ast.Subscript, site: Site, depth, context):
        """``counts[counts > 0]``, or ``counts[present]`` with ``present = counts > 0``: the
        entries selected are positive."""
        mask = single_index(subscript)
        if isinstance(mask, ast.Name):
            bindings = self._bindings.get((site.scope, mask.id), [])
            mask = bindings[0].value if len(bindings) == 1 else None
        if not isinstance(mask, ast.Compare) or len(mask.ops) != 1:
            return False
        operator = mask.ops[0]
        bound = self._value(mask.comparators[0], site, depth, context)
        positive = bound is not None and (
            (isinstance(operator, ast.Gt | ast.NotEq) and bound.literal == 0)
            or (isinstance(operator, ast.GtE) and bound.literal == 1)
        )  # fmt: skip
        return positive and self._value(mask.left, site, depth, context) == counts

    def _counted_key(self, counts: Value, subscript: ast.Subscript, site: Site) -> bool:
        """``counter[c] for c in labels`` where the counts are ``Counter(labels)``: the entry
        of a label that was counted is never zero (a sampler's per-sample weights)."""
        made = counts.source
        key = single_index(subscript)
        if not isinstance(made, ast.Call) or not made.args or not isinstance(key, ast.Name):
            return False
        counted = self._text(made.args[0])
        bindings = self._bindings.get((site.scope, key.id), [])
        return bool(bindings) and all(
            b.element is not None and b.value is not None and self._text(b.value) == counted
            for b in bindings
        )

    def _present_key(self, test, site: Site) -> bool:
        """``y == c`` where ``c`` runs over the classes present in ``y`` (``for c in
        np.unique(y)``): a class drawn from the labels counted is counted at least once."""
        if not isinstance(test, ast.Compare) or len(test.ops) != 1:
            return False
        sides = (test.left, test.comparators[0])
        for key, data in (sides, sides[::-1]):
            if not isinstance(key, ast.Name):
                continue
            bindings = self._bindings.get((site.scope, key.id), [])
            before = [b for b in bindings if b.order < site.order]  # the loop this count is in
            if before and self._draws_from(before[-1], data):
                return True
        return False

    def _draws_from(self, binding: Binding, data) -> bool:
        if binding.element is None or binding.value is None:
            return False
        values = self._value(binding.value, binding.site, 0, UNKNOWN)
        if values is None or values.kind is not Kind.TENSOR or values.complete:
            return False
        made = values.source  # np.unique(y)
        return isinstance(made, ast.Call) and bool(made.args) and (
            self._text(made.args[0]) == self._text(data))  # fmt: skip

    def _reduced(self, value: Value | None, call, reduction: str) -> Value | None:
        """One number reduced from per-class values: the minimum of counts that may be zero
        may be zero; their sum, maximum or mean is not (some class has samples)."""
        if value is None or value.kind not in (Kind.COUNTS, Kind.WEIGHTS, Kind.TENSOR):
            return None
        if value.reduced_from is not None:
            return None
        nonzero = value.nonzero or reduction not in ("min", "amin", "nanmin")
        return Value(value.kind, call, dtype=value.dtype, array=value.array, nonzero=nonzero,
                     reduced_from=value, derived_from=value.derived_from)  # fmt: skip

    def _sequence(self, expression, site: Site, depth: int, context: Context) -> Value:
        return self._listed(expression.elts, expression, site, depth, context)

    def _listed(self, elements, source, site: Site, depth: int, context: Context) -> Value:
        """The sequence of ``elements`` (``*rest`` among them)."""
        items: list[Value | None] = []
        complete = True
        for element in elements:
            if type(element) is ast.Starred:
                inner = self._value(element.value, site, depth, context)
                if inner is not None and inner.kind is Kind.SEQUENCE and inner.complete:
                    items.extend(inner.items or ())
                elif inner is not None and inner.kind is Kind.SEQUENCE:
                    items, complete = list(inner.items or ()), False  # its known last items
                else:
                    items, complete = [], False
                continue
            items.append(self._value(element, site, depth, context))
        return Value(Kind.SEQUENCE, source, items=tuple(items), complete=complete, array=True)

    def _mapping(self, expression: ast.Dict, site: Site, depth: int, context) -> Value | None:
        entries: dict = {}
        for key_node, value_node in zip(expression.keys, expression.values, strict=True):
            if key_node is None:  # {**defaults, **overrides}
                other = self._value(value_node, site, depth, context)
                if other is None or other.kind is not Kind.MAPPING:
                    return None  # keys unknown
                entries.update(zip(other.keys or (), other.items or (), strict=True))
                continue
            key = self._value(key_node, site, depth, context)
            if key is None or key.kind is not Kind.LITERAL:
                return None
            entries[key.literal] = self._value(value_node, site, depth, context)
        return _mapping_of(entries, expression)

    def _value_of_operation(self, expression, site: Site, depth: int, context) -> Value | None:
        operator = expression.op
        folded = self._folded(expression, site, depth, context)
        if folded is not None:
            return folded
        if isinstance(operator, ast.Div):
            # 1 / counts, N / counts, counts.max() / counts: weights from counts
            counts = self._value(expression.right, site, depth, context)
            left = self._value(expression.left, site, depth, context)
            if (
                left is not None
                and left.kind is Kind.COUNTS
                and left.reduced_from is None
                and (counts is None or counts.kind is not Kind.COUNTS or counts.nonzero)
            ):  # counts over a total or over pixels seen: a share, zero where the counts are
                return left
            if counts is not None and counts.reduced_from is not None:
                if left is not None and _inverse_share(counts, left):
                    # amounts read from data over their total: a share, zero where they are
                    return Value(Kind.COUNTS, left.source, array=left.array, dtype=left.dtype,
                                 device=left.device)  # fmt: skip
                return self._cpu_arithmetic(expression, site, depth, context)  # a scale
            if (
                counts is not None
                and counts.kind is not Kind.COUNTS
                and _inverse_share(left, counts)
            ):  # total / amounts read from data: inf where an amount is 0
                counts = Value(Kind.COUNTS, counts.source, array=counts.array)
            if counts is not None and counts.kind is Kind.COUNTS:
                return Value(
                    Kind.WEIGHTS,
                    expression,
                    length=counts.length,
                    device=counts.device,
                    # numpy divides in float64, and so does torch for float64 counts
                    dtype="float64" if counts.array or counts.dtype == "float64" else None,
                    array=counts.array,
                    derived_from=counts,
                )
        if isinstance(operator, ast.Mult):
            # C * counts is as zero as counts
            for side in (expression.left, expression.right):
                counts = self._value(side, site, depth, context)
                if counts is not None and counts.kind is Kind.COUNTS:
                    return counts
        if isinstance(operator, ast.Sub):  # 1 - beta ** n: zero where n is
            exponent = _exponent(expression.right)
            counts = self._value(exponent, site, depth, context) if exponent else None
            if counts is not None and counts.kind is Kind.COUNTS:
                return dataclasses.replace(counts, source=expression)
        if isinstance(operator, ast.Add | ast.Sub):
            # p + 1e-8, p + eps: probabilities kept from 0 (the "epsilon" before a log);
            # counts + 1: counts that are never zero
            for value_side, number_side in (
                (expression.left, expression.right),
                (expression.right, expression.left),
            ):
                number = self._value(number_side, site, depth, context)
                if number is not None and isinstance(number.literal, int | float):
                    value = self._value(value_side, site, depth, context)
                    if value is not None and value.kind is Kind.COUNTS:
                        if isinstance(operator, ast.Sub):  # 1 - share: 0 for a class
                            return Value(Kind.COUNTS, expression, length=value.length,  # of all
                                         device=value.device, array=value.array)  # fmt: skip
                        return dataclasses.replace(value, nonzero=True)
                    if value is not None and value.kind in _GUARDED:
                        return dataclasses.replace(value, nonzero=True)
                    if value is not None:
                        return value
        if isinstance(operator, ast.Sub):  # labels.numel() - positives: a count too
            right = self._value(expression.right, site, depth, context)
            if right is not None and right.kind is Kind.COUNTS:
                return dataclasses.replace(right, source=expression, nonzero=False)
        return self._cpu_arithmetic(expression, site, depth, context)

    def _folded(self, expression, site: Site, depth: int, context) -> Value | None:
        """``NUM_FG + 1``, ``2 * C``: integer arithmetic of known ints (class counts)."""
        if not isinstance(expression.op, ast.Add | ast.Sub | ast.Mult):
            return None
        sides = []
        for side in (expression.left, expression.right):
            if not isinstance(side, ast.Name | ast.Constant | ast.BinOp | ast.Attribute):
                return None
            value = self._value(side, site, depth, context)
            literal = None if value is None else value.literal
            if not isinstance(literal, int) or isinstance(literal, bool):
                return None
            sides.append(literal)
        operations = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
        return _literal(operations[type(expression.op)](*sides), expression)

    def _cpu_arithmetic(self, expression, site: Site, depth: int, context) -> Value | None:
        """``w / w.sum() * len(w)`` of a tensor made on the CPU stays there: arithmetic runs
        only with numbers, 0-d tensors and tensors on the same device. (What it holds besides
        its device is not known.) Counts and weights scaled by a number stay counts and
        weights."""
        if not isinstance(expression.op, ast.Div | ast.Mult | ast.Add | ast.Sub):
            return None
        left = self._value(expression.left, site, depth, context)
        right = self._value(expression.right, site, depth, context)
        for tensor, other in ((left, right), (right, left)):
            if (
                tensor is not None
                and tensor.kind is Kind.TENSOR
                and tensor.device == "cpu"
                and not tensor.array
                and (
                    other is None
                    or other.literal is not None
                    or other.kind in (Kind.TENSOR, Kind.NUMBER)
                )
            ):
                return tensor
        # counts or weights scaled by a number (a share, a normalisation) keep what they are:
        # as long, zero where they were
        numpy = _numpy_arithmetic(left, right)
        if numpy is not None:
            return dataclasses.replace(numpy, source=expression)
        number = (
            right is None
            or right.literal is not None
            or right.kind is Kind.NUMBER
            or right.reduced_from is not None
        )
        if (
            left is not None
            and left.kind in (Kind.COUNTS, Kind.WEIGHTS)
            and left.reduced_from is None
            and isinstance(expression.op, ast.Div | ast.Mult)
            and number
        ):
            if (
                left.kind is Kind.WEIGHTS
                and (right is None or right.reduced_from is not None)
                and isinstance(expression.op, ast.Div)
            ):  # w / w.sum(), w / w.mean(): their scale is set
                return dataclasses.replace(left, normalised=True)
            return left
        return None

    def _value_of_attribute(self, attribute: ast.Attribute, site: Site, depth: int, context):
        if attribute.attr == "values":  # a pandas Series' numpy array
            value = self._value(attribute.value, site, depth, context)
            return None if value is None else dataclasses.replace(value, array=True)
        base = self._value(attribute.value, site, depth, context)
        return self._attribute(base, attribute.attr, attribute, depth)

    def _attribute(self, base: Value | None, name: str, node, depth: int) -> Value | None:
        if base is None:
            return None
        if base.kind is Kind.ONE_OF:
            return join(self._attribute(one, name, node, depth) for one in base.items or ())
        base = self._read(base, depth)
        if base is None:
            return None
        if name == "__call__" and base.kind is Kind.INSTANCE and not _method(base.of_class, name):
            return base  # model.__call__(x): nn.Module's, which runs forward
        if base.kind is Kind.INSTANCE:
            return self._instance_attribute(base, name, depth)
        if base.kind is Kind.CLASS:
            method = _method(base.of_class, name)
            if method is not None:
                return Value(Kind.FUNCTION, node, function=method)
            return self._class_attribute(base.of_class, name, depth)
        if base.kind is Kind.LIBRARY and base.qualified is not None:
            return self._qualified_value(f"{base.qualified}.{name}", node, depth)
        if name in ("forward", "__call__") and base.kind in (Kind.LAYER, Kind.LOSS):
            return base  # loss.forward(p, y), layer.forward(x): the same call
        if base.kind in TENSOR_KINDS and name in ("T", "mT", "data"):
            return base
        return None

    def _instance_attribute(self, instance: Value, name: str, depth: int) -> Value | None:
        """``instance.name``: a method (bound to it), or what its class's methods assign to
        ``self.name``, read in the context the instance was made in; every assignment must
        agree."""
        values: list[Value | None] = []
        for klass in _lineage(instance.of_class, depth):
            method = klass.methods.get(name)
            if method is not None and not values:
                return Value(Kind.FUNCTION, method.node, function=method, receiver=instance)
            facts = klass.facts
            for binding in klass.attributes.get(name, ()):
                function = facts._function_by_scope.get(binding.site.scope)
                context = self._method_context(function, instance)
                if not facts._possible(binding.site, depth, context):
                    continue  # in an arm this object rules out (`if self.loss_type is None:`)
                value = facts._value_of_binding(binding, binding.site.scope, depth, context)
                if value is not None and value.items is not None and name in klass.grown:
                    end = Site(binding.site.scope, 1 << 62, ())  # the end of the method
                    grown = klass.grown[name]
                    value = facts._after_growth(value, grown, binding.order, end, depth, context)
                values.append(value)
            if values:
                return join(values)
            class_bindings = facts._bindings.get((klass.scope, name))
            if class_bindings:
                return join(
                    facts._value_of_binding(b, klass.scope, depth, UNKNOWN) for b in class_bindings
                )
        return None

    def _class_attribute(self, klass: Class | None, name: str, depth: int) -> Value | None:
        """``Config.name``: what the class body (or a base class's) binds to it, as a
        configuration class holds its settings."""
        for ancestor in _lineage(klass, depth):
            facts = ancestor.facts
            bindings = facts._bindings.get((ancestor.scope, name)) if facts is not None else None
            if bindings:
                return join(
                    facts._value_of_binding(b, ancestor.scope, depth, UNKNOWN) for b in bindings
                )
        return None

    @staticmethod
    def _method_context(function: Function | None, instance: Value) -> Context:
        if function is None:
            return UNKNOWN
        if instance.context is not None and instance.context.function is function:
            return instance.context
        for made in reversed(instance.set_by):  # the last call of a setter is what holds
            if made.function is function:
                return made
        if function.self_name is None:
            return Context(function)
        return Context(function, ((function.self_name, instance),))

    # -- calls

    def _callee(self, call: ast.Call, site: Site, depth: int, context: Context) -> Value | None:
        """What the called expression is: a function, class or instance of the run, a layer,
        a loss object, a library object."""
        func = call.func
        qualified = qualified_name(func, site.scope)
        if qualified is not None:
            return self._qualified_value(qualified, func, depth)
        return self._value(func, site, depth, context)

    def _value_of_call(self, call: ast.Call, site: Site, depth: int, context: Context):
        if _is_builtin(call.func, "getattr", site) and len(call.args) >= 2:
            # getattr(nn, name)(): the attribute a literal name gives
            name = self._value(call.args[1], site, depth, context)
            if name is None or not isinstance(name.literal, str):
                return None
            base = self._value(call.args[0], site, depth, context)
            return self._attribute(base, name.literal, call, depth)
        if any(_is_builtin(call.func, name, site) for name in _KEEPING_BUILTINS):
            kept = self._value(call.args[0], site, depth, context) if call.args else None
            if kept is not None and kept.kind in _NUMBERS:
                # the same numbers (dict(value_counts()), sorted(...), dict(enumerate(w)))
                return kept
        if any(_is_builtin(call.func, name, site) for name in ("int", "float")) and call.args:
            kept = self._value(call.args[0], site, depth, context)
            if kept is not None and kept.kind is Kind.COUNTS:
                return kept
        if (
            _is_builtin(call.func, "len", site)
            and count_arguments(call) == 1
            and _filtered(call.args[0])
        ):  # len([s for s in samples if s.label == c]): a count
            return Value(Kind.COUNTS, call, single=True)
        if (
            _is_builtin(call.func, "sum", site)
            and count_arguments(call) == 1
            and _filtered(call.args[0])
        ):  # sum(1 for r in records if r.label == c)
            return Value(Kind.COUNTS, call, single=True)
        if _is_builtin(call.func, "len", site) and count_arguments(call) == 1:
            items = self._value(call.args[0], site, depth, context)
            known = items is not None and items.kind in (Kind.SEQUENCE, Kind.MAPPING)
            if known and items.items is not None and items.complete:
                return _literal(len(items.items), call)
            return Value(Kind.NUMBER, call)
        callee = self._callee(call, site, depth, context)
        # a method of numbers (counts.values(), w.tolist()), or of something unknown
        method = callee is None or callee.kind in _NUMBERS
        if method and isinstance(call.func, ast.Attribute):
            return self._value_of_method(call, site, depth, context)
        return self._call(callee, call, site, depth, context)

    def _call(self, callee, call: ast.Call, site: Site, depth: int, context: Context):
        """What calling ``callee`` with ``call``'s arguments returns."""
        if callee is None:
            return None
        if callee.kind is Kind.ONE_OF:
            return join(self._call(one, call, site, depth, context) for one in callee.items or ())
        if callee.kind is Kind.LIBRARY and callee.qualified is not None:
            made = self._library_call(call, callee.qualified, site, depth, context)
            if made is not None and made.kind is Kind.LOSS and _is_partial(callee.source):
                # a loss class with arguments bound by functools.partial: they are the
                # constructor's (its weight among them)
                return dataclasses.replace(made, source=callee.source, context=callee.context)
            return made
        if callee.kind is Kind.FUNCTION and callee.function is not None:
            return self._returned(callee.function, call, site, depth, context, callee.receiver)
        if callee.kind is Kind.CLASS and callee.of_class is None:
            made = (site, self, context)  # its __init__ runs when the class is read
            return Value(Kind.INSTANCE, call, qualified=callee.qualified, made=made)
        callee = self._read(callee, depth)
        if callee is None:
            return None
        if callee.kind is Kind.CLASS and callee.of_class is not None:
            loss = _loss_base(callee.of_class, depth)
            if loss is not None:
                return Value(Kind.LOSS, call, loss=loss, context=context)
            return self._instance(callee.of_class, call, site, depth, context)
        if callee.kind is Kind.LAYER:  # from the layer that makes it: where a user looks
            if callee.produces is None:
                return None
            return Value(callee.produces, _producer(callee), length=callee.length)
        if callee.kind is Kind.LOSS:
            if _reduction(callee.source) == "none":
                return Value(Kind.PER_SAMPLE_LOSS, call, loss=callee.loss)
            return None
        if callee.kind is Kind.INSTANCE and callee.of_class is not None:
            forward = _method(callee.of_class, "forward") or _method(callee.of_class, "__call__")
            if forward is not None:
                return self._returned(forward, call, site, depth, context, callee)
            return None
        return None

    def _read(self, value: Value, depth: int) -> Value | None:
        """A class, or an instance of one, of another file not read yet: read (its file
        parsed, the instance's __init__ run with the arguments of the call that made it)."""
        if value.kind not in (Kind.CLASS, Kind.INSTANCE) or value.of_class is not None:
            return value
        klass = self.program.read_class(value.qualified) if value.qualified else None
        if klass is None:
            return None
        if value.kind is Kind.CLASS:
            return dataclasses.replace(value, of_class=klass)
        init, context = _method(klass, "__init__"), None
        if init is not None and value.made is not None:
            site, facts, made_in = value.made
            context = facts._bind(init, value.source, site, depth, made_in, None)
        return dataclasses.replace(value, of_class=klass, context=context, made=None)

    def _instance(self, klass: Class, call, site: Site, depth: int, context) -> Value:
        init = _method(klass, "__init__")
        made = None
        if init is not None:
            made = self._bind(init, call, site, depth, context, None)
        return Value(Kind.INSTANCE, call, of_class=klass, context=made)

    def _bind(self, function: Function, call, site, depth, context, receiver) -> Context:
        """The context ``call`` runs ``function`` in: its arguments bound to parameters."""
        arguments: dict[str, Value | None] = {}
        positional = list(function.parameters)
        if receiver is not None and positional and function.self_name is not None:
            arguments[positional.pop(0)] = receiver
        elif function.self_name is not None and positional and function.node.name in ("__init__",):
            positional.pop(0)  # a class call: self is the new instance
        index = 0
        keywords: list[tuple[str, Value | None]] = []
        for arg in call.args:
            if type(arg) is ast.Starred:
                index = len(positional)  # what follows a *args is not known by position
                continue
            if index < len(positional):
                arguments[positional[index]] = _passed(self._value(arg, site, depth, context), call)
                index += 1
        for given in call.keywords:
            value = self._value(given.value, site, depth, context)
            if given.arg is not None:
                keywords.append((given.arg, _passed(value, call)))
            elif value is not None and value.kind is Kind.MAPPING and value.keys:
                # f(**config): its literal keys are keywords
                keywords += [
                    (key, _passed(item, call))
                    for key, item in zip(value.keys, value.items or (), strict=True)
                    if isinstance(key, str)
                ]
        star = function.node.args.kwarg
        extra: list[tuple[str, Value | None]] = []
        for name, value in keywords:
            if name in function.parameters or name in function.keyword_only:
                arguments[name] = value
            else:
                extra.append((name, value))
        if extra and star is not None:  # the **kwargs parameter holds the rest
            arguments[star.arg] = Value(
                Kind.MAPPING, call, keys=tuple(n for n, _ in extra),
                items=tuple(v for _, v in extra),
            )  # fmt: skip
        bound = tuple(sorted(arguments.items(), key=lambda item: item[0]))
        return Context(function, bound, context.depth + 1)

    def _returned(self, function: Function, call, site, depth, context, receiver):
        """What a call of a function of the run returns, evaluated with its arguments."""
        if context.depth >= _MAX_CALLS:
            return None
        inner = self._bind(function, call, site, depth, context, receiver)
        facts = function.facts
        key = (function, inner)
        if key in facts._returns:
            found = facts._returns[key]
        elif key in facts._active or not function.returns:
            return None
        else:
            facts._active.add(key)
            try:
                found = join(
                    facts._value(r, s, depth, inner)
                    for r, s in function.returns
                    if facts._possible(s, depth, inner)
                )
            finally:
                facts._active.discard(key)
            facts._returns[key] = found
        return _left(found, call)

    def _value_of_comprehension(self, comprehension, site: Site, depth: int, context):
        """``[N / n for _, n in sorted(counts.items())]``: weights, one per class counted."""
        source = comprehension.generators[0].iter
        if (
            isinstance(source, ast.Call)
            and isinstance(source.func, ast.Name)
            and source.func.id == "sorted"
            and qualified_name(source.func, site.scope) is None
        ):
            source = source.args[0] if source.args else None
        if not (
            isinstance(source, ast.Call)
            and isinstance(source.func, ast.Attribute)
            and source.func.attr in ("items", "values")
        ):
            return self._weights_listed(comprehension, site, depth, context)
        counts = self._value(source.func.value, site, depth, context)
        if counts is None or counts.kind is not Kind.COUNTS:
            return self._weights_listed(comprehension, site, depth, context)
        return Value(Kind.WEIGHTS, comprehension, array=True, derived_from=counts)

    def _weights_listed(self, comprehension, site: Site, depth: int, context) -> Value | None:
        """``[total / freq[c] for c in sorted(freq)]``: an element that is a weight from
        counts makes the list weights from those counts; ``[(y == c).sum() for c in
        range(C)]``, elements that are counts, counts (one per class iterated)."""
        elt = comprehension.value if isinstance(comprehension, ast.DictComp) else comprehension.elt
        element = self._value(elt, site, depth, context)
        if element is not None and element.kind is Kind.TENSOR and element.dtype == "float64":
            return dataclasses.replace(element, source=comprehension)  # numpy float64 numbers
        if element is None or element.kind not in (Kind.WEIGHTS, Kind.COUNTS):
            return None
        # one per class iterated: over np.unique(y), one per class present in y only (over
        # counts of the classes present, WCE201 tells)
        iterated = self._value(comprehension.generators[0].iter, site, depth, context)
        complete = iterated is None or iterated.kind is not Kind.TENSOR or iterated.complete
        if element.kind is Kind.COUNTS:
            return Value(Kind.COUNTS, comprehension, array=True, nonzero=element.nonzero,
                         complete=complete)  # fmt: skip
        # numpy float64 numbers in a list stay float64 in the tensor made of it
        return Value(Kind.WEIGHTS, comprehension, array=True, derived_from=element.derived_from,
                     complete=complete, dtype=element.dtype)  # fmt: skip

    def _value_of_method(self, call: ast.Call, site: Site, depth: int, context):
        """``x.softmax(1)``, ``p.log()``, ``x.to(device)``, ``model.eval()``, ``d.get(k)``."""
        method = call.func.attr
        receiver = call.func.value
        if method in _STRING_METHODS and not count_arguments(call):  # name.lower() == "ce"
            text = self._value(receiver, site, depth, context)
            if text is not None and isinstance(text.literal, str):
                return _literal(getattr(text.literal, method)(), call)
        if method == "value_counts":  # pandas: only the classes present, in count order, >= 1
            return Value(Kind.COUNTS, call, array=True, complete=False, nonzero=True)
        if method == "sum" and _counted(receiver) and _over_samples(call, 0):
            # (y == c).sum(), y.ne(0).sum(): the count of one class (summed along another
            # axis, (ids == mask).sum(-1), a count per row)
            present = self._present_key(receiver, site)
            return Value(Kind.COUNTS, call, nonzero=present, single=True)
        if method in library.REDUCTION_METHODS and not count_arguments(call):  # counts.sum()
            reduced = self._reduced(self._value(receiver, site, depth, context), call, method)
            if reduced is not None:
                return reduced
        if method in library.KEEPING_METHODS:  # the same numbers (of a dict, a frame)
            kept = self._value(receiver, site, depth, context)
            if kept is not None and kept.kind in _NUMBERS:  # .to_numpy(dtype=np.float32)
                return dataclasses.replace(kept, dtype=_dtype_of(call) or kept.dtype)
        if method in library.METHOD_PRODUCERS:
            return Value(library.METHOD_PRODUCERS[method], call)
        value = self._value(receiver, site, depth, context)
        if value is not None and value.kind in (Kind.INSTANCE, Kind.LAYER, Kind.LOSS, Kind.ONE_OF):
            return value if method in library.RETURNS_SELF else None
        if method in ("get", "pop") and value is not None and value.kind is Kind.MAPPING:
            key = self._value(argument(call, 0, "key"), site, depth, context)
            return None if key is None else _entry(value, key.literal)
        if method in ("to", "cuda", "cpu", "float", "double", "half", "numpy", "type_as"):
            if value is None:  # of an unknown tensor, .cpu() still says where it is
                return Value(Kind.TENSOR, call, device="cpu") if method == "cpu" else None
            return _converted(value, call, method)
        if method in library.GUARD_METHODS:
            if value is not None and value.kind in _GUARDED:
                return dataclasses.replace(value, nonzero=True)
            return value
        if method in library.SHAPE_METHODS:
            return value
        if method in ("log", "exp") and not count_arguments(call):
            return _log_or_exp(method, value, call)
        return None

    def _library_call(self, call, qualified: str, site: Site, depth: int, context):
        def first(name: str = "input"):
            return self._value(argument(call, 0, name), site, depth, context)

        if qualified in library.PRODUCERS:
            return Value(library.PRODUCERS[qualified], call)
        if qualified in ("torch.log", "torch.exp"):
            return _log_or_exp(qualified[6:], first(), call)
        if qualified in library.LAYERS:
            out = None
            if qualified in ("torch.nn.Linear", "torch.nn.LazyLinear"):
                position = 0 if qualified.endswith("LazyLinear") else 1
                out = self._integer(argument(call, position, "out_features"), site, depth, context)
            elif qualified.startswith("torch.nn.Conv"):
                out = self._integer(argument(call, 1, "out_channels"), site, depth, context)
            return Value(Kind.LAYER, call, produces=library.LAYERS[qualified], length=out)
        if qualified == library.SEQUENTIAL:
            return self._sequential(call, site, depth, context)
        if qualified in library.MODULE_CONTAINERS:  # nn.ModuleList(), nn.ModuleDict({...})
            if not count_arguments(call):
                empty = Kind.SEQUENCE if qualified.endswith("List") else Kind.MAPPING
                return Value(empty, call, items=(), keys=() if empty is Kind.MAPPING else None)
            return first("modules")
        if qualified in library.SHAPE_FUNCTIONS or qualified in library.IDENTITIES:
            return first()
        if qualified in library.JOINS:
            parts = first("tensors")
            if parts is None or parts.kind is not Kind.SEQUENCE or not parts.complete:
                return None
            joined = join(parts.items or (None,))
            return joined if joined is not None and joined.kind in TENSOR_KINDS else None
        if qualified in library.PRODUCTS:
            sides = [self._value(arg, site, depth, context) for arg in call.args[:2]]
            kinds = {side.kind if side is not None else None for side in sides}
            if Kind.PROBABILITIES in kinds and kinds <= {Kind.PROBABILITIES, Kind.ONE_HOT}:
                return Value(Kind.PROBABILITIES, call)
            return None
        if qualified == "functools.partial":  # partial(F.cross_entropy, weight=w)
            value = first("func")
            if value is None or value.kind is not Kind.LIBRARY:
                return None
            # the partial call is where its bound arguments are (a loss's weight among them)
            return dataclasses.replace(value, source=call, context=context)
        if qualified in library.LOSS_CLASSES:
            return Value(Kind.LOSS, call, loss=qualified, context=context)
        if qualified.startswith(library.MODEL_LIBRARIES):  # resnet18(num_classes=10)
            classes = self._integer(keyword(call, "num_classes"), site, depth, context)
            if classes is not None:
                return Value(Kind.LAYER, call, produces=Kind.LOGITS, length=classes)
        if qualified in library.LOSS_FUNCTIONS and _reduction(call) == "none":
            return Value(Kind.PER_SAMPLE_LOSS, call, loss=qualified)
        if qualified in ("numpy.loadtxt", "numpy.genfromtxt"):  # numbers read from a file
            return Value(Kind.TENSOR, call, array=True, dtype="float64")
        if qualified in ("numpy.unique", "torch.unique") and _flag(call, "return_counts"):
            # (values, [indices], [inverse], counts): the counts of the classes present only,
            # never zero
            flags = ("return_index", "return_inverse") if qualified == "numpy.unique" else (
                "return_inverse",)  # fmt: skip
            position = 1 + sum(_flag(call, flag) for flag in flags)
            counts = Value(Kind.COUNTS, call, array=qualified == "numpy.unique", nonzero=True,
                           dtype="int64", complete=False)  # fmt: skip
            return Value(Kind.SEQUENCE, call, items=(*(None,) * position, counts))
        if qualified in ("numpy.unique", "torch.unique"):  # the classes present, only
            return Value(Kind.TENSOR, call, array=qualified == "numpy.unique", complete=False)
        if qualified == "torch.bincount":
            minlength = self._integer(argument(call, 2, "minlength"), site, depth, context)
            device = self._device_of(call, site, depth, context)
            return Value(Kind.COUNTS, call, device=device, length=minlength)
        if qualified == "numpy.bincount":
            return Value(Kind.COUNTS, call, array=True, dtype="int64")
        if qualified == "collections.Counter":  # only the classes present (0 for the others)
            return Value(Kind.COUNTS, call, array=True, complete=False)
        if qualified == "sklearn.utils.class_weight.compute_class_weight":
            # classes=np.unique(y): one weight per class present in y only
            classes = self._value(keyword(call, "classes"), site, depth, context)
            present = classes is not None and classes.kind is Kind.TENSOR and not classes.complete
            return Value(Kind.WEIGHTS, call, array=True, dtype="float64", complete=not present)
        if qualified in library.NUMPY_FACTORIES:
            data = first("object") if qualified in ("numpy.array", "numpy.asarray") else None
            if data is not None and data.kind in (Kind.COUNTS, Kind.WEIGHTS):
                return dataclasses.replace(data, array=True)  # np.array(counts): the same
            dtype = _dtype_of(call) or "float64"
            written = _written_numbers(data, call, dtype, None, array=True)
            if written is not None:
                return written
            length = None
            if qualified == "numpy.zeros":
                length = self._one_dimension(argument(call, 0, "shape"), site, depth, context)
            return Value(Kind.ARRAY, call, array=True, dtype=dtype, length=length,
                         zeros=qualified == "numpy.zeros")  # fmt: skip
        if qualified in library.FROM_DATA:  # torch.tensor(x): what x holds, as a tensor
            data = self._value(argument(call, 0, "data"), site, depth, context)
            device = "given" if keyword(call, "device") is not None else "cpu"
            dtype = _dtype_of(call) or (data.dtype if data is not None else None)
            if data is not None and data.kind in (Kind.COUNTS, Kind.WEIGHTS):
                return dataclasses.replace(data, device=device, dtype=dtype, array=False)
            written = _written_numbers(data, call, dtype, device, array=False)
            return written or Value(Kind.TENSOR, call, device=device, dtype=dtype)
        if qualified in library.FACTORIES:
            device = "given" if keyword(call, "device") is not None else "cpu"
            dtype = "float64" if qualified == "torch.DoubleTensor" else _dtype_of(call)
            length = None
            if qualified in ("torch.ones", "torch.zeros", "torch.full", "torch.empty",
                             "torch.rand"):  # fmt: skip
                length = self._one_dimension(argument(call, 0, "size"), site, depth, context)
            return Value(Kind.TENSOR, call, device=device, dtype=dtype, length=length,
                         zeros=qualified == "torch.zeros")  # fmt: skip
        if (
            qualified in library.COUNTING_SUMS
            and _counted(argument(call, 0, "input"))
            and _over_samples(call, 1)
        ):  # np.sum(y == c), torch.count_nonzero(y == c): the count of one class, never zero
            # for a class drawn from the labels counted
            present = self._present_key(argument(call, 0, "input"), site)
            return Value(Kind.COUNTS, call, nonzero=present, single=True)
        if qualified in library.REDUCTIONS and count_arguments(call) == 1:  # np.sum(counts)
            reduced = self._reduced(first(), call, qualified.rsplit(".", 1)[-1])
            if reduced is not None:
                return reduced
        if qualified in ("numpy.sqrt", "torch.sqrt"):  # zero where the counts are
            value = first()
            if value is not None and value.kind in (Kind.COUNTS, Kind.WEIGHTS):
                return value
        if qualified in library.NUMPY_MATH:  # numpy of numbers: float64 numbers
            return Value(Kind.TENSOR, call, array=True, dtype="float64")
        if qualified in library.TABLE_READERS:  # a table of numbers, in float64 columns
            return Value(Kind.TENSOR, call, array=True, dtype="float64")
        if qualified in library.GUARD_FUNCTIONS:
            value = first()
            if value is not None and value.kind in _GUARDED:
                return dataclasses.replace(value, nonzero=True)
            return value
        return None

    def _integer(self, expression, site: Site, depth: int, context) -> int | None:
        """The int an expression holds, when it is known (a literal, a config value...)."""
        if expression is None:
            return None
        value = self._value(expression, site, depth, context)
        literal = None if value is None else value.literal
        return literal if isinstance(literal, int) and not isinstance(literal, bool) else None

    def _one_dimension(self, expression, site: Site, depth: int, context) -> int | None:
        """The length of a 1-d size: ``k`` or ``(k,)``."""
        if isinstance(expression, ast.Tuple | ast.List):
            if len(expression.elts) != 1:
                return None
            expression = expression.elts[0]
        return self._integer(expression, site, depth, context)

    def _sequential(self, call: ast.Call, site: Site, depth: int, context) -> Value | None:
        """``nn.Sequential(a, b, c)`` or ``nn.Sequential(*layers)``: what its last layer gives
        (its layers are kept, for ``add_module`` and ``append`` later)."""
        layers = None if call.keywords else self._listed(call.args, call, site, depth, context)
        if layers is None or not layers.items:
            known = layers is not None and layers.complete
            return Value(Kind.LAYER, call, items=() if known else None)
        last = layers.items[-1]
        produces = length = None
        if last is not None and last.kind is Kind.LAYER:
            produces, length = last.produces, last.length
        elif last is not None and last.kind is Kind.INSTANCE:  # a model of the run as a stage
            produced = self._call(last, call, site, depth, context)
            if produced is not None and produced.kind in TENSOR_KINDS:
                produces = produced.kind
        items = layers.items if layers.complete else None
        return Value(Kind.LAYER, call, produces=produces, items=items, length=length)

    def _device_of(self, call: ast.Call, site: Site, depth: int, context) -> str | None:
        """The device of a function's result: that of its first argument, when known."""
        first = self._value(argument(call, 0, "input"), site, depth, context)
        return None if first is None else first.device


# What each kind of expression node evaluates by
_EVALUATORS = {
    ast.Name: Facts._value_of_name_node,
    ast.Attribute: Facts._value_of_attribute,
    ast.Call: Facts._value_of_call,
    ast.Subscript: Facts._value_of_subscript,
    ast.BinOp: Facts._value_of_operation,
    ast.List: Facts._sequence,
    ast.Tuple: Facts._sequence,
    ast.Dict: Facts._mapping,
    ast.ListComp: Facts._value_of_comprehension,
    ast.DictComp: Facts._value_of_comprehension,
    ast.BoolOp: Facts._value_of_boolean,
    ast.IfExp: Facts._value_of_choice,
    ast.Constant: Facts._value_of_constant,
    ast.UnaryOp: Facts._value_of_unary,
    ast.FunctionDef: Facts._value_of_definition,
    ast.AsyncFunctionDef: Facts._value_of_definition,
    ast.ClassDef: Facts._value_of_definition,
}


def _is_builtin(func, name: str, site: Site) -> bool:
    """Whether ``func`` is the builtin ``name`` (not rebound anywhere around ``site``)."""
    if not isinstance(func, ast.Name) or func.id != name:
        return False
    scope: Scope | None = site.scope
    while scope is not None:
        if name in scope.bindings:
            return False
        scope = scope.parent
    return True


def _literal(value, node) -> Value | None:
    """A string, a number, a bool or None (not bytes, a complex number or ``...``)."""
    if value is not None and not isinstance(value, str | int | float):
        return None
    return Value(Kind.LITERAL, node, literal=value)


def _passed(value: Value | None, call: ast.Call) -> Value | None:
    """A value as an argument of ``call`` holds it: it came in through that call."""
    return None if value is None else dataclasses.replace(value, via=(*value.via, call))


def _numpy_arithmetic(left: Value | None, right: Value | None) -> Value | None:
    """numpy float64 numbers combined with numbers, or with each other, stay float64
    numbers (with a float32 array, or anything unknown, the dtype is not known)."""
    sides = [left, right]
    arrays = [
        side
        for side in sides
        if side is not None
        and side.kind in (Kind.TENSOR, Kind.ARRAY)
        and side.array
        and side.dtype == "float64"
    ]
    numbers = [
        side
        for side in sides
        if side is not None and (side.kind is Kind.NUMBER or isinstance(side.literal, int | float))
    ]
    if not arrays or len(arrays) + len(numbers) != 2:
        return None
    return Value(Kind.TENSOR, None, array=True, dtype="float64")


def _inverse_share(total: Value | None, amounts: Value) -> bool:
    """``x.sum() / x`` for numbers read from data (a file, a table): the inverse share of
    each entry, which is how class weights are made from counts."""
    return (
        total is not None
        and total.reduced_from == amounts
        and amounts.kind in (Kind.TENSOR, Kind.ARRAY)
        and amounts.length is None
        and not amounts.zeros
        and not amounts.nonzero
    )


def _replaces_infinities(expression, name: str) -> bool:
    """``nan_to_num(w, posinf=...)`` (numpy's or torch's) of the name ``w``."""
    if not isinstance(expression, ast.Call) or not expression.args:
        return False
    first = expression.args[0]
    return (
        called_name(expression.func) == "nan_to_num"
        and isinstance(first, ast.Name)
        and first.id == name
    )


def _zero_among_numbers(sequence: Value) -> bool:
    numbers = [item.literal if item is not None else None for item in sequence.items or ()]
    return (
        sequence.complete
        and 0 in numbers
        and all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers)
    )


def _written_numbers(data: Value | None, call, dtype, device, *, array: bool) -> Value | None:
    """``torch.tensor([310, 0, 25])``, ``np.array([55437, 320797])``: numbers written by hand.
    Integers are counts (safe to divide by when none is zero); floats with a zero are counts
    that may be zero (samples_per_class = [310.0, 0.0]); other floats are a tensor whose
    length is known."""
    if data is None or data.kind is not Kind.SEQUENCE or not data.complete or not data.items:
        return None
    numbers = [item.literal if item is not None else None for item in data.items]
    length = len(numbers)
    if not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers):
        kind = Kind.ARRAY if array else Kind.TENSOR
        return Value(kind, call, device=device, dtype=dtype, length=length, array=array)
    if 0 in numbers or all(isinstance(n, int) for n in numbers):
        return Value(Kind.COUNTS, call, device=device, dtype=dtype, length=length,
                     array=array, nonzero=0 not in numbers)  # fmt: skip
    return Value(Kind.ARRAY if array else Kind.TENSOR, call, device=device, dtype=dtype,
                 length=length, array=array)  # fmt: skip


def _item(sequence: Value | None, index: int) -> Value | None:
    if sequence is None or sequence.kind is not Kind.SEQUENCE or sequence.items is None:
        return None
    items = sequence.items
    if index < 0 and -index <= len(items):
        return items[index]
    if index >= 0 and sequence.complete and index < len(items):
        return items[index]
    return None


def _mapping_of(entries: dict, source) -> Value:
    return Value(Kind.MAPPING, source, keys=tuple(entries), items=tuple(entries.values()))


def _entry(mapping: Value, key) -> Value | None:
    for known, item in zip(mapping.keys or (), mapping.items or (), strict=True):
        if known == key:
            return item
    return None


def _left(value: Value | None, call: ast.Call) -> Value | None:
    """A value returned through ``call``: it no longer came in through that call."""
    if value is None or call not in value.via:
        return value
    return dataclasses.replace(value, via=value.via[: value.via.index(call)])


def _method(klass: Class | None, name: str) -> Function | None:
    for ancestor in _lineage(klass):
        if name in ancestor.methods:
            return ancestor.methods[name]
    return None


def _lineage(klass: Class | None, depth: int = 0) -> Iterator[Class]:
    """The class and its base classes of the run, in method resolution order (depth-first,
    enough for the single inheritance of model code)."""
    seen: set[int] = set()
    stack = [klass] if klass is not None else []
    while stack:
        current = stack.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        facts = current.facts
        if facts is None:
            continue
        for base in current.node.bases:
            value = facts._value(base, current.site, depth, UNKNOWN)
            value = facts._read(value, depth) if value is not None else None
            if value is not None and value.kind is Kind.CLASS and value.of_class is not None:
                stack.append(value.of_class)


def _derives_from(klass: Class, names: set[str]) -> bool:
    return any(
        qualified_name(base, ancestor.site.scope) in names
        for ancestor in _lineage(klass)
        for base in ancestor.node.bases
    )


def _loss_base(klass: Class, depth: int) -> str | None:
    """A subclass of a loss module that keeps its ``forward``: the same loss."""
    if _method(klass, "forward") is not None or klass.facts is None:
        return None
    for ancestor in _lineage(klass):
        for base in ancestor.node.bases:
            value = ancestor.facts._value(base, ancestor.site, depth, UNKNOWN)
            if value is not None and value.qualified in library.LOSS_CLASSES:
                return value.qualified
    return None


_TELLING = frozenset({Kind.PROBABILITIES, Kind.LOG_OF_PROBABILITIES, Kind.SIGMOID, Kind.ONE_OF,
                      Kind.LOSS, Kind.CLASS, Kind.FUNCTION})  # fmt: skip


def _telling(value: Value | None, depth: int = 0) -> bool:
    """Whether a value passed to a function may decide a finding in it."""
    if value is None or depth > 2:
        return False
    if value.kind in _TELLING:
        return True
    if value.kind is Kind.LAYER:
        return value.produces is not None
    if value.kind is Kind.LIBRARY:
        return value.qualified in library.LOSS_FUNCTIONS or value.qualified in library.LOSS_CLASSES
    if value.kind is Kind.INSTANCE:  # a model or trainer, but not a method's own self
        own_self = isinstance(value.source, ast.FunctionDef | ast.AsyncFunctionDef)
        return not own_self or value.context is not None
    if value.kind is Kind.SEQUENCE and _zero_among_numbers(value):
        return True  # counts with a zero, written in a config: made a tensor, they are counts
    if value.kind in (Kind.SEQUENCE, Kind.MAPPING):
        return any(_telling(item, depth + 1) for item in value.items or ())
    # class weights and counts (WCE2xx asks how the loss that takes them reduces), and a
    # tensor left on the CPU (WCE3xx asks where the loss that takes it runs)
    if value.kind in (Kind.WEIGHTS, Kind.COUNTS):
        return True
    if value.kind is Kind.LOGITS:  # WCE206 asks how many classes the loss is given
        return value.length is not None
    if value.kind is not Kind.TENSOR or value.device != "cpu" or value.array:
        return False
    # a class weight, not any buffer a model makes: from data, or 1-d of a known length
    return value.length is not None or _from_data(value.source)


def _from_data(node) -> bool:
    """Whether a tensor's source is ``torch.tensor(...)`` and kin (data given by the user, as
    class weights are), not a factory of buffers such as ``torch.zeros(1, 197, 768)``."""
    name = called_name(node.func) if isinstance(node, ast.Call) else ""
    return name in ("tensor", "as_tensor", "from_numpy", "Tensor", "FloatTensor")


def _made_told(value: Value) -> bool:
    """An object whose ``__init__`` was told something (``Loss(torch.tensor(w))``): calling
    it runs its ``forward`` with what it was told. For an object of a class not read yet,
    judged from the arguments of the call that made it (the class is read only then)."""
    if value.kind is not Kind.INSTANCE:
        return False
    if value.context is not None:
        return any(_telling(argument) for _, argument in value.context.arguments)
    if value.made is None or not isinstance(value.source, ast.Call):
        return False
    site, facts, context = value.made
    made = value.source
    arguments = [*made.args, *(given.value for given in made.keywords)]
    return any(_telling(facts._value(arg, site, 0, context)) for arg in arguments)


def _loss_name(callee: Value | None) -> str | None:
    """The canonical loss a callee computes: a loss function, or a loss object."""
    if callee is None:
        return None
    if callee.kind is Kind.LIBRARY and callee.qualified in library.LOSS_FUNCTIONS:
        return callee.qualified
    if callee.kind is Kind.LOSS:
        return callee.loss
    if callee.kind is Kind.ONE_OF:  # loss objects made in two arms: the loss they all are
        names = {item.loss if item is not None and item.kind is Kind.LOSS else None
                 for item in callee.items or ()}  # fmt: skip
        return names.pop() if len(names) == 1 else None
    return None


def _reduction(call) -> str | None:
    """The reduction a loss call or constructor is given: "mean" by default, None when it is
    not a literal."""
    given = keyword(call, "reduction") if isinstance(call, ast.Call) else None
    if given is None:
        return "mean"
    return string_value(given)


def _dtype_of(call: ast.Call) -> str | None:
    """The dtype a call is given: ``dtype=torch.float64``, ``dtype=np.float32``."""
    given = keyword(call, "dtype")
    if isinstance(given, ast.Attribute):
        return library.DTYPE_NAMES.get(given.attr)
    if isinstance(given, ast.Name):  # dtype=float
        return {"float": "float64", "int": "int64"}.get(given.id)
    return None


def _converted(value: Value, call: ast.Call, method: str) -> Value:
    """``value`` after ``.to(...)``, ``.cuda()``, ``.cpu()``, ``.float()``, ``.double()``."""
    if method == "cpu":
        return dataclasses.replace(value, device="cpu")
    if method in ("float", "double", "half"):
        dtype = {"float": "float32", "double": "float64", "half": "float16"}[method]
        return dataclasses.replace(value, dtype=dtype)
    if method == "numpy":
        return dataclasses.replace(value, array=True)
    if method == "type_as":  # the other tensor's dtype and device: moved where it is
        return dataclasses.replace(value, device="moved", dtype=None)
    changes = {}
    if _moves(call):
        changes["device"] = "moved"
    # .to(torch.float64), .to(device, torch.float64), .to(dtype=torch.float64)
    for target in [keyword(call, "dtype"), *call.args]:
        if isinstance(target, ast.Attribute) and target.attr in library.DTYPE_NAMES:
            changes["dtype"] = library.DTYPE_NAMES[target.attr]
            break
    return dataclasses.replace(value, **changes)


def _moves(call: ast.Call) -> bool:
    """Whether ``x.to(...)`` / ``x.cuda()`` changes the device (``.to(torch.float32)`` does not)."""
    if call.func.attr == "cuda":
        return True
    if keyword(call, "device") is not None:
        return True
    first = argument(call, 0, "device")
    if first is None:
        return False
    is_dtype = (
        isinstance(first, ast.Attribute)
        and isinstance(first.value, ast.Name)
        and first.value.id == "torch"
        and first.attr in library.DTYPE_NAMES
    )
    return not is_dtype


def _log_or_exp(function: str, of: Value | None, call: ast.Call) -> Value | None:
    if of is None:
        return None
    if function == "log" and of.kind is Kind.PROBABILITIES:
        return Value(Kind.LOG_OF_PROBABILITIES, call, nonzero=of.nonzero)
    if function == "exp" and of.kind in (Kind.LOG_PROBABILITIES, Kind.LOG_OF_PROBABILITIES):
        return Value(Kind.PROBABILITIES, call)
    return None


def _producer(layer: Value) -> ast.AST | None:
    """The layer that makes what ``layer`` gives: itself, or the last layer of a Sequential."""
    while layer.items:
        last = layer.items[-1]
        if last.kind is not Kind.LAYER or last.produces is not layer.produces:
            break
        layer = last
    return layer.source


def _alternatives(value: Value) -> tuple[Value, ...]:
    """The values a join keeps apart, or the value itself."""
    if value.kind is Kind.ONE_OF:
        return tuple(item for item in value.items or () if item is not None)
    return (value,)


def _weight_arguments(call: ast.Call, loss: str, constructor: bool):
    """The (parameter, expression) pairs of the class weights a loss call is given."""
    position = library.loss_arguments(loss, constructor).index("weight")
    for name, expression in (
        ("weight", argument(call, position, "weight")),
        ("pos_weight", keyword(call, "pos_weight")),
    ):
        if expression is not None:
            yield name, expression


def _conflict(one: dict[str, bool], other: dict[str, bool]) -> bool:
    """Whether two places can never both run: a test true at one is false at the other."""
    return any(other.get(test, truth) != truth for test, truth in one.items())


def _is_partial(node) -> bool:
    """Whether ``node`` is a ``partial(...)`` call. The evaluator makes a call the source of
    a library value or a loss object only for ``functools.partial``; this tells such a source
    from a loss constructor."""
    return isinstance(node, ast.Call) and called_name(node.func) == "partial"


def _expanded_weights(call: ast.Call, facts: Facts, site: Site, context: Context):
    """The weights a loss call is given through ``**kwargs``, ``**config``: the mapping's
    literal keys."""
    for expression in starred_mapping(call):
        mapping = facts.evaluate(expression, site, context)
        if mapping is None or mapping.kind is not Kind.MAPPING or not mapping.keys:
            continue
        for name in ("weight", "pos_weight"):
            value = _entry(mapping, name)
            if value is not None:
                yield GivenWeight(name, expression, value, facts, site, call)


def _argument_holding(call: ast.Call, value: Value, module: Facts) -> ast.AST:
    """The argument of ``call`` that passes ``value`` (the line to read in a call written
    over several lines), else the call."""
    site = module.site_of(call)
    if site is not None:
        for arg in (*call.args, *(given.value for given in call.keywords)):
            passed = module.value(arg, site)
            if passed is not None and passed.source is value.source:
                return arg
    return call


def _flag(call: ast.Call, name: str) -> bool:
    """Whether a keyword argument is the literal ``True``."""
    value = keyword(call, name)
    return isinstance(value, ast.Constant) and value.value is True


def _statements(node: ast.AST, kind: type) -> list:
    """The nodes of ``kind`` inside ``node``."""
    return [inner for inner in ast.walk(node) if isinstance(inner, kind)]


def subexpressions(node: ast.AST) -> list[ast.expr]:
    """``node`` and the expressions inside it."""
    return _statements(node, ast.expr)


def _names(node: ast.AST) -> list[ast.Name]:
    return _statements(node, ast.Name)


def _counted(expression) -> bool:
    """Whether ``expression`` is a test per element whose sum is a count: ``y == c``,
    ``y != 0``, ``y.eq(c)``, ``y.ne(0)``."""
    if isinstance(expression, ast.Compare):
        return all(isinstance(operator, ast.Eq | ast.NotEq) for operator in expression.ops)
    return (
        isinstance(expression, ast.Call)
        and isinstance(expression.func, ast.Attribute)
        and expression.func.attr in ("eq", "ne")
    )


def _over_samples(call: ast.Call, position: int) -> bool:
    """Whether a sum runs over everything or over the first axis (the samples); ``position``:
    of its ``dim`` argument."""
    axis = argument(call, position, "dim") or keyword(call, "axis")
    return axis is None or (
        isinstance(axis, ast.Constant) and type(axis.value) is int and axis.value == 0
    )


def _filtered(expression) -> bool:
    """A comprehension with an ``if``: what it keeps is counted by ``len``/``sum(1 ...)``."""
    if not isinstance(expression, ast.ListComp | ast.GeneratorExp):
        return False
    return bool(expression.generators[0].ifs)


def _exponent(expression) -> ast.expr | None:
    """The exponent of ``b ** n``, ``torch.pow(b, n)``, ``np.power(b, n)``."""
    if isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.Pow):
        return expression.right
    if (
        isinstance(expression, ast.Call)
        and len(expression.args) == 2
        and called_name(expression.func) in ("pow", "power")
    ):
        return expression.args[1]
    return None

"""What a value is: softmax or sigmoid output, log-probabilities, class counts, a loss object...

One walk over a module records its scopes (``names.py``), every binding of a name with where
it happens, the attributes methods set on ``self``, the return values of functions, and every
call. Rules then ask ``Facts.value(expression, site)`` what an expression holds at a place in
the code; the answer follows names through assignments, tuple unpacking, ``self`` attributes,
layer objects and helper functions of the same file.

Precision first: a name's value at a use is the last assignment before it in the same
function, and only when that assignment is certain to have run (it is not inside an ``if``,
loop or ``try`` that does not also contain the use). Anything unsure is ``None``: unknown.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst

from wce_guard.lint.names import Scope, bind_import, qualified_name


class Kind(enum.Enum):
    LOGITS = "logits"  # the output of a Linear layer (or a model that ends in one)
    PROBABILITIES = "softmax output"
    LOG_PROBABILITIES = "log-softmax output"
    LOG_OF_PROBABILITIES = "the log of a softmax output"
    SIGMOID = "sigmoid output"
    COUNTS = "class counts"
    WEIGHTS = "class weights"  # computed by dividing by class counts
    TENSOR = "a tensor"  # made by a factory such as torch.tensor: only its device is known
    ARRAY = "a numpy array or a Python sequence"
    PER_SAMPLE_LOSS = "a loss with reduction='none'"
    LAYER = "a layer"  # calling it gives ``Value.produces``
    LOSS = "a loss object"  # ``Value.loss`` says which
    INSTANCE = "an instance of a class of this file"  # calling it runs its ``forward``
    MODEL_CLASS = "a model class of another file"  # its instances give ``Value.produces``


@dataclass(frozen=True)
class Value:
    kind: Kind
    source: cst.CSTNode  # the expression the fact comes from: the softmax call, the layer...
    produces: Kind | None = None  # for LAYER
    loss: str | None = None  # for LOSS: the canonical loss name
    of_class: cst.ClassDef | None = None  # for INSTANCE
    # For tensors that a factory made here: "cpu" (no device given), "given" (device=...),
    # "moved" (.to(device), .cuda()); None when unknown.
    device: str | None = None
    dtype: str | None = None  # "float64", "float32"... when known
    array: bool = False  # a numpy array or a Python sequence, not a tensor
    nonzero: bool = False  # for COUNTS: clamped, or an epsilon added: safe to divide by
    derived_from: Value | None = None  # for WEIGHTS: the counts they were computed from


@dataclass(frozen=True)
class Site:
    """A place in the code: its scope, its statement's order, and the branches around it."""

    scope: Scope
    order: int
    branches: tuple[cst.CSTNode, ...]


@dataclass(frozen=True)
class Call:
    node: cst.Call
    site: Site
    qualified: str | None  # of the callee, when it is an imported name


@dataclass(frozen=True)
class WeightUse:
    call: cst.Call  # the loss constructor or functional loss call
    site: Site
    loss: str  # canonical name
    parameter: str  # "weight" or "pos_weight"
    expression: cst.BaseExpression
    constructor: bool  # nn.CrossEntropyLoss(weight=...) rather than F.cross_entropy(...)
    reduction: str | None  # when written as a literal


@dataclass(frozen=True)
class LossCall:
    node: cst.Call
    site: Site
    loss: str  # canonical name: torch.nn.functional.cross_entropy, torch.nn.CrossEntropyLoss...
    input: cst.BaseExpression | None
    target: cst.BaseExpression | None


SOFTMAX = "torch.nn.functional.softmax"
LOG_SOFTMAX = "torch.nn.functional.log_softmax"
SIGMOID = "torch.nn.functional.sigmoid"
_PRODUCERS = {
    "torch.nn.functional.linear": Kind.LOGITS,
    SOFTMAX: Kind.PROBABILITIES,
    LOG_SOFTMAX: Kind.LOG_PROBABILITIES,
    SIGMOID: Kind.SIGMOID,
}
_METHOD_PRODUCERS = {
    "softmax": Kind.PROBABILITIES,
    "log_softmax": Kind.LOG_PROBABILITIES,
    "sigmoid": Kind.SIGMOID,
}
_LAYERS = {
    "torch.nn.Linear": Kind.LOGITS,
    "torch.nn.LazyLinear": Kind.LOGITS,
    "torch.nn.Softmax": Kind.PROBABILITIES,
    "torch.nn.LogSoftmax": Kind.LOG_PROBABILITIES,
    "torch.nn.Sigmoid": Kind.SIGMOID,
}
_FROM_DATA = {"torch.tensor", "torch.as_tensor", "torch.from_numpy", "torch.Tensor"}
_NUMPY_FACTORIES = {"numpy.array", "numpy.asarray", "numpy.ones", "numpy.zeros", "numpy.full"}
_GUARDS = {"clamp", "clip", "clamp_min", "clamp_"}  # methods that keep counts from zero
_FACTORIES = {
    "torch.ones", "torch.zeros", "torch.full", "torch.empty", "torch.arange", "torch.linspace",
    "torch.rand", "torch.randn", "torch.randint", "torch.randperm", "torch.eye",
    "torch.FloatTensor", "torch.DoubleTensor", "torch.LongTensor",
}  # fmt: skip
_DTYPE_NAMES = {
    "float16": "float16", "half": "float16", "bfloat16": "bfloat16", "float32": "float32",
    "float": "float32", "float64": "float64", "double": "float64", "int64": "int64",
    "long": "int64", "int32": "int32", "int": "int32", "uint8": "uint8", "bool": "bool",
}  # fmt: skip
_DTYPES = set(_DTYPE_NAMES)
# Tensor methods that keep what a tensor holds (device, dtype and clamp methods are handled
# on their own: they change what is known about it).
_KEEPS_KIND = {
    "bfloat16", "contiguous", "view", "reshape", "squeeze", "unsqueeze", "clone", "detach",
    "flatten", "permute", "transpose",
}  # fmt: skip
LOSS_FUNCTIONS = {
    "torch.nn.functional.cross_entropy",
    "torch.nn.functional.nll_loss",
    "torch.nn.functional.binary_cross_entropy",
    "torch.nn.functional.binary_cross_entropy_with_logits",
}
LOSS_CLASSES = {
    "torch.nn.CrossEntropyLoss",
    "torch.nn.NLLLoss",
    "torch.nn.BCELoss",
    "torch.nn.BCEWithLogitsLoss",
}
_EXPORTED = {Kind.PROBABILITIES, Kind.LOG_PROBABILITIES, Kind.SIGMOID}
_MAX_DEPTH = 24  # how many steps a value is followed: enough for real code, never a hang


@dataclass(frozen=True)
class _Binding:
    order: int
    branches: tuple[cst.CSTNode, ...]
    value: cst.BaseExpression | None  # None: a value we cannot know (a parameter, a loop)
    site: Site
    element: int | None = None  # the position in a tuple that was unpacked


@dataclass(eq=False)
class _Function:
    node: cst.FunctionDef
    scope: Scope
    returns: list[tuple[cst.BaseExpression | None, Site]] = field(default_factory=list)
    self_name: str | None = None  # the first parameter of a method
    owner: _Class | None = None


@dataclass(eq=False)
class _Class:
    node: cst.ClassDef
    methods: dict[str, _Function] = field(default_factory=dict)
    attributes: dict[str, list[_Binding]] = field(default_factory=dict)  # self.<name> = ...


class Facts:
    """Everything the rules can ask about one module. Built by one walk."""

    def __init__(
        self,
        module: cst.Module,
        *,
        package: tuple[str, ...] = (),
        external: Mapping[str, str] | None = None,
    ) -> None:
        """``package``: the module's package, for relative imports. ``external``: what the
        classes of other files of the lint run return, by qualified name (``project.py``)."""
        self._external = external or {}
        walker = _Walker(package)
        walker.walk(module)
        self.module = module
        # Names resolve once every binding is known: a later assignment in a function
        # shadows an import for the whole function.
        self.calls = [
            Call(node, site, qualified_name(node.func, site.scope)) for node, site in walker.calls
        ]
        self._bindings = walker.bindings
        self._functions = walker.functions
        self._classes = walker.classes
        self._class_names = walker.class_names
        self._name_counts = walker.name_counts
        self._divisions = walker.divisions
        self._function_by_scope = {f.scope: f for f in walker.functions.values()}

    # -- what rules ask

    def value(self, expression: cst.BaseExpression | None, site: Site) -> Value | None:
        """What ``expression`` holds at ``site``, or None when that is not known for sure."""
        return self._value(expression, site, 0)

    def sole_assignment(self, use: cst.BaseExpression, site: Site) -> cst.BaseExpression | None:
        """For a name whose only appearances in its function are one plain assignment and
        this use (``p = softmax(z); loss(p, y)``): the assigned expression, which a fix may
        then rewrite without changing any other use. None otherwise."""
        if not isinstance(use, cst.Name):
            return None
        bindings = self._bindings.get((site.scope, use.value), [])
        if len(bindings) != 1 or self._name_counts.get((site.scope, use.value)) != 2:
            return None
        binding = bindings[0]
        return binding.value if binding.element is None and binding.order < site.order else None

    def divisions(self) -> list[tuple[cst.BinaryOperation, Site]]:
        """Every ``a / b`` of the module, with its site."""
        return self._divisions

    def kwargs_weight_uses(self) -> Iterator[tuple[WeightUse, cst.Call]]:
        """Class weights that reach a loss constructor through ``**kwargs``: a function that
        builds the loss with ``nn.CrossEntropyLoss(**kwargs)`` and a caller that passes
        ``weight=``. Yields (the caller's weight, the constructor it reaches)."""
        for function in self._functions.values():
            star = function.node.params.star_kwarg
            if not isinstance(star, cst.Param):
                continue
            constructors = [
                call.node
                for call in self.calls
                if call.site.scope is function.scope
                and call.qualified in LOSS_CLASSES
                and any(arg.star == "**" and isinstance(arg.value, cst.Name)
                        and arg.value.value == star.name.value for arg in call.node.args)
            ]  # fmt: skip
            if not constructors:
                continue
            for call in self.calls:
                if self._called_function(call.node, call.site) is not function:
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

    def is_submodule(self, node: cst.CSTNode) -> bool:
        """Whether ``node`` is assigned to ``self.<name>`` in a class with a base class (an
        ``nn.Module`` moves such attributes with it when they are modules)."""
        for klass in self._classes.values():
            if not klass.node.bases:
                continue
            for bindings in klass.attributes.values():
                if any(binding.value is node for binding in bindings):
                    return True
        return False

    def site_of(self, call: cst.Call) -> Site | None:
        """Where a call of this module is."""
        if not hasattr(self, "_call_sites"):
            self._call_sites = {c.node: c.site for c in self.calls}
        return self._call_sites.get(call)

    def is_bound(self, name: str, site: Site) -> bool:
        """Whether ``name`` certainly holds a value at ``site`` (assigned, or a parameter)."""
        return self._binding_of(name, site) is not None

    def resolve(self, name: str, site: Site) -> str | None:
        """The qualified name an imported ``name`` stands for at ``site``."""
        return site.scope.resolve(name)

    def weight_uses(self) -> Iterator[WeightUse]:
        """Every class weight (``weight=``, ``pos_weight=``) given to a loss: to a loss
        class's constructor or to a functional loss."""
        for call in self.calls:
            if call.qualified in LOSS_CLASSES:
                position, constructor = 0, True
            elif call.qualified in LOSS_FUNCTIONS:
                position, constructor = 2, False
            else:
                continue
            reduction_text = _reduction(call.node)
            for name, expression in (
                ("weight", argument(call.node, position, "weight")),
                ("pos_weight", keyword(call.node, "pos_weight")),
            ):
                if expression is not None:
                    yield WeightUse(
                        call.node, call.site, call.qualified, name, expression, constructor,
                        reduction_text,
                    )  # fmt: skip

    def moved_losses(self) -> set[cst.CSTNode]:
        """The constructor calls of the loss objects moved with ``.to(device)``/``.cuda()``."""
        moved = set()
        for call in self.calls:
            func = call.node.func
            if (
                isinstance(func, cst.Attribute)
                and func.attr.value in ("to", "cuda")
                and _moves(call.node)
            ):
                value = self.value(func.value, call.site)
                if value is not None and value.kind is Kind.LOSS:
                    moved.add(value.source)
        return moved

    def moves_to_accelerator(self) -> bool:
        """Whether the module moves anything to another device (``.cuda()``, ``.to(device)``)."""
        return any(
            isinstance(call.node.func, cst.Attribute)
            and call.node.func.attr.value in ("to", "cuda")
            and call.qualified is None
            and _moves(call.node)
            for call in self.calls
        )

    def exports(self) -> dict[str, str]:
        """{class name: kind name} for this module's top-level classes whose ``forward``
        returns probabilities, log-probabilities or sigmoid output (for ``project.py``)."""
        found = {}
        for (scope, name), klass in self._class_names.items():
            forward = klass.methods.get("forward")
            if scope.kind != "module" or forward is None:
                continue
            value = _agreed(self._value(r, s, 0) for r, s in forward.returns)
            if value is not None and value.kind in _EXPORTED:
                found[name] = value.kind.name
        return found

    def loss_calls(self) -> Iterator[LossCall]:
        """Every call of a classification loss: functional, or a loss object being called."""
        for call in self.calls:
            if call.qualified in LOSS_FUNCTIONS:
                loss = call.qualified
            else:
                callee = self._value(call.node.func, call.site, 0)
                if callee is None or callee.kind is not Kind.LOSS or callee.loss is None:
                    continue
                loss = callee.loss
            yield LossCall(
                call.node,
                call.site,
                loss,
                argument(call.node, 0, "input"),
                argument(call.node, 1, "target"),
            )

    # -- following values

    def _value(self, expression, site: Site, depth: int) -> Value | None:
        if expression is None or depth > _MAX_DEPTH:
            return None
        depth += 1
        if isinstance(expression, cst.Name | cst.Attribute):
            external = self._external.get(qualified_name(expression, site.scope) or "")
            if external is not None:
                return Value(Kind.MODEL_CLASS, expression, produces=Kind[external])
        if isinstance(expression, cst.Name):
            return self._value_of_name(expression.value, site, depth)
        if isinstance(expression, cst.Attribute):
            return self._value_of_attribute(expression, site, depth)
        if isinstance(expression, cst.Call):
            return self._value_of_call(expression, site, depth)
        if isinstance(expression, cst.Subscript):
            return self._value_of_element(expression, site, depth)
        if isinstance(expression, cst.BinaryOperation) and isinstance(
            expression.operator, cst.Divide
        ):
            # 1 / counts, N / counts, counts.max() / counts: weights from counts
            counts = self._value(expression.right, site, depth)
            if counts is not None and counts.kind is Kind.COUNTS:
                return Value(
                    Kind.WEIGHTS,
                    expression,
                    device=counts.device,
                    dtype="float64" if counts.array else None,
                    array=counts.array,
                    derived_from=counts,
                )
            return None
        if isinstance(expression, cst.BinaryOperation) and isinstance(
            expression.operator, cst.Multiply
        ):
            # C * counts is as zero as counts
            for side in (expression.left, expression.right):
                counts = self._value(side, site, depth)
                if counts is not None and counts.kind is Kind.COUNTS:
                    return counts
            return None
        if isinstance(expression, cst.List | cst.Tuple):
            return Value(Kind.ARRAY, expression, array=True)
        if isinstance(expression, cst.ListComp):
            return self._value_of_comprehension(expression, site, depth)
        if isinstance(expression, cst.BinaryOperation) and isinstance(
            expression.operator, cst.Add | cst.Subtract
        ):
            # p + 1e-8, p + eps: still probabilities (the "epsilon" added before a log);
            # counts + 1: counts that are never zero
            for value_side, number_side in (
                (expression.left, expression.right),
                (expression.right, expression.left),
            ):
                if self._is_number(number_side, site):
                    value = self._value(value_side, site, depth)
                    if value is not None and value.kind is Kind.COUNTS:
                        return dataclasses.replace(value, nonzero=True)
                    return value
        return None

    def _is_number(self, expression: cst.BaseExpression, site: Site) -> bool:
        """A numeric literal, or a name that certainly holds one (``eps=1e-8``)."""
        if isinstance(expression, cst.Name):
            binding = self._binding_of(expression.value, site)
            expression = binding.value if binding is not None else None
        if isinstance(expression, cst.UnaryOperation):
            expression = expression.expression
        return isinstance(expression, cst.Float | cst.Integer)

    def _value_of_name(self, name: str, site: Site, depth: int) -> Value | None:
        binding = self._binding_of(name, site)
        return None if binding is None else self._value_of_binding(binding, depth)

    def _binding_of(self, name: str, site: Site) -> _Binding | None:
        """The binding of ``name`` that certainly holds at ``site``, if there is one."""
        scope: Scope | None = site.scope
        while scope is not None:
            bindings = self._bindings.get((scope, name))
            if bindings:
                if scope is site.scope:
                    return _reaching(bindings, site)
                return bindings[0] if len(bindings) == 1 else None  # it must not vary
            scope = scope.parent
            while scope is not None and scope.kind == "class":
                scope = scope.parent
        return None

    def _value_of_binding(self, binding: _Binding, depth: int) -> Value | None:
        if binding.element is None:
            return self._value(binding.value, binding.site, depth)
        return self._element(binding.value, binding.element, binding.site, depth)

    def _element(self, expression, index: int, site: Site, depth: int) -> Value | None:
        """The value at ``index`` of the tuple ``expression`` evaluates to."""
        if isinstance(expression, cst.Tuple | cst.List):
            elements = expression.elements
            if index < len(elements) and not isinstance(elements[index], cst.StarredElement):
                return self._value(elements[index].value, site, depth)
            return None
        function = (
            self._called_function(expression, site) if isinstance(expression, cst.Call) else None
        )
        if function is None:
            return None
        return _agreed(self._element(r, index, s, depth + 1) for r, s in function.returns)

    def _value_of_element(self, subscript: cst.Subscript, site: Site, depth: int) -> Value | None:
        if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
            return None
        index = subscript.slice[0].slice.value
        if not isinstance(index, cst.Integer):
            return None
        return self._element(subscript.value, int(index.value), site, depth)

    def _value_of_attribute(self, attribute: cst.Attribute, site: Site, depth: int) -> Value | None:
        function = self._function_by_scope.get(site.scope)
        base = attribute.value
        if (
            function is not None
            and function.owner is not None
            and isinstance(base, cst.Name)
            and base.value == function.self_name
        ):
            bindings = function.owner.attributes.get(attribute.attr.value, [])
            return _agreed(self._value_of_binding(b, depth) for b in bindings)
        if attribute.attr.value == "values":  # a pandas Series' numpy array
            value = self._value(base, site, depth)
            return None if value is None else dataclasses.replace(value, array=True)
        return None

    def _value_of_call(self, call: cst.Call, site: Site, depth: int) -> Value | None:
        qualified = qualified_name(call.func, site.scope)
        if qualified is not None:
            return self._value_of_library_call(call, qualified, site, depth)
        function = self._called_function(call, site)
        if function is not None:
            return _agreed(self._value(r, s, depth) for r, s in function.returns)
        klass = self._called_class(call, site)
        if klass is not None:
            return Value(Kind.INSTANCE, call, of_class=klass.node)
        callee = self._value(call.func, site, depth)
        if callee is None:
            if isinstance(call.func, cst.Attribute) and not self._is_self(call.func.value, site):
                return self._value_of_method(call, site, depth)
            return None
        if callee.kind is Kind.LAYER and callee.produces is not None:
            return Value(callee.produces, call)
        if callee.kind is Kind.MODEL_CLASS:
            return Value(Kind.LAYER, call, produces=callee.produces)
        if callee.kind is Kind.LOSS and _reduction(callee.source) == "none":
            return Value(Kind.PER_SAMPLE_LOSS, call, loss=callee.loss)
        if callee.kind is Kind.INSTANCE and callee.of_class is not None:
            forward = self._classes[callee.of_class].methods.get("forward")
            if forward is not None:
                return _agreed(self._value(r, s, depth) for r, s in forward.returns)
        return None

    def _value_of_comprehension(self, comprehension, site: Site, depth: int) -> Value | None:
        """``[N / n for _, n in sorted(counts.items())]``: weights, one per class counted."""
        source = comprehension.for_in.iter
        if (
            isinstance(source, cst.Call)
            and isinstance(source.func, cst.Name)
            and source.func.value == "sorted"
            and qualified_name(source.func, site.scope) is None
        ):
            source = source.args[0].value if source.args else None
        if not (
            isinstance(source, cst.Call)
            and isinstance(source.func, cst.Attribute)
            and source.func.attr.value in ("items", "values")
        ):
            return None
        counts = self._value(source.func.value, site, depth)
        if counts is None or counts.kind is not Kind.COUNTS:
            return None
        return Value(Kind.WEIGHTS, comprehension, array=True, derived_from=counts)

    def _value_of_method(self, call: cst.Call, site: Site, depth: int) -> Value | None:
        """``x.softmax(1)``, ``p.log()``, ``x.to(device)``: tensor methods."""
        method = call.func.attr.value
        receiver = call.func.value
        if method == "value_counts":  # pandas: only the classes present, in count order
            return Value(Kind.COUNTS, call, array=True)
        if method in ("sort_index", "sort_values"):
            return self._value(receiver, site, depth)
        if method in _METHOD_PRODUCERS:
            return Value(_METHOD_PRODUCERS[method], call)
        if method in ("to", "cuda", "cpu", "float", "double", "half", "numpy", "type_as"):
            value = self._value(receiver, site, depth)
            if value is None:  # of an unknown tensor, .cpu() still says where it is
                return Value(Kind.TENSOR, call, device="cpu") if method == "cpu" else None
            return _converted(value, call, method)
        if method in _GUARDS:
            value = self._value(receiver, site, depth)
            if value is not None and value.kind is Kind.COUNTS:
                return dataclasses.replace(value, nonzero=True)
            return value
        if method in _KEEPS_KIND:
            return self._value(receiver, site, depth)
        if method in ("log", "exp") and not call.args:
            return _log_or_exp(method, self._value(receiver, site, depth), call)
        return None

    def _is_self(self, expression: cst.BaseExpression, site: Site) -> bool:
        function = self._function_by_scope.get(site.scope)
        return (
            function is not None
            and function.self_name is not None
            and isinstance(expression, cst.Name)
            and expression.value == function.self_name
        )

    def _called_class(self, call: cst.Call, site: Site) -> _Class | None:
        if not isinstance(call.func, cst.Name):
            return None
        scope: Scope | None = site.scope
        while scope is not None:
            bindings = self._bindings.get((scope, call.func.value))
            if bindings:
                klass = self._class_names.get((scope, call.func.value))
                return klass if len(bindings) == 1 else None
            scope = scope.parent
        return None

    def _value_of_library_call(self, call, qualified: str, site: Site, depth: int) -> Value | None:
        if qualified in _PRODUCERS:
            return Value(_PRODUCERS[qualified], call)
        if qualified in ("torch.log", "torch.exp"):
            first = argument(call, 0, "input")
            return _log_or_exp(qualified[6:], self._value(first, site, depth), call)
        if qualified in _LAYERS:
            return Value(Kind.LAYER, call, produces=_LAYERS[qualified])
        if qualified in self._external:  # a model class of another file of the run
            return Value(Kind.LAYER, call, produces=Kind[self._external[qualified]])
        if qualified == "torch.nn.Sequential" and call.args:
            last = self._value(call.args[-1].value, site, depth)
            if last is not None and last.kind is Kind.LAYER:
                return Value(Kind.LAYER, call, produces=last.produces)
            return None
        if qualified in LOSS_CLASSES:
            return Value(Kind.LOSS, call, loss=qualified)
        if qualified in LOSS_FUNCTIONS and _reduction(call) == "none":
            return Value(Kind.PER_SAMPLE_LOSS, call, loss=qualified)
        if qualified == "torch.bincount":
            return Value(Kind.COUNTS, call, device=self._device_of(call, site, depth))
        if qualified == "numpy.bincount":
            return Value(Kind.COUNTS, call, array=True, dtype="int64")
        if qualified == "collections.Counter":  # only the classes present
            return Value(Kind.COUNTS, call, array=True)
        if qualified == "sklearn.utils.class_weight.compute_class_weight":
            return Value(Kind.WEIGHTS, call, array=True, dtype="float64")
        if qualified in _NUMPY_FACTORIES:
            return Value(Kind.ARRAY, call, array=True, dtype=_dtype_of(call) or "float64")
        if qualified in _FROM_DATA:  # torch.tensor(x): what x holds, as a tensor
            data = self._value(argument(call, 0, "data"), site, depth)
            device = "given" if keyword(call, "device") is not None else "cpu"
            dtype = _dtype_of(call) or (data.dtype if data is not None else None)
            if data is not None and data.kind in (Kind.COUNTS, Kind.WEIGHTS):
                return dataclasses.replace(data, device=device, dtype=dtype, array=False)
            return Value(Kind.TENSOR, call, device=device, dtype=dtype)
        if qualified in _FACTORIES:
            device = "given" if keyword(call, "device") is not None else "cpu"
            dtype = "float64" if qualified == "torch.DoubleTensor" else _dtype_of(call)
            return Value(Kind.TENSOR, call, device=device, dtype=dtype)
        if qualified in ("torch.clamp", "torch.clip", "torch.clamp_min", "numpy.clip",
                         "numpy.maximum", "torch.maximum"):  # fmt: skip
            value = self._value(argument(call, 0, "input"), site, depth)
            if value is not None and value.kind is Kind.COUNTS:
                return dataclasses.replace(value, nonzero=True)
            return value
        return None

    def _device_of(self, call: cst.Call, site: Site, depth: int) -> str | None:
        """The device of a function's result: that of its first argument, when known."""
        first = self._value(argument(call, 0, "input"), site, depth)
        return None if first is None else first.device

    def _called_function(self, call: cst.Call, site: Site) -> _Function | None:
        """The function or method of this file that ``call`` runs, when that is certain."""
        func = call.func
        if isinstance(func, cst.Name):
            scope: Scope | None = site.scope
            while scope is not None:
                bindings = self._bindings.get((scope, func.value))
                if bindings:  # the def, and nothing else, binds the name
                    return self._functions.get((scope, func.value)) if len(bindings) == 1 else None
                scope = scope.parent
            return None
        enclosing = self._function_by_scope.get(site.scope)
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and enclosing is not None
            and enclosing.owner is not None
            and func.value.value == enclosing.self_name
        ):
            return enclosing.owner.methods.get(func.attr.value)
        return None


def keyword(call: cst.Call, name: str) -> cst.BaseExpression | None:
    """The expression passed as ``name=...``."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def argument(call: cst.Call, position: int, name: str) -> cst.BaseExpression | None:
    """The expression passed for a parameter, by keyword or by position."""
    by_keyword = keyword(call, name)
    if by_keyword is not None:
        return by_keyword
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position].value if position < len(positional) else None


def _reduction(call) -> str | None:
    """The reduction a loss call or constructor is given: "mean" by default, None when it is
    not a literal."""
    given = keyword(call, "reduction") if isinstance(call, cst.Call) else None
    if given is None:
        return "mean"
    return given.evaluated_value if isinstance(given, cst.SimpleString) else None


def _dtype_of(call: cst.Call) -> str | None:
    """The dtype a call is given: ``dtype=torch.float64``, ``dtype=np.float32``."""
    given = keyword(call, "dtype")
    if isinstance(given, cst.Attribute):
        return _DTYPE_NAMES.get(given.attr.value)
    if isinstance(given, cst.Name):  # dtype=float
        return {"float": "float64", "int": "int64"}.get(given.value)
    return None


def _converted(value: Value, call: cst.Call, method: str) -> Value:
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
    target = keyword(call, "dtype") or argument(call, 0, "device")
    if isinstance(target, cst.Attribute) and target.attr.value in _DTYPE_NAMES:
        changes["dtype"] = _DTYPE_NAMES[target.attr.value]
    return dataclasses.replace(value, **changes)


def _moves(call: cst.Call) -> bool:
    """Whether ``x.to(...)`` / ``x.cuda()`` changes the device (``.to(torch.float32)`` does not)."""
    if call.func.attr.value == "cuda":
        return True
    if keyword(call, "device") is not None:
        return True
    first = argument(call, 0, "device")
    if first is None:
        return False
    is_dtype = (
        isinstance(first, cst.Attribute)
        and isinstance(first.value, cst.Name)
        and first.value.value == "torch"
        and first.attr.value in _DTYPES
    )
    return not is_dtype


def _log_or_exp(function: str, of: Value | None, call: cst.Call) -> Value | None:
    if of is None:
        return None
    if function == "log" and of.kind is Kind.PROBABILITIES:
        return Value(Kind.LOG_OF_PROBABILITIES, call)
    if function == "exp" and of.kind in (Kind.LOG_PROBABILITIES, Kind.LOG_OF_PROBABILITIES):
        return Value(Kind.PROBABILITIES, call)
    return None


def _agreed(values) -> Value | None:
    """The value when every candidate gives the same kind; None when any is unknown."""
    found = None
    for value in values:
        if value is None:
            return None
        if found is None:
            found = value
        elif (value.kind, value.produces, value.loss) != (found.kind, found.produces, found.loss):
            return None
    return found


def _reaching(bindings: list[_Binding], site: Site) -> _Binding | None:
    """The binding of a name that reaches ``site`` for certain, if there is one."""
    before = [b for b in bindings if b.order < site.order]
    if not before:
        return None
    last = before[-1]
    if site.branches[: len(last.branches)] != last.branches:
        return None  # made inside a branch that may not have run
    return last


# Fields of libcst nodes that hold only whitespace, brackets and punctuation: never a call
# or a statement, so the walk does not enter them.
_PUNCTUATION_FIELDS = frozenset(
    {"lpar", "rpar", "comma", "semicolon", "dot", "header", "footer", "indent", "leading_lines",
     "lines_after_decorators", "lbracket", "rbracket", "lbrace", "rbrace", "colon", "equal",
     "star", "operator", "newline", "default_indent", "default_newline", "encoding"}
)  # fmt: skip


@functools.cache
def _child_fields(node_type: type) -> tuple[str, ...]:
    return tuple(
        field.name
        for field in dataclasses.fields(node_type)
        if field.name not in _PUNCTUATION_FIELDS and not field.name.startswith("whitespace")
    )


class _Walker:
    """The one walk: scopes, bindings, functions, classes, calls.

    Its own traversal over the nodes' fields, not libcst's visitor machinery: the walk reads
    nodes and never rebuilds them, which makes it several times faster, and it skips
    whitespace. ``visit_X`` runs before a node's children (returning False skips them) and
    ``leave_X`` after them, as in libcst.
    """

    def walk(self, node: cst.CSTNode) -> None:
        visit, leave = self._handlers(type(node))
        if visit is None or visit(node) is not False:
            for name in _child_fields(type(node)):
                child = getattr(node, name)
                if isinstance(child, cst.CSTNode):
                    self.walk(child)
                elif isinstance(child, tuple | list):
                    for item in child:
                        if isinstance(item, cst.CSTNode):
                            self.walk(item)
        if leave is not None:
            leave(node)

    def _handlers(self, node_type: type):
        handlers = self._by_type.get(node_type)
        if handlers is None:
            name = node_type.__name__
            handlers = (getattr(self, f"visit_{name}", None), getattr(self, f"leave_{name}", None))
            self._by_type[node_type] = handlers
        return handlers

    def __init__(self, package: tuple[str, ...]) -> None:
        self._package = package
        self._by_type: dict[type, tuple] = {}
        self.calls: list[tuple[cst.Call, Site]] = []
        self.bindings: dict[tuple[Scope, str], list[_Binding]] = {}
        self.functions: dict[tuple[Scope, str], _Function] = {}
        self.classes: dict[cst.ClassDef, _Class] = {}
        self.class_names: dict[tuple[Scope, str], _Class] = {}
        self.name_counts: dict[tuple[Scope, str], int] = {}  # every Name node, per scope
        self.divisions: list[tuple[cst.BinaryOperation, Site]] = []
        self._scope = Scope("module", None)
        self._order = 0
        self._branches: list[cst.CSTNode] = []
        self._unconditional: set[cst.CSTNode] = set()  # the bodies of functions and `with`
        self._saved: list[tuple[Scope, list[cst.CSTNode]]] = []
        self._function_stack: list[_Function | None] = [None]
        self._class_stack: list[_Class | None] = [None]

    # -- sites

    def _site(self) -> Site:
        return Site(self._scope, self._order, tuple(self._branches))

    def visit_SimpleStatementLine(self, node) -> None:
        self._order += 1

    def visit_If(self, node: cst.If) -> None:
        self._order += 1

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
        self._bind_target(node.target, None, opaque=True)

    def visit_While(self, node) -> None:
        self._order += 1

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
        self._bind_name(node.name.value, None)
        defaults_site = self._site()  # defaults are evaluated where the def is
        self._unconditional.add(node.body)
        owner = self._class_stack[-1] if self._scope.kind == "class" else None
        scope = Scope("function", self._scope)
        function = _Function(node, scope, owner=owner)
        self.functions[(self._scope, node.name.value)] = function
        if owner is not None:
            owner.methods[node.name.value] = function
            parameters = node.params.params or node.params.posonly_params
            if parameters and not _is_static(node):
                function.self_name = parameters[0].name.value
        self._enter(scope)
        self._function_stack.append(function)
        for param in _parameters(node.params):
            # A parameter holds its default unless a caller passes another value: the default
            # is what the code is written for (`criterion=nn.CrossEntropyLoss()`).
            self._bind_name(param.name.value, param.default, site=defaults_site)
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
        self._bind_name(node.name.value, None)
        klass = _Class(node)
        self.classes[node] = klass
        self.class_names[(self._scope, node.name.value)] = klass
        self._enter(Scope("class", self._scope))
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
        self._bind_target(node.target, None, opaque=True)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_target(node.target, node.value)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_target(node.target, None, opaque=True)

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
            self._bind_attribute(target, None if opaque else value, element)

    def _bind_name(
        self, name: str, value, element: int | None = None, site: Site | None = None
    ) -> None:
        self._scope.bind_local(name)
        here = self._site()
        binding = _Binding(here.order, here.branches, value, site or here, element)
        self.bindings.setdefault((self._scope, name), []).append(binding)

    def _bind_attribute(self, target: cst.Attribute, value, element: int | None) -> None:
        function = self._function_stack[-1]
        if (
            function is not None
            and function.owner is not None
            and isinstance(target.value, cst.Name)
            and target.value.value == function.self_name
        ):
            site = self._site()
            binding = _Binding(site.order, site.branches, value, site, element)
            function.owner.attributes.setdefault(target.attr.value, []).append(binding)

    # -- calls and returns

    def visit_Call(self, node: cst.Call) -> None:
        site = self._site()
        self.calls.append((node, site))
        # self.add_module("name", layer) sets an attribute as surely as an assignment
        function = self._function_stack[-1]
        func = node.func
        if (
            function is not None
            and function.owner is not None
            and isinstance(func, cst.Attribute)
            and func.attr.value == "add_module"
            and isinstance(func.value, cst.Name)
            and func.value.value == function.self_name
            and len(node.args) == 2
            and isinstance(node.args[0].value, cst.SimpleString)
        ):
            name = node.args[0].value.evaluated_value
            if isinstance(name, str):
                binding = _Binding(site.order, site.branches, node.args[1].value, site)
                function.owner.attributes.setdefault(name, []).append(binding)

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

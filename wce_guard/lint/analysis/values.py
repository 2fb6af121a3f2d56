"""Abstract values: what an expression may hold, as far as the rules care.

Immutable and hashable, so that a function's result can be memoised per abstract arguments.
``None`` stands for "not known": every rule stays silent on it (precision first).
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ast

    from wce_guard.lint.analysis.walk import Class, Function


class Kind(enum.Enum):
    LOGITS = "logits"  # the output of a Linear layer (or a model that ends in one)
    PROBABILITIES = "softmax output"
    LOG_PROBABILITIES = "log-softmax output"
    LOG_OF_PROBABILITIES = "the log of a softmax output"
    SIGMOID = "sigmoid output"
    ONE_HOT = "one-hot labels"  # a distribution too: mixing it with probabilities gives some
    COUNTS = "class counts"
    WEIGHTS = "class weights"  # computed by dividing by class counts
    TENSOR = "a tensor"  # made by a factory such as torch.tensor: only its device is known
    ARRAY = "a numpy array or a Python sequence"
    PER_SAMPLE_LOSS = "a loss with reduction='none'"
    LAYER = "a layer"  # calling it gives ``Value.produces``
    LOSS = "a loss object"  # ``Value.loss`` says which
    INSTANCE = "an instance of a class of the run"  # calling it runs its ``forward``
    CLASS = "a class of the run"  # calling it makes an INSTANCE; ``of_class`` None: not read yet
    FUNCTION = "a function of the run"  # calling it evaluates its returns
    LIBRARY = "a library object"  # a module, class or function of a library: ``qualified``
    SEQUENCE = "a tuple or list"  # ``items``
    MAPPING = "a dict"  # ``keys`` and ``items``
    LITERAL = "a constant"  # ``literal``
    NUMBER = "a number whose value is not known"  # len(x)
    ONE_OF = "one of several objects"  # ``items``: an if/else that makes a model either way


# What a tensor holds: shape-only operations keep these.
TENSOR_KINDS = frozenset(
    {Kind.LOGITS, Kind.PROBABILITIES, Kind.LOG_PROBABILITIES, Kind.LOG_OF_PROBABILITIES,
     Kind.SIGMOID, Kind.ONE_HOT}
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Value:
    kind: Kind
    source: ast.AST | None  # the expression the fact comes from: the softmax call...
    produces: Kind | None = None  # for LAYER
    loss: str | None = None  # for LOSS: the canonical loss name
    of_class: Class | None = None  # for INSTANCE and CLASS
    function: Function | None = None  # for FUNCTION
    receiver: Value | None = None  # for FUNCTION: the instance a method was read from
    context: Context | None = None  # for INSTANCE: the context its __init__ ran in
    # for INSTANCE: the contexts of the setters called on it since (``model.add_loss_op(
    # criterion)``), in order: what they assign to ``self`` is read in them
    set_by: tuple[Context, ...] = ()
    # For an INSTANCE of a class of another file not read yet (``of_class`` None, the class's
    # ``qualified`` name): where the call that made it is (site, module, context), to run
    # its __init__ with when the class is read.
    made: tuple | None = None
    qualified: str | None = None  # for LIBRARY
    items: tuple[Value | None, ...] | None = None  # for SEQUENCE and MAPPING
    keys: tuple[Any, ...] | None = None  # for MAPPING: literal keys, parallel to items
    # for SEQUENCE: False when only the last ``items`` are known; for COUNTS, WEIGHTS and
    # TENSOR: False when they cover only the classes present (Counter, unique)
    complete: bool = True
    literal: Any = None  # for LITERAL
    # For tensors that a factory made here: "cpu" (no device given), "given" (device=...),
    # "moved" (.to(device), .cuda()); None when unknown.
    device: str | None = None
    dtype: str | None = None  # "float64", "float32"... when known
    # How many classes: the entries of a class weight or counts, or the size of the class axis
    # of logits (a layer's, for what calling it gives); None when unknown.
    length: int | None = None
    array: bool = False  # a numpy array or a Python sequence, not a tensor
    # for COUNTS and TENSOR: clamped, or an epsilon added: safe to divide by
    nonzero: bool = False
    normalised: bool = False  # for WEIGHTS: divided by a sum, mean or extreme of theirs
    single: bool = False  # for COUNTS: the count of one class ((y == c).sum()), not one per class
    derived_from: Value | None = None  # for WEIGHTS: the counts they were computed from
    # For one number reduced from per-class values (counts.sum(), w.min()): those values
    reduced_from: Value | None = None
    zeros: bool = False  # every entry is zero (np.zeros(C)): entries written later say more
    summed: bool = False  # amounts summed per class or group into zeros(C) (sums[g] += x)
    # The calls through which this value entered the function that uses it, outermost
    # first: ``p`` made in ``main`` and passed to ``helper(p)`` is used in ``helper`` with
    # ``via == (that call,)``. A finding is anchored at ``via[0]``, where the user fixes it.
    via: tuple[ast.Call, ...] = ()

    def __hash__(self) -> int:
        return _cached_hash(self)

    def __eq__(self, other: object) -> bool:
        return _equal(self, other)

    def same(self, other: Value) -> bool:
        """Whether two values are the same as far as a rule can tell (for joins). Two loss
        objects made by different calls are two objects: one may be moved, not the other."""
        if self.kind is Kind.LOSS and other.kind is Kind.LOSS and self.source is not other.source:
            return False
        # a guarded and an unguarded count, raw and normalised weights: not the same
        return (self.kind, self.produces, self.loss, self.of_class, self.function,
                self.qualified, self.literal, self.device, self.nonzero, self.normalised,
                self.complete) == (
            other.kind, other.produces, other.loss, other.of_class, other.function,
            other.qualified, other.literal, other.device, other.nonzero, other.normalised,
            other.complete)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Context:
    """The abstract arguments a function is evaluated with (a call site's, or none: then a
    parameter holds its default, which is what the code is written for)."""

    function: Function | None
    arguments: tuple[tuple[str, Value | None], ...] = ()
    depth: int = field(default=0, compare=False)  # calls deep: bounded, so evaluation ends

    def __hash__(self) -> int:
        return _cached_hash(self)

    def __eq__(self, other: object) -> bool:
        return _equal(self, other)

    def argument(self, name: str) -> tuple[bool, Value | None]:
        for parameter, value in self.arguments:
            if parameter == name:
                return True, value
        return False, None


def _cached_hash(value) -> int:
    """Values are memo keys and nest (a context holds values that hold contexts): hash each
    once, not on every lookup."""
    try:
        return value.__dict__["_hash"]
    except KeyError:
        fields = dataclasses.fields(value)
        digest = hash(tuple(getattr(value, f.name) for f in fields if f.compare))
        object.__setattr__(value, "_hash", digest)
        return digest


def _equal(one, other) -> bool:
    """Field by field, after the cheap answers: the same object, or different cached hashes
    (values are memo keys, compared on every lookup; most that meet are not equal)."""
    if one is other:
        return True
    if type(one) is not type(other) or hash(one) != hash(other):
        return False
    return all(
        getattr(one, f.name) == getattr(other, f.name) for f in dataclasses.fields(one) if f.compare
    )


UNKNOWN = Context(None)


# Objects whose alternatives are kept apart at a join: what calling them gives is decided
# per alternative, then joined (precision at joins: two model classes that both end in
# softmax give softmax output).
_OBJECTS = frozenset({Kind.INSTANCE, Kind.CLASS, Kind.FUNCTION, Kind.LIBRARY, Kind.LAYER,
                      Kind.LOSS, Kind.ONE_OF})  # fmt: skip
_MOST_ALTERNATIVES = 8


def _same_but_device(one: Value, other: Value) -> bool:
    return one.kind is other.kind and (one.dtype, one.array) == (other.dtype, other.array)


def join(values) -> Value | None:
    """The value every candidate agrees on (the branches of an ``if``, the returns of a
    function); for objects that differ, the set of them; None when any is unknown or two
    values differ."""
    found: list[Value] = []
    for value in values:
        if value is None:
            return None
        alternatives = value.items if value.kind is Kind.ONE_OF else (value,)
        for alternative in alternatives:
            if alternative is not None and not any(alternative.same(f) for f in found):
                found.append(alternative)
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    # One tensor moved in one arm and not in another: it may be on the CPU (only a move on
    # every path is certain).
    if all(f.kind in (Kind.TENSOR, Kind.WEIGHTS, Kind.COUNTS) for f in found):
        unmoved = [f for f in found if f.device == "cpu"]
        if unmoved and all(_same_but_device(found[0], f) for f in found):
            return unmoved[0]
    if len(found) > _MOST_ALTERNATIVES or any(v.kind not in _OBJECTS for v in found):
        return None
    return Value(Kind.ONE_OF, None, items=tuple(found))

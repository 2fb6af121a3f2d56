"""The contracts of the Real-World-Weight Cross-Entropy: shapes (annotations) and values.

Shapes, dtypes and devices are jaxtyping annotations checked by beartype and memoised, as in
``contracts.py``, with the same messages (``messages.py``). The values (costs finite and >= 0,
a zero diagonal in ``fp_weight``, targets in range) are read only where that costs no
host-device synchronisation, on CPU, or at the ``full`` level on an accelerator. A cost tensor
that passed is remembered by identity and version (``_checked_costs``), so a weight held across
training steps is read once, not on every call.
"""

from __future__ import annotations

import weakref
from typing import ClassVar

import torch
from beartype import beartype
from beartype.roar import BeartypeCallHintViolation
from jaxtyping import AbstractDtype, TypeCheckError, jaxtyped
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.checked.contracts import Logits, Reduction, UnusedIgnoreIndex
from wce_guard.checked.levels import CheckLevel
from wce_guard.checked.memo import PassedSignatures
from wce_guard.errors import LossContractError


class AnyClassIndex(AbstractDtype):
    """Integer class ids of any width: RWWCE gathers with them itself, after ``.long()``."""

    dtypes: ClassVar[list[str]] = ["int8", "int16", "int32", "int64", "uint8"]


class Cost(AbstractDtype):
    """Costs are numbers: floating or integer (a cost matrix is often written in integers)."""

    dtypes: ClassVar[list[str]] = [
        "float16", "bfloat16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
    ]  # fmt: skip


@jaxtyped(typechecker=beartype)
def batch_of_class_indices(
    input: Logits[Tensor, "N C *d"],
    target: AnyClassIndex[Tensor, " N *d"],
    fn_weight: Cost[Tensor, " C"] | None,
    fp_weight: Cost[Tensor, "C C"] | None,
    ignore_index: int,
    reduction: Reduction,
) -> None:
    """Logits (N, C, d1..dk), k >= 0, and one class index per position (N, d1..dk)."""


@jaxtyped(typechecker=beartype)
def batch_of_class_probabilities(
    input: Logits[Tensor, "N C *d"],
    target: Logits[Tensor, "N C *d"],
    fn_weight: Cost[Tensor, " C"] | None,
    fp_weight: Cost[Tensor, "C C"] | None,
    ignore_index: UnusedIgnoreIndex,
    reduction: Reduction,
) -> None:
    """Logits (N, C, d1..dk) and a probability per class and position, of the same shape."""


@jaxtyped(typechecker=beartype)
def one_class_index(
    input: Logits[Tensor, " C"],
    target: AnyClassIndex[Tensor, ""],
    fn_weight: Cost[Tensor, " C"] | None,
    fp_weight: Cost[Tensor, "C C"] | None,
    ignore_index: int,
    reduction: Reduction,
) -> None:
    """One unbatched sample: logits (C,) and a 0-d class index."""


@jaxtyped(typechecker=beartype)
def one_class_probabilities(
    input: Logits[Tensor, " C"],
    target: Logits[Tensor, " C"],
    fn_weight: Cost[Tensor, " C"] | None,
    fp_weight: Cost[Tensor, "C C"] | None,
    ignore_index: UnusedIgnoreIndex,
    reduction: Reduction,
) -> None:
    """One unbatched sample: logits (C,) and class probabilities (C,)."""


def _select_contract(input: object, target: object):
    probabilities = isinstance(target, Tensor) and target.is_floating_point()
    if isinstance(input, Tensor) and input.ndim == 1:
        return one_class_probabilities if probabilities else one_class_index
    return batch_of_class_probabilities if probabilities else batch_of_class_indices


_passed = PassedSignatures()


def _metadata(tensor: Tensor | None) -> tuple | None:
    return None if tensor is None else (tensor.shape, tensor.dtype, tensor.device, tensor.layout)


# Where torch.compile gives up on a frame (a sparse cost matrix), it runs it eagerly but still
# compiles the frames it calls: the checks, run there, must stay eager too.
@torch.compiler.disable
def check_rwwce(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    fn_weight: Tensor | None,
    fp_weight: Tensor | None,
    ignore_index: int,
    reduction: str,
    level: CheckLevel,
    in_module: bool = False,
) -> None:
    """Raise ``LossContractError`` unless the arguments fit a form of multiclass RWWCE."""
    try:
        signature = (
            _metadata(input), _metadata(target), _metadata(fn_weight), _metadata(fp_weight),
            ignore_index, reduction,
        )  # fmt: skip
    except (AttributeError, TypeError):  # not tensors, or unhashable scalars
        signature = None
    if signature is None or signature not in _passed:
        arguments = {
            "input": input,
            "target": target,
            "fn_weight": fn_weight,
            "fp_weight": fp_weight,
            "ignore_index": ignore_index,
            "reduction": reduction,
        }
        contract = _select_contract(input, target)
        try:
            contract(**arguments)
        except (TypeCheckError, BeartypeCallHintViolation):
            message = messages.contract_violation(
                loss_name, contract, arguments, in_module=in_module
            )
            raise LossContractError(message) from None
        classes = input.shape[0 if input.ndim == 1 else 1]
        if classes < 2:
            raise LossContractError(messages.too_few_classes(loss_name, input))
        check_devices(loss_name, input, {"target": target, "fn_weight": fn_weight,
                                         "fp_weight": fp_weight}, in_module)  # fmt: skip
        if signature is not None:
            _passed.remember(signature)
    if reads_values(level, input):
        check_costs(loss_name, every_call=level is CheckLevel.FULL, fn_weight=fn_weight,
                    fp_weight=fp_weight)  # fmt: skip
        check_target_values(loss_name, input, target, ignore_index)


def check_devices(
    loss_name: str,
    input: Tensor,
    tensors: dict[str, Tensor | None],
    in_module: bool,
    module: str = "wce_guard.RWWCELoss(fn_weight=..., fp_weight=...)",
) -> None:
    for name, tensor in tensors.items():
        if isinstance(tensor, Tensor) and tensor.device != input.device:
            raise LossContractError(
                messages.device_mismatch(
                    loss_name, name, tensor, input, in_module=in_module, module=module
                )
            )


def reads_values(level: CheckLevel, input: Tensor) -> bool:
    """Whether values are checked: never when off; on CPU, where reading them costs no
    synchronisation; elsewhere only at the full level."""
    if level is CheckLevel.OFF or input.device.type == "meta":
        return False
    return level is CheckLevel.FULL or input.device.type == "cpu"


# id(cost tensor) -> (a weak reference to it, its version when checked). The reference tells
# a live tensor from a new one that reuses a freed id.
_checked_costs: dict[int, tuple[weakref.ref, int]] = {}


def check_costs(
    loss_name: str, *, cost_matrix: bool = True, every_call: bool = False, **costs: Tensor | None
) -> None:
    """Costs finite and >= 0; with ``cost_matrix``, ``fp_weight`` is the (C, C) matrix of
    multiclass RWWCE and needs a zero diagonal. Each tensor is read once per version, or on
    every call with ``every_call`` (the ``full`` level): an edit through ``.data`` or a shared
    numpy array leaves the version as it was."""
    for name, tensor in costs.items():
        if not isinstance(tensor, Tensor) or (not every_call and _already_checked(tensor)):
            continue
        values = tensor.coalesce().values() if tensor.is_sparse else tensor
        bad = ~torch.isfinite(values) | (values < 0)
        if bool(bad.any()):
            raise LossContractError(messages.bad_cost_values(loss_name, name, values))
        if cost_matrix and name == "fp_weight":
            diagonal = _nonzero_diagonal(tensor)
            if diagonal:
                raise LossContractError(messages.cost_diagonal(loss_name, diagonal))
        _remember(tensor)


def _nonzero_diagonal(matrix: Tensor) -> list[int]:
    if matrix.is_sparse:
        matrix = matrix.coalesce()
        rows, columns = matrix.indices()
        on_diagonal = (rows == columns) & (matrix.values() != 0)
        return sorted(set(rows[on_diagonal].tolist()))
    return matrix.diagonal().nonzero().flatten().tolist()


def _already_checked(tensor: Tensor) -> bool:
    entry = _checked_costs.get(id(tensor))
    return entry is not None and entry[0]() is tensor and entry[1] == tensor._version


def _remember(tensor: Tensor) -> None:
    key = id(tensor)
    _checked_costs[key] = (
        weakref.ref(tensor, lambda _, key=key: _checked_costs.pop(key, None)),
        tensor._version,
    )


def check_target_values(loss_name: str, input: Tensor, target: Tensor, ignore_index: int) -> None:
    """Class indices in range (or ``ignore_index``); probabilities finite and in [0, 1]."""
    if not target.numel():
        return
    classes = input.shape[0 if input.ndim == 1 else 1]
    if target.is_floating_point():
        low, high = torch.aminmax(target)
        if not (low >= 0 and high <= 1):  # False for NaN too
            raise LossContractError(
                messages.probabilities_out_of_range(loss_name, float(low), float(high))
            )
        return
    target = target.long()  # uint8 would compare with ignore_index wrapped (-100 as 156)
    kept = target != ignore_index
    out_of_range = kept & ((target < 0) | (target >= classes))
    if bool(out_of_range.any()):
        position = tuple(out_of_range.nonzero()[0].tolist())
        raise LossContractError(
            messages.target_out_of_range(
                loss_name, int(target[position]), position, classes, ignore_index
            )
        )

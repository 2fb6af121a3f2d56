"""The contract of cross-entropy: jaxtyping annotations checked by beartype, memoised.

Each form PyTorch accepts is one annotated function below; the annotations *are* the contract.
Checking them costs tens of microseconds, too much for every training step, so a call whose
shapes, dtypes, devices and scalar arguments match a signature already validated skips them
(``memo.py``). A violation is diagnosed by ``messages.py`` into one ``LossContractError``.

Where PyTorch is stricter than jaxtyping can say, the dtype classes narrow it (``ClassIndex``:
int64 or uint8, not int32) and ``_check_beyond_annotations`` adds what annotations cannot
express: at least two classes, one device, and a weight dtype equal to the input's.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import torch
from beartype import beartype
from beartype.roar import BeartypeCallHintViolation
from beartype.vale import Is
from jaxtyping import AbstractDtype, TypeCheckError, jaxtyped
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.checked.memo import PassedSignatures
from wce_guard.errors import LossContractError


class Logits(AbstractDtype):
    """The dtypes PyTorch's log_softmax computes in (jaxtyping's Float also admits float8)."""

    dtypes: ClassVar[list[str]] = ["float16", "bfloat16", "float32", "float64"]


class ClassIndex(AbstractDtype):
    """PyTorch's NLL kernel takes int64 or uint8 targets (jaxtyping's Int also admits int32)."""

    dtypes: ClassVar[list[str]] = ["int64", "uint8"]


class SpatialClassIndex(AbstractDtype):
    """With extra dimensions (d1..dk) PyTorch's NLL kernel takes int64 only: uint8 fails in the
    forward, or for an empty batch only in the backward."""

    dtypes: ClassVar[list[str]] = ["int64"]


Reduction = Literal["none", "mean", "sum"]
LabelSmoothing = Annotated[float | int, Is[lambda eps: 0.0 <= eps <= 1.0]]
# PyTorch masks nothing with probability targets, so only the "unset" (negative) value fits.
UnusedIgnoreIndex = Annotated[int, Is[lambda index: index < 0]]


@jaxtyped(typechecker=beartype)
def batch_of_class_indices(
    input: Logits[Tensor, "N C"],
    target: ClassIndex[Tensor, " N"],
    weight: Logits[Tensor, " C"] | None,
    ignore_index: int,
    reduction: Reduction,
    label_smoothing: LabelSmoothing,
) -> None:
    """Logits (N, C) and one class index per sample (N,)."""


@jaxtyped(typechecker=beartype)
def batch_of_spatial_class_indices(
    input: Logits[Tensor, "N C d *e"],
    target: SpatialClassIndex[Tensor, "N d *e"],
    weight: Logits[Tensor, " C"] | None,
    ignore_index: int,
    reduction: Reduction,
    label_smoothing: LabelSmoothing,
) -> None:
    """Logits (N, C, d1..dk), k >= 1, and one class index per position (N, d1..dk)."""


@jaxtyped(typechecker=beartype)
def batch_of_class_probabilities(
    input: Logits[Tensor, "N C *d"],
    target: Logits[Tensor, "N C *d"],
    weight: Logits[Tensor, " C"] | None,
    ignore_index: UnusedIgnoreIndex,
    reduction: Reduction,
    label_smoothing: LabelSmoothing,
) -> None:
    """Logits (N, C, d1..dk) and a probability per class and position, of the same shape."""


@jaxtyped(typechecker=beartype)
def one_class_index(
    input: Logits[Tensor, " C"],
    target: ClassIndex[Tensor, ""],
    weight: Logits[Tensor, " C"] | None,
    ignore_index: int,
    reduction: Reduction,
    label_smoothing: LabelSmoothing,
) -> None:
    """One unbatched sample: logits (C,) and a 0-d class index."""


@jaxtyped(typechecker=beartype)
def one_class_probabilities(
    input: Logits[Tensor, " C"],
    target: Logits[Tensor, " C"],
    weight: Logits[Tensor, " C"] | None,
    ignore_index: UnusedIgnoreIndex,
    reduction: Reduction,
    label_smoothing: LabelSmoothing,
) -> None:
    """One unbatched sample: logits (C,) and class probabilities (C,)."""


def select_contract(input: object, target: object):
    """The form the arguments claim to be: a floating target means probabilities."""
    probabilities = isinstance(target, Tensor) and target.is_floating_point()
    rank = input.ndim if isinstance(input, Tensor) else None
    if rank == 1:
        return one_class_probabilities if probabilities else one_class_index
    if probabilities:
        return batch_of_class_probabilities
    return (
        batch_of_spatial_class_indices if rank is not None and rank > 2 else batch_of_class_indices
    )


_CLASS_INDEX_CONTRACTS = (batch_of_class_indices, batch_of_spatial_class_indices, one_class_index)


_passed = PassedSignatures()


def check_cross_entropy(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    ignore_index: int,
    reduction: str,
    label_smoothing: float,
    in_module: bool = False,
) -> None:
    """Raise ``LossContractError`` unless the arguments fit a form of cross-entropy.

    Reads metadata only: never tensor values, so never a host-device synchronisation.
    """
    try:
        signature = (
            input.shape, input.dtype, input.device,
            target.shape, target.dtype, target.device,
            ignore_index, reduction, label_smoothing,
        ) if weight is None else (
            input.shape, input.dtype, input.device,
            target.shape, target.dtype, target.device,
            ignore_index, reduction, label_smoothing,
            weight.shape, weight.dtype, weight.device,
            # a weight dtype unlike the input's is valid only under autocast: remember if it is on
            weight.dtype == input.dtype or autocast_enabled(input.device.type),
        )  # fmt: skip
        if signature in _passed:
            return
    except (AttributeError, TypeError):  # not tensors, or unhashable scalars: the contract says
        signature = None
    arguments = {
        "input": input,
        "target": target,
        "weight": weight,
        "ignore_index": ignore_index,
        "reduction": reduction,
        "label_smoothing": label_smoothing,
    }
    contract = select_contract(input, target)
    try:
        contract(**arguments)
    except (TypeCheckError, BeartypeCallHintViolation):
        message = messages.contract_violation(loss_name, contract, arguments, in_module=in_module)
        raise LossContractError(message) from None
    _check_beyond_annotations(loss_name, contract, arguments, in_module)
    if signature is not None:
        _passed.remember(signature)


def _check_beyond_annotations(loss_name: str, contract, arguments: dict, in_module: bool) -> None:
    """What jaxtyping cannot express."""
    input, target, weight = arguments["input"], arguments["target"], arguments["weight"]
    classes = input.shape[0 if input.ndim == 1 else 1]
    if classes < 2:
        raise LossContractError(messages.too_few_classes(loss_name, input))
    for name, tensor in (("target", target), ("weight", weight)):
        if tensor is not None and tensor.device != input.device:
            raise LossContractError(
                messages.device_mismatch(loss_name, name, tensor, input, in_module=in_module)
            )
    # With class-index targets the NLL kernel needs weight.dtype == input.dtype, except that
    # autocast first casts float16/bfloat16 arguments of cross_entropy to float32. Probability
    # targets multiply by the weight and promote, so any floating weight works there.
    if weight is None or contract not in _CLASS_INDEX_CONTRACTS:
        return
    if (
        target.dtype == torch.uint8
        and arguments["label_smoothing"] > 0
        and arguments["reduction"] == "mean"
    ):
        # the weighted mean of the smoothing term gathers weights by target (int64 only)
        raise LossContractError(messages.uint8_target_with_weight_and_smoothing(loss_name, target))
    if weight.dtype == input.dtype:
        return
    if autocast_enabled(input.device.type) and _autocast_dtype(weight.dtype) == _autocast_dtype(
        input.dtype
    ):
        return
    raise LossContractError(messages.weight_dtype_mismatch(loss_name, weight, input, in_module))


def autocast_enabled(device_type: str) -> bool:
    try:
        return torch.is_autocast_enabled(device_type)
    except RuntimeError:  # a device type autocast does not know (meta, ...): never autocast
        return False


def _autocast_dtype(dtype: torch.dtype) -> torch.dtype:
    """The dtype autocast gives a cross_entropy argument (its float32 cast policy)."""
    return torch.float32 if dtype in (torch.float16, torch.bfloat16) else dtype

"""The contract of the binary losses: one label per value of the input.

``binary_cross_entropy`` (input: probabilities), ``binary_cross_entropy_with_logits`` and
``binary_rwwce`` (input: logits) share one annotated form each way, checked by beartype as
cross-entropy's forms are and memoised per signature (``memo.py``). What annotations cannot
say is checked after them: weights that broadcast to the input, one device, and, at ``full``,
labels in [0, 1] and what the input's values look like.
"""

from __future__ import annotations

import warnings
from typing import ClassVar

import torch
from beartype import beartype
from beartype.roar import BeartypeCallHintViolation
from jaxtyping import AbstractDtype, TypeCheckError, jaxtyped
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.checked.contracts import Logits, Reduction
from wce_guard.checked.memo import PassedSignatures
from wce_guard.checked.value_checks import stacklevel_of_user_code
from wce_guard.errors import LossContractError, ProbabilityInputWarning

_MIN_VALUES_FOR_A_GUESS = 8  # below, any input fits by chance too often


class AnyLabel(AbstractDtype):
    """Labels binary RWWCE reads as numbers in [0, 1]: any real dtype (it casts them)."""

    dtypes: ClassVar[list[str]] = [
        "bool", "uint8", "int8", "int16", "int32", "int64",
        "float16", "bfloat16", "float32", "float64",
    ]  # fmt: skip


@jaxtyped(typechecker=beartype)
def floating_label_per_value(
    input: Logits[Tensor, "*shape"], target: Logits[Tensor, "*shape"], reduction: Reduction
) -> None:
    """PyTorch's binary cross-entropies: floating labels of the input's shape."""


@jaxtyped(typechecker=beartype)
def any_label_per_value(
    input: Logits[Tensor, "*shape"], target: AnyLabel[Tensor, "*shape"], reduction: Reduction
) -> None:
    """Binary RWWCE: labels of any real dtype, of the input's shape."""


_passed = PassedSignatures()


def check_binary(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    reduction: str,
    weights: dict[str, object],
    *,
    expects: str,
    numbers_as_weights: bool = False,
    module: str = "the loss module",
    in_module: bool = False,
) -> None:
    """Raise ``LossContractError`` unless ``target`` gives one label per value of ``input``
    and each weight broadcasts to it on its device. ``expects`` is what the input holds
    ("logits" or "probabilities"); with ``numbers_as_weights`` a weight may be a number."""
    contract = any_label_per_value if numbers_as_weights else floating_label_per_value
    try:
        signature = (
            loss_name, input.shape, input.dtype, input.device,
            target.shape, target.dtype, target.device, reduction,
            *(_weight_signature(weight) for weight in weights.values()),
        )  # fmt: skip
        if signature in _passed:
            return
    except (AttributeError, TypeError):  # not tensors, or unhashable: the contract says
        signature = None
    arguments = {"input": input, "target": target, "reduction": reduction}
    try:
        contract(**arguments)
    except (TypeCheckError, BeartypeCallHintViolation):
        raise LossContractError(
            messages.binary_violation(loss_name, contract, arguments, expects)
        ) from None
    if expects == "probabilities" and target.dtype != input.dtype:
        raise LossContractError(messages.target_dtype_differs(loss_name, target, input))
    for name, weight in weights.items():
        _check_weight(loss_name, name, weight, input, numbers_as_weights, module, in_module)
    if target.device != input.device:
        raise LossContractError(
            messages.device_mismatch(loss_name, "target", target, input, in_module=in_module)
        )
    if signature is not None:
        _passed.remember(signature)


def _weight_signature(weight: object) -> object:
    if isinstance(weight, Tensor):
        return weight.shape, weight.dtype, weight.device, weight.layout
    return weight  # None or a number (checked finite and >= 0 before it is remembered)


def _check_weight(loss_name, name, weight, input, numbers_allowed, module, in_module) -> None:
    if weight is None and not numbers_allowed:  # costs are always given
        return
    if not isinstance(weight, Tensor):
        if not numbers_allowed:
            raise LossContractError(messages.not_a_tensor(loss_name, name, weight))
        check_cost_number(loss_name, name, weight)
        return
    if weight.is_complex() or weight.dtype == torch.bool:
        raise LossContractError(messages.weight_not_real(loss_name, name, weight))
    if weight.device != input.device:
        raise LossContractError(
            messages.device_mismatch(
                loss_name, name, weight, input, in_module=in_module, module=module
            )
        )
    try:
        fits = torch.broadcast_shapes(weight.shape, input.shape) == input.shape
    except RuntimeError:
        fits = False
    if not fits:
        raise LossContractError(messages.weight_does_not_broadcast(loss_name, name, weight, input))


def check_cost_number(loss_name: str, name: str, weight: object) -> None:
    """A cost given as a number: a finite real >= 0."""
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise LossContractError(messages.not_a_number_or_tensor(loss_name, name, weight))
    if not (weight >= 0 and weight < float("inf")):  # False for NaN
        raise LossContractError(messages.bad_cost_number(loss_name, name, weight))


def check_binary_values(loss_name: str, input: Tensor, target: Tensor, *, expects: str) -> None:
    """The ``full`` level: labels in [0, 1]; probabilities that are probabilities; logits that
    do not all look like sigmoid output (a warning)."""
    if input.device.type == "meta" or not input.numel():
        return
    check_labels(loss_name, target)
    low, high = (float(value) for value in torch.aminmax(input.detach()))
    if expects == "probabilities" and not (low >= 0 and high <= 1):
        raise LossContractError(messages.logits_given_as_probabilities(loss_name, low, high))
    if expects == "logits" and input.numel() >= _MIN_VALUES_FOR_A_GUESS and 0 <= low <= high <= 1:
        warnings.warn(
            messages.sigmoid_output_as_logits(loss_name),
            ProbabilityInputWarning,
            stacklevel=stacklevel_of_user_code(),
        )


def check_labels(loss_name: str, target: Tensor) -> None:
    """Labels in [0, 1] (reads the values)."""
    if target.device.type == "meta" or not target.numel():
        return
    low, high = (float(value) for value in torch.aminmax(target.detach().to(torch.float64)))
    if not (low >= 0 and high <= 1):  # False for NaN too
        raise LossContractError(messages.labels_out_of_range(loss_name, low, high))

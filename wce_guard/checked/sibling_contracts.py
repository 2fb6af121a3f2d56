"""The contracts of cross-entropy's siblings: ``nll_loss`` and the two binary cross-entropies.

``nll_loss`` takes what cross-entropy takes with class-index targets, except that its input
is log-probabilities (``log_softmax`` output), so its shapes are checked by cross-entropy's
contract (``contracts.py``). The binary losses take one number per element: a target and an
optional weight of the input's shape (the weight may broadcast to it). At the ``full`` level the
values say whether the input is what the loss expects: probabilities must lie in [0, 1] (an
error: PyTorch refuses them too, on CPU); log-probabilities are <= 0, so input above 0 is not
log-probabilities (softmax output, or logits), and logits that all lie in [0, 1] look like
sigmoid output (both warnings, ``ProbabilityInputWarning``, as for cross-entropy).
"""

from __future__ import annotations

import warnings

import torch
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.checked.contracts import check_cross_entropy
from wce_guard.checked.levels import CheckLevel
from wce_guard.checked.value_checks import check_cross_entropy_values, stacklevel_of_user_code
from wce_guard.errors import LossContractError, ProbabilityInputWarning

_MIN_VALUES_FOR_A_GUESS = 8  # below, any input fits by chance too often


def check_nll_loss(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    ignore_index: int,
    reduction: str,
    level: CheckLevel,
) -> None:
    if isinstance(target, Tensor) and target.is_floating_point():
        raise LossContractError(
            f"{loss_name}: target has dtype {target.dtype}, but nll_loss takes class indices "
            f"(integers), never class probabilities. Use target.long(), or cross_entropy for "
            f"probability targets."
        )
    check_cross_entropy(loss_name, input, target, weight, ignore_index, reduction, 0.0)
    if level is not CheckLevel.FULL or input.device.type == "meta":
        return
    with warnings.catch_warnings():  # cross-entropy's softmax warning is not nll_loss's
        warnings.simplefilter("ignore", ProbabilityInputWarning)
        check_cross_entropy_values(loss_name, input, target, weight, ignore_index)
    if input.numel() >= _MIN_VALUES_FOR_A_GUESS:
        low, high = (float(value) for value in torch.aminmax(input.detach()))
        if high > 1e-3:  # log-probabilities are <= 0, up to rounding
            kind = "probabilities (softmax output)" if low >= 0 and high <= 1 else "logits"
            fix = (
                "Pass log_softmax output instead, or give the logits to cross_entropy."
                if low >= 0 and high <= 1
                else "Apply log_softmax first, or give the logits to cross_entropy, which "
                "does both."
            )
            warnings.warn(
                f"{loss_name}: input holds values up to {high:.3g}, so it is not "
                f"log-probabilities (which are <= 0); it looks like {kind}. {fix}",
                ProbabilityInputWarning,
                stacklevel=stacklevel_of_user_code(),
            )


def check_binary_cross_entropy(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    reduction: str,
    level: CheckLevel,
    *,
    logits: bool,
    pos_weight: Tensor | None = None,
) -> None:
    expects = "logits" if logits else "probabilities"
    if not isinstance(input, Tensor) or not input.is_floating_point():
        raise LossContractError(
            f"{loss_name}: input must be a floating-point tensor of {expects}, got "
            f"{_describe(input)}."
        )
    if not isinstance(target, Tensor) or not target.is_floating_point():
        raise LossContractError(
            f"{loss_name}: target must be a floating-point tensor of labels in [0, 1], got "
            f"{_describe(target)}. Use target.float()."
        )
    if target.shape != input.shape:
        hint = (
            f" Use target.view_as(input) (both hold {input.numel()} values)."
            if target.numel() == input.numel()
            else " For class indices and one logit per class, use cross_entropy."
        )
        raise LossContractError(
            f"{loss_name}: target has shape {messages.shape_text(target.shape)} but input has "
            f"shape {messages.shape_text(input.shape)}; it needs one label per value.{hint}"
        )
    if reduction not in ("none", "mean", "sum"):
        raise LossContractError(
            f"{loss_name}: reduction must be 'none', 'mean' or 'sum', got {reduction!r}."
        )
    if not logits and target.dtype != input.dtype:
        raise LossContractError(messages.target_dtype_differs(loss_name, target, input))
    for name, tensor in (("target", target), ("weight", weight), ("pos_weight", pos_weight)):
        if tensor is None:
            continue
        if not isinstance(tensor, Tensor):
            raise LossContractError(messages.not_a_tensor(loss_name, name, tensor))
        if tensor.device != input.device:
            raise LossContractError(
                messages.device_mismatch(
                    loss_name, name, tensor, input, in_module=False, module="the loss module"
                )
            )
        if name != "target" and not _broadcasts(tensor, input):
            raise LossContractError(
                messages.weight_does_not_broadcast(loss_name, name, tensor, input)
            )
    if level is not CheckLevel.FULL or input.device.type == "meta" or not input.numel():
        return
    low, high = (float(value) for value in torch.aminmax(input.detach()))
    target_low, target_high = (float(value) for value in torch.aminmax(target.detach()))
    if not (target_low >= 0 and target_high <= 1):
        raise LossContractError(
            f"{loss_name}: target must hold labels in [0, 1], but its values range from "
            f"{target_low:.3g} to {target_high:.3g}."
        )
    if not logits and not (low >= 0 and high <= 1):
        raise LossContractError(
            f"{loss_name}: input ranges from {low:.3g} to {high:.3g}, so it is not "
            f"probabilities: it looks like logits. Use binary_cross_entropy_with_logits on "
            f"them (it is also stabler than sigmoid followed by binary_cross_entropy)."
        )
    if logits and input.numel() >= _MIN_VALUES_FOR_A_GUESS and low >= 0 and high <= 1:
        warnings.warn(
            f"{loss_name}: every value of input lies in [0, 1], like sigmoid output, but "
            f"binary_cross_entropy_with_logits applies the sigmoid itself. Pass the logits, "
            f"without sigmoid.",
            ProbabilityInputWarning,
            stacklevel=stacklevel_of_user_code(),
        )


def _broadcasts(tensor: Tensor, input: Tensor) -> bool:
    try:
        return torch.broadcast_shapes(tensor.shape, input.shape) == input.shape
    except RuntimeError:
        return False


def _describe(value: object) -> str:
    if isinstance(value, Tensor):
        return f"a tensor of dtype {value.dtype}"
    return type(value).__name__

"""The contract of ``nll_loss``: cross-entropy's, for class-index targets, over
log-probabilities (at ``full``, input above 0 is not log-probabilities and warns)."""

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
    in_module: bool = False,
) -> None:
    if isinstance(target, Tensor) and target.is_floating_point():
        raise LossContractError(messages.nll_probability_target(loss_name, target))
    check_cross_entropy(loss_name, input, target, weight, ignore_index, reduction, 0.0, in_module)
    if level is not CheckLevel.FULL or input.device.type == "meta":
        return
    with warnings.catch_warnings():  # cross-entropy's softmax warning is not nll_loss's
        warnings.simplefilter("ignore", ProbabilityInputWarning)
        check_cross_entropy_values(loss_name, input, target, weight, ignore_index)
    if input.numel() >= _MIN_VALUES_FOR_A_GUESS:
        low, high = (float(value) for value in torch.aminmax(input.detach()))
        if high > 1e-3:  # log-probabilities are <= 0, up to rounding
            warnings.warn(
                messages.not_log_probabilities(loss_name, low, high),
                ProbabilityInputWarning,
                stacklevel=stacklevel_of_user_code(),
            )

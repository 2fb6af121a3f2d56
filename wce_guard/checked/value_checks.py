"""The ``full`` check level: what the tensors hold, not just their shapes.

Targets in range, weights finite and >= 0 and not all zero, and input that looks like softmax
output. The statistics are reductions (``aminmax``, one row sum) gathered into one small tensor,
so a call costs one host-device transfer however many checks run. Callers have already passed
the shape contract (``contracts.py``).
"""

from __future__ import annotations

import os
import sys
import warnings

import torch
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.errors import LossContractError, ProbabilityInputWarning


def check_cross_entropy_values(
    loss_name: str, input: Tensor, target: Tensor, weight: Tensor | None, ignore_index: int
) -> None:
    """Raise ``LossContractError`` for impossible values; warn on probability-like input."""
    if input.device.type == "meta":  # shapes without data: nothing to read
        return
    class_axis = 0 if input.ndim == 1 else 1
    classes = input.shape[class_axis]
    probabilities = target.is_floating_point()
    with torch.no_grad():
        statistics, names = [], []
        if target.numel():
            if probabilities:
                statistics.extend(torch.aminmax(target))
            else:  # positions to skip read as class 0, which is always in range
                indices = target.long()  # uint8 would compare with ignore_index wrapped
                statistics.extend(torch.aminmax(torch.where(indices == ignore_index, 0, indices)))
            names += ["target_min", "target_max"]
        if weight is not None:
            statistics.extend(torch.aminmax(weight))
            names += ["weight_min", "weight_max"]
        if input.numel():
            # float32 sums at least: float16 rounding would blur "sums to 1".
            accumulate = torch.float64 if input.dtype == torch.float64 else torch.float32
            row_sums = input.sum(dim=class_axis, dtype=accumulate)
            statistics.extend(torch.aminmax(input))
            statistics.append((row_sums - 1).abs().max())
            names += ["input_min", "input_max", "row_sum_error"]
        if not statistics:
            return
        on_host = dict(zip(names, _to_host(statistics, input.device), strict=True))

    if "target_min" in on_host:
        low, high = on_host["target_min"], on_host["target_max"]
        if probabilities and not (low >= 0.0 and high <= 1.0):
            raise LossContractError(messages.probabilities_out_of_range(loss_name, low, high))
        if not probabilities and not (low >= 0 and high < classes):
            raise LossContractError(
                _first_target_out_of_range(loss_name, target, classes, ignore_index)
            )
    if weight is not None:
        low, high = on_host["weight_min"], on_host["weight_max"]
        if not (low >= 0.0 and high < float("inf") and high > 0.0):  # False for NaN too
            raise LossContractError(messages.bad_weight_values(loss_name, weight))
    if input.numel() >= _MIN_VALUES_FOR_PROBABILITY and _looks_like_probabilities(
        on_host, input.dtype, classes
    ):
        warnings.warn(
            messages.probability_input(loss_name, input),
            ProbabilityInputWarning,
            stacklevel=stacklevel_of_user_code(),
        )


def _to_host(statistics: list[Tensor], device: torch.device) -> list[float]:
    """One transfer for all statistics (float64 holds int64 class ids exactly up to 2**53)."""
    dtype = torch.float32 if device.type == "mps" else torch.float64  # mps has no float64
    return torch.stack([value.to(dtype) for value in statistics]).tolist()


# Below this, logits fall on the probability simplex by chance too often at float16/bfloat16
# tolerance (about 1 in 1000 for two bfloat16 values); precision first.
_MIN_VALUES_FOR_PROBABILITY = 8


def _looks_like_probabilities(on_host: dict, dtype: torch.dtype, classes: int) -> bool:
    """Every value in [0, 1] and every row summing to 1 within the rounding of softmax output.

    Softmax rounds each entry by half an ulp of ``dtype``; the sum adds at most one float32
    rounding per class. Logits from a model pass this only by extraordinary coincidence.
    """
    tolerance = 2 * torch.finfo(dtype).eps + classes * torch.finfo(torch.float32).eps
    return (
        on_host["input_min"] >= 0.0
        and on_host["input_max"] <= 1.0
        and on_host["row_sum_error"] <= tolerance
    )


def _first_target_out_of_range(
    loss_name: str, target: Tensor, classes: int, ignore_index: int
) -> str:
    target = target.long()
    out_of_range = (target != ignore_index) & ((target < 0) | (target >= classes))
    position = tuple(out_of_range.nonzero()[0].tolist())
    value = int(target[position])
    return messages.target_out_of_range(loss_name, value, position, classes, ignore_index)


_OUR_FOLDERS = (
    os.path.dirname(os.path.dirname(__file__)) + os.sep,  # wce_guard's
    os.path.join(os.path.dirname(torch.__file__), "nn", "modules") + os.sep,
)


def stacklevel_of_user_code() -> int:
    """The ``warnings.warn`` stacklevel that points at the user's call, past our frames and
    ``nn.Module.__call__``, so a warning names the user's file and line."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(_OUR_FOLDERS):
        frame, level = frame.f_back, level + 1
    return level

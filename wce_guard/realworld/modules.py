"""The Real-World-Weight Cross-Entropy as modules: ``RWWCELoss`` and ``BinaryRWWCELoss``, thin
shells over ``functional.py`` whose costs are buffers."""

from __future__ import annotations

import torch
from torch import Tensor, nn

from wce_guard.checked import messages
from wce_guard.checked.active import active_level
from wce_guard.checked.binary_contracts import check_cost_number
from wce_guard.checked.levels import CheckLevel
from wce_guard.errors import LossContractError
from wce_guard.realworld.contracts import check_costs, check_rwwce
from wce_guard.realworld.functional import (
    binary_rwwce_unchecked,
    check_binary_rwwce,
    rwwce_unchecked,
)


class RWWCELoss(nn.Module):
    """``rwwce`` as a module. ``fn_weight`` and ``fp_weight`` are buffers: they move with
    ``.to(device)``, are saved in ``state_dict``, and are checked once, when set here."""

    fn_weight: Tensor | None
    fp_weight: Tensor | None

    def __init__(
        self,
        fn_weight: Tensor | None = None,
        fp_weight: Tensor | None = None,
        *,
        ignore_index: int = -100,
        reduction: str = "mean",
    ) -> None:
        super().__init__()
        _check_module_costs("RWWCELoss", fn_weight, fp_weight, reduction)
        # integer costs become float32 once here, not on every call (and so follow .double())
        self.register_buffer("fn_weight", _floating(fn_weight))
        self.register_buffer("fp_weight", _floating(fp_weight))
        self.ignore_index = ignore_index
        self.reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        level = active_level()
        if level is not CheckLevel.OFF:
            check_rwwce("RWWCELoss", input, target, self.fn_weight, self.fp_weight,
                        self.ignore_index, self.reduction, level, in_module=True)  # fmt: skip
        return rwwce_unchecked(
            input, target, self.fn_weight, self.fp_weight, self.ignore_index, self.reduction
        )

    def extra_repr(self) -> str:
        return f"ignore_index={self.ignore_index}, reduction={self.reduction!r}"


class BinaryRWWCELoss(nn.Module):
    """``binary_rwwce`` as a module; the weights are buffers (numbers become 0-d float64
    tensors, so they lose nothing in float64 and do not change the dtype of float32 input)."""

    fn_weight: Tensor
    fp_weight: Tensor

    def __init__(
        self,
        fn_weight: float | Tensor = 1.0,
        fp_weight: float | Tensor = 1.0,
        *,
        reduction: str = "mean",
    ) -> None:
        super().__init__()
        for name, weight in (("fn_weight", fn_weight), ("fp_weight", fp_weight)):
            if not isinstance(weight, Tensor):
                check_cost_number("BinaryRWWCELoss", name, weight)
                weight = torch.tensor(float(weight), dtype=torch.float64)
            self.register_buffer(name, weight)
        _check_module_costs("BinaryRWWCELoss", self.fn_weight, self.fp_weight, reduction)
        self.reduction = reduction

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        level = active_level()
        if level is not CheckLevel.OFF:
            check_binary_rwwce("BinaryRWWCELoss", input, target, self.fn_weight, self.fp_weight,
                          self.reduction, level, in_module=True)  # fmt: skip
        return binary_rwwce_unchecked(input, target, self.fn_weight, self.fp_weight, self.reduction)

    def extra_repr(self) -> str:
        return f"reduction={self.reduction!r}"


def _floating(costs: Tensor | None) -> Tensor | None:
    if costs is None or costs.is_floating_point():
        return costs
    return costs.to(torch.float32)


def _check_module_costs(loss_name: str, fn_weight, fp_weight, reduction: str) -> None:
    """The costs' values, once, where the user builds the criterion (usually on CPU)."""
    if reduction not in ("none", "mean", "sum"):
        raise LossContractError(messages.bad_reduction(loss_name, reduction))
    for name, weight in (("fn_weight", fn_weight), ("fp_weight", fp_weight)):
        if weight is not None and not isinstance(weight, Tensor):
            raise LossContractError(messages.not_a_tensor(loss_name, name, weight))
    if active_level() is not CheckLevel.OFF:
        check_costs(loss_name, cost_matrix=loss_name == "RWWCELoss", fn_weight=fn_weight,
                    fp_weight=fp_weight)  # fmt: skip

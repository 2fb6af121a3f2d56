"""Checked drop-in replacements for PyTorch's classification-loss modules.

Each is a subclass of ``torch.nn``'s module of that name: ``weight`` (and ``pos_weight``) are
the same buffers, so they move with ``.to(device)``, ``.cuda()`` and ``.half()``, are saved in
``state_dict`` under the same keys, and ``isinstance`` checks for the ``nn`` class still hold.
``forward`` checks (see ``functional.py``), then calls PyTorch's function.

They script: TorchScript compiles ``forward`` without the checks, which are Python code, and
the scripted module computes exactly what ``torch.nn``'s does.
"""

from __future__ import annotations

import torch
from torch import Tensor, nn

from wce_guard.checked import functional
from wce_guard.checked.active import active_level
from wce_guard.checked.levels import CheckLevel


class CrossEntropyLoss(nn.CrossEntropyLoss):
    """``torch.nn.CrossEntropyLoss``, checked at the current level (see ``checks``)."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if not torch.jit.is_scripting():
            self._check(input, target)
        return functional._cross_entropy(
            input,
            target,
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )

    @torch.jit.unused
    def _check(self, input: Tensor, target: Tensor) -> None:
        level = active_level()
        if level is not CheckLevel.OFF:
            functional.check_cross_entropy_call(
                "CrossEntropyLoss", level, input, target, self.weight,
                ignore_index=self.ignore_index, reduction=self.reduction,
                label_smoothing=self.label_smoothing, in_module=True,
            )  # fmt: skip


class NLLLoss(nn.NLLLoss):
    """``torch.nn.NLLLoss``, checked at the current level (see ``checks``)."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if not torch.jit.is_scripting():
            self._check(input, target)
        return functional._nll_loss(
            input, target, weight=self.weight, ignore_index=self.ignore_index,
            reduction=self.reduction,
        )  # fmt: skip

    @torch.jit.unused
    def _check(self, input: Tensor, target: Tensor) -> None:
        level = active_level()
        if level is not CheckLevel.OFF:
            functional.check_nll_loss_call(
                "NLLLoss", level, input, target, self.weight, ignore_index=self.ignore_index,
                reduction=self.reduction, in_module=True,
            )  # fmt: skip


class BCELoss(nn.BCELoss):
    """``torch.nn.BCELoss``, checked at the current level (see ``checks``)."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if not torch.jit.is_scripting():
            self._check(input, target)
        return functional._binary_cross_entropy(
            input, target, weight=self.weight, reduction=self.reduction
        )

    @torch.jit.unused
    def _check(self, input: Tensor, target: Tensor) -> None:
        level = active_level()
        if level is not CheckLevel.OFF:
            functional.check_binary_cross_entropy_call(
                "BCELoss", level, input, target, self.weight, reduction=self.reduction,
                in_module=True,
            )  # fmt: skip


class BCEWithLogitsLoss(nn.BCEWithLogitsLoss):
    """``torch.nn.BCEWithLogitsLoss``, checked at the current level (see ``checks``)."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if not torch.jit.is_scripting():
            self._check(input, target)
        return functional._binary_cross_entropy_with_logits(
            input, target, self.weight, pos_weight=self.pos_weight, reduction=self.reduction
        )

    @torch.jit.unused
    def _check(self, input: Tensor, target: Tensor) -> None:
        level = active_level()
        if level is not CheckLevel.OFF:
            functional.check_binary_cross_entropy_with_logits_call(
                "BCEWithLogitsLoss", level, input, target, self.weight,
                reduction=self.reduction, pos_weight=self.pos_weight, in_module=True,
            )  # fmt: skip

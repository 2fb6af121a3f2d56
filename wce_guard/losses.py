"""Checked drop-in replacements for PyTorch's cross-entropy and its siblings (nll_loss, the
binary cross-entropies).

Same signatures, defaults and results as PyTorch's functions and modules of those names: the
checks run first, then the PyTorch op itself computes the loss (it is never re-implemented).
Inside ``torch.compile`` the checks step aside (they are Python-side metadata checks that
would otherwise break the graph).
"""

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from wce_guard.contracts import active_level, check_cross_entropy
from wce_guard.levels import CheckLevel, current_level
from wce_guard.sibling_contracts import check_binary_cross_entropy, check_nll_loss
from wce_guard.values import check_cross_entropy_values

_is_compiling = torch.compiler.is_compiling


def cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """``torch.nn.functional.cross_entropy``, checked at the current level (see ``checks``).

    Raises ``LossContractError`` (a ``ValueError``) when the arguments break the contract.
    """
    if not _is_compiling():
        _check("cross_entropy", input, target, weight, ignore_index, reduction, label_smoothing)
    return F.cross_entropy(
        input, target, weight, size_average, ignore_index, reduce, reduction, label_smoothing
    )


class CrossEntropyLoss(nn.CrossEntropyLoss):
    """``torch.nn.CrossEntropyLoss``, checked at the current level (see ``checks``).

    A subclass, so ``weight`` is the same buffer: it moves with ``.to(device)``, ``.cuda()`` and
    ``.half()``, is saved in ``state_dict`` under the same key, and ``isinstance`` checks for
    ``nn.CrossEntropyLoss`` still hold.
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        if not _is_compiling():
            _check(
                "CrossEntropyLoss",
                input,
                target,
                self.weight,
                self.ignore_index,
                self.reduction,
                self.label_smoothing,
                in_module=True,
            )
        return F.cross_entropy(
            input,
            target,
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
            label_smoothing=self.label_smoothing,
        )


def _check(
    loss_name: str,
    input: Tensor,
    target: Tensor,
    weight: Tensor | None,
    ignore_index: int,
    reduction: str,
    label_smoothing: float,
    *,
    in_module: bool = False,
) -> None:
    level = current_level()
    if level is CheckLevel.OFF:
        return
    check_cross_entropy(
        loss_name, input, target, weight, ignore_index, reduction, label_smoothing, in_module
    )
    if level is CheckLevel.FULL:
        check_cross_entropy_values(loss_name, input, target, weight, ignore_index)


def nll_loss(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    ignore_index: int = -100,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``torch.nn.functional.nll_loss``, checked at the current level (see ``checks``).

    Its input is log-probabilities (``log_softmax`` output): at the ``full`` level, input with
    values above 0 warns with ``ProbabilityInputWarning``.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_nll_loss("nll_loss", input, target, weight, ignore_index, reduction, level)
    return F.nll_loss(input, target, weight, size_average, ignore_index, reduce, reduction)


class NLLLoss(nn.NLLLoss):
    """``torch.nn.NLLLoss``, checked at the current level; ``weight`` is the same buffer."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        level = active_level()
        if level is not CheckLevel.OFF:
            check_nll_loss(
                "NLLLoss", input, target, self.weight, self.ignore_index, self.reduction, level
            )
        return F.nll_loss(
            input,
            target,
            weight=self.weight,
            ignore_index=self.ignore_index,
            reduction=self.reduction,
        )


def binary_cross_entropy(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
) -> Tensor:
    """``torch.nn.functional.binary_cross_entropy`` (input: probabilities), checked."""
    level = active_level()
    if level is not CheckLevel.OFF:
        check_binary_cross_entropy(
            "binary_cross_entropy", input, target, weight, reduction, level, logits=False
        )
    return F.binary_cross_entropy(input, target, weight, size_average, reduce, reduction)


class BCELoss(nn.BCELoss):
    """``torch.nn.BCELoss``, checked at the current level; ``weight`` is the same buffer."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        level = active_level()
        if level is not CheckLevel.OFF:
            check_binary_cross_entropy(
                "BCELoss", input, target, self.weight, self.reduction, level, logits=False
            )
        return F.binary_cross_entropy(input, target, weight=self.weight, reduction=self.reduction)


def binary_cross_entropy_with_logits(
    input: Tensor,
    target: Tensor,
    weight: Tensor | None = None,
    size_average: bool | None = None,
    reduce: bool | None = None,
    reduction: str = "mean",
    pos_weight: Tensor | None = None,
) -> Tensor:
    """``torch.nn.functional.binary_cross_entropy_with_logits``, checked.

    At the ``full`` level, input whose values all lie in [0, 1] (sigmoid output) warns with
    ``ProbabilityInputWarning``.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_binary_cross_entropy(
            "binary_cross_entropy_with_logits",
            input,
            target,
            weight,
            reduction,
            level,
            logits=True,
            pos_weight=pos_weight,
        )
    return F.binary_cross_entropy_with_logits(
        input, target, weight, size_average, reduce, reduction, pos_weight
    )


class BCEWithLogitsLoss(nn.BCEWithLogitsLoss):
    """``torch.nn.BCEWithLogitsLoss``, checked; ``weight`` and ``pos_weight`` are the same
    buffers."""

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        level = active_level()
        if level is not CheckLevel.OFF:
            check_binary_cross_entropy(
                "BCEWithLogitsLoss",
                input,
                target,
                self.weight,
                self.reduction,
                level,
                logits=True,
                pos_weight=self.pos_weight,
            )
        return F.binary_cross_entropy_with_logits(
            input, target, self.weight, pos_weight=self.pos_weight, reduction=self.reduction
        )

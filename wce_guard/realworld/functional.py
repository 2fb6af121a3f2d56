"""Real-World-Weight Cross-Entropy (Ho & Wookey, 2020): losses whose weights are the
real-world costs of each kind of mistake.

- ``rwwce``: multiclass. ``fn_weight[i]`` prices missing true class ``i`` (a false negative);
  ``fp_weight[i, j]`` prices putting probability on class ``j`` when the truth is ``i`` (a false
  positive), row = true class, column = predicted class, zero diagonal.
- ``binary_rwwce``: one logit per element, ``fn_weight`` and ``fp_weight`` scalars or tensors.

Formulas, reductions and numerics: spec/losses.md sections 2 to 4. The losses take logits,
never probabilities, and clip nothing. Unlike ``cross_entropy``'s weighted mean, ``"mean"``
divides by the number of kept positions, never by a sum of weights: the weights carry cost
units. The modules are in ``modules.py``, the metrics in ``metric.py``.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

from wce_guard.checked.active import active_level
from wce_guard.checked.binary_contracts import check_binary, check_binary_values, check_labels
from wce_guard.checked.levels import CheckLevel
from wce_guard.realworld.autograd import CostColumns, loss_per_position
from wce_guard.realworld.contracts import check_costs, check_rwwce, reads_values

_is_compiling = torch.compiler.is_compiling
_HALF = (torch.float16, torch.bfloat16)


def rwwce(
    input: Tensor,
    target: Tensor,
    fn_weight: Tensor | None = None,
    fp_weight: Tensor | None = None,
    *,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> Tensor:
    """Multiclass Real-World-Weight Cross-Entropy from logits.

    Per position with true class ``t``:
    ``-fn_weight[t] * log p_t - sum_{k != t} fp_weight[t, k] * log(1 - p_k)``, ``p = softmax``.

    Args:
        input: logits ``(N, C)``, ``(N, C, d1, ..., dk)`` or ``(C,)``.
        target: class indices ``(N, d1, ..., dk)`` (any integer dtype), or class probabilities
            of the input's shape (``fp_weight`` then applies as ``target @ fp_weight``).
        fn_weight: ``(C,)`` cost of missing each class; None means all ones.
        fp_weight: ``(C, C)`` cost of predicting column ``j`` when the truth is row ``i``, zero
            diagonal; dense or sparse COO. None means no false-positive term (then the loss is
            ``cross_entropy(weight=fn_weight, reduction="sum") / N``).
        ignore_index: class-index targets equal to it add 0 and are not counted.
        reduction: ``"mean"`` (sum over kept positions / their count; NaN if none), ``"sum"``,
            or ``"none"`` (per position, 0 where ignored).

    Raises ``LossContractError`` (a ``ValueError``) when the arguments break the contract.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_rwwce("rwwce", input, target, fn_weight, fp_weight, ignore_index, reduction, level)
    return rwwce_unchecked(input, target, fn_weight, fp_weight, ignore_index, reduction)


def rwwce_unchecked(
    input: Tensor,
    target: Tensor,
    fn_weight: Tensor | None,
    fp_weight: Tensor | None,
    ignore_index: int,
    reduction: str,
) -> Tensor:
    unbatched = input.ndim == 1
    if unbatched:
        input, target = input.unsqueeze(0), target.unsqueeze(0)
    compute = torch.float32 if input.dtype in _HALF else input.dtype
    batch, classes = input.shape[:2]
    # (N, C, D) with the extra positions flattened into D, or (N, C) when D is 1: a trailing
    # axis of size 1 makes softmax over the class axis several times slower
    positions = math.prod(input.shape[2:])
    layout = (batch, classes) if positions == 1 else (batch, classes, positions)
    logits = input.to(compute).reshape(layout)  # a view if it can

    probabilities = target.is_floating_point()
    if probabilities:
        target_rows, kept = target.to(compute).reshape(layout), None
    else:
        target_rows = target.reshape(layout[:1] + layout[2:]).long()
        kept = target_rows != ignore_index
        target_rows = target_rows.where(kept, 0)  # any valid class; its loss is masked below
    weights = (
        torch.ones(classes, dtype=compute, device=input.device)
        if fn_weight is None
        else fn_weight.to(compute)
    )
    costs = _as_costs(fp_weight, compute)

    loss = loss_per_position(logits, target_rows, weights, costs)
    if kept is not None:  # ignored positions add exactly 0, whatever their logits hold
        loss = torch.where(kept, loss, 0.0)
    if reduction == "none":
        loss = loss.reshape(batch, *input.shape[2:])
        return (loss[0] if unbatched else loss).to(input.dtype)
    total = loss.sum()
    if reduction == "mean":
        total = total / (loss.numel() if kept is None else kept.sum())
    return total.to(input.dtype)


def _as_costs(fp_weight: Tensor | None, dtype: torch.dtype) -> Tensor | CostColumns | None:
    """The fp costs as the Function takes them. A dense matrix on CPU whose costs sit in few
    columns takes the cost-column way too (on a GPU finding them would wait for the device, so
    there give a sparse matrix for that)."""
    if fp_weight is None:
        return None
    # (not while torch.compile traces: finding the columns has a data-dependent shape)
    # (nor when the costs are learnt: a zero cost has a gradient too)
    learnt = fp_weight.requires_grad and torch.is_grad_enabled()
    if fp_weight.is_sparse or (
        fp_weight.device.type == "cpu" and not _is_compiling() and not learnt
    ):
        columns = CostColumns.of(fp_weight)
        if columns is not None:
            return columns.to(dtype)
    return fp_weight.to(dtype)


def binary_rwwce(
    input: Tensor,
    target: Tensor,
    fn_weight: float | Tensor = 1.0,
    fp_weight: float | Tensor = 1.0,
    *,
    reduction: str = "mean",
) -> Tensor:
    """Binary Real-World-Weight Cross-Entropy from logits.

    Per element: ``fn_weight * y * softplus(-x) + fp_weight * (1 - y) * softplus(x)``, that is
    ``-fn_weight * y * log(sigmoid(x)) - fp_weight * (1 - y) * log(1 - sigmoid(x))``.

    Args:
        input: logits of any shape.
        target: labels in [0, 1] (hard or soft) of the input's shape; bool and integer
            labels are read as 0/1.
        fn_weight: cost of a missed positive: a number, or a tensor that broadcasts to the
            input's shape (per class, per element).
        fp_weight: cost of a false alarm on a negative, likewise.
        reduction: ``"mean"`` (over all elements; not divided by the weights), ``"sum"``
            or ``"none"``.

    ``fn_weight = fp_weight = 1`` is ``binary_cross_entropy_with_logits``.
    """
    level = active_level()
    if level is not CheckLevel.OFF:
        check_binary_rwwce("binary_rwwce", input, target, fn_weight, fp_weight, reduction, level)
    return binary_rwwce_unchecked(input, target, fn_weight, fp_weight, reduction)


def binary_rwwce_unchecked(input, target, fn_weight, fp_weight, reduction: str) -> Tensor:
    compute = torch.float32 if input.dtype in _HALF else input.dtype
    logits, labels = input.to(compute), target.to(compute)
    # -log sigmoid(x) and -log(1 - sigmoid(x)) straight from the logit (spec section 2): the
    # fused BCEWithLogits(pos_weight=fn/fp) form cancels in float32 and divides by fp_weight.
    missed = -F.logsigmoid(logits)
    false_alarm = -F.logsigmoid(-logits)
    loss = (_weight(fn_weight, compute) * labels * missed
            + _weight(fp_weight, compute) * (1 - labels) * false_alarm)  # fmt: skip
    if reduction != "none":  # before the cast: a float16 sum may overflow where the mean fits
        loss = loss.sum() if reduction == "sum" else loss.mean()
    return loss.to(input.dtype)


def _weight(value: float | Tensor, dtype: torch.dtype) -> float | Tensor:
    return value.to(dtype) if isinstance(value, Tensor) else float(value)


@torch.compiler.disable  # as check_rwwce
def check_binary_rwwce(
    loss_name: str,
    input: object,
    target: object,
    fn_weight: object,
    fp_weight: object,
    reduction: object,
    level: CheckLevel,
    in_module: bool = False,
) -> None:
    costs = {"fn_weight": fn_weight, "fp_weight": fp_weight}
    check_binary(loss_name, input, target, reduction, costs, expects="logits",
                 numbers_as_weights=True, module="wce_guard.BinaryRWWCELoss(...)",
                 in_module=in_module)  # fmt: skip
    if level is CheckLevel.FULL:
        check_binary_values(loss_name, input, target, expects="logits")
    if reads_values(level, input):  # also on CPU at shapes, where reading costs no sync
        check_labels(loss_name, target)
        check_costs(loss_name, cost_matrix=False, every_call=level is CheckLevel.FULL,
                    **{name: w for name, w in costs.items() if isinstance(w, Tensor)})  # fmt: skip

"""The Real World Cost (Ho & Wookey, 2020): the average real-world cost of a classifier's
mistakes per example, the metric RWWCE is trained to lower. Spec: losses.md section 5.

Metrics, not losses: no gradient, a Python float. Costs use the same convention as the loss:
``fn_weight[i]`` for missing true class ``i``, ``fp_weight[i, j]`` for predicting ``j`` when the
truth is ``i``, so a mistake ``i -> j`` costs ``fn_weight[i] + fp_weight[i, j]``.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from wce_guard.checked import messages
from wce_guard.checked.binary_contracts import check_binary
from wce_guard.checked.levels import CheckLevel
from wce_guard.errors import LossContractError
from wce_guard.realworld.contracts import check_costs, check_rwwce


def real_world_cost(
    input: Tensor,
    target: Tensor,
    fn_weight: Tensor | None = None,
    fp_weight: Tensor | None = None,
    *,
    ignore_index: int = -100,
) -> float:
    """Mean over kept positions of ``[argmax != t] * (fn_weight[t] + fp_weight[t, argmax])``.

    ``input``: logits (or any scores) ``(N, C, d1, ..., dk)`` or ``(C,)``; ``target``: class
    indices. The prediction is the argmax (ties: lowest class). NaN if no position is kept.
    """
    if isinstance(target, Tensor) and target.is_floating_point():
        raise LossContractError(messages.cost_of_probability_targets("real_world_cost"))
    check_rwwce("real_world_cost", input, target, fn_weight, fp_weight, ignore_index, "mean",
                CheckLevel.FULL)  # fmt: skip
    with torch.no_grad():
        class_axis = 0 if input.ndim == 1 else 1
        predicted = input.argmax(class_axis).reshape(-1)
        truth = target.reshape(-1).long()
        kept = truth != ignore_index
        predicted, truth = predicted[kept], truth[kept]
        if not truth.numel():
            return math.nan
        wrong = predicted != truth
        classes = input.shape[class_axis]
        fn = torch.ones(classes, dtype=torch.float64, device=input.device) if fn_weight is None \
            else fn_weight.to(torch.float64)  # fmt: skip
        cost = fn[truth]
        if fp_weight is not None:
            cost = cost + _entries(fp_weight, truth, predicted)
        return float((cost * wrong).sum() / truth.numel())


def _entries(matrix: Tensor, rows: Tensor, columns: Tensor) -> Tensor:
    """``matrix[rows, columns]`` in float64, for a dense or a sparse COO matrix."""
    if not matrix.is_sparse:
        return matrix.to(torch.float64)[rows, columns]
    matrix = matrix.coalesce()
    size = matrix.shape[1]
    keys = matrix.indices()[0] * size + matrix.indices()[1]  # sorted: coalesce orders them
    wanted = rows * size + columns
    position = torch.searchsorted(keys, wanted).clamp(max=max(keys.numel() - 1, 0))
    if not keys.numel():
        return torch.zeros_like(wanted, dtype=torch.float64)
    found = keys[position] == wanted
    return torch.where(found, matrix.values().to(torch.float64)[position], 0.0)


def binary_real_world_cost(
    input: Tensor,
    target: Tensor,
    fn_cost: float,
    fp_cost: float,
    *,
    threshold: float = 0.5,
) -> float:
    """``(FN * fn_cost + FP * fp_cost) / N`` with positive predicted iff
    ``sigmoid(input) > threshold`` (strict: logit 0 is negative at 0.5). Targets in {0, 1}."""
    name = "binary_real_world_cost"
    costs = {"fn_cost": fn_cost, "fp_cost": fp_cost}
    check_binary(name, input, target, "mean", costs, expects="logits", numbers_as_weights=True)
    if not 0.0 <= threshold <= 1.0:
        raise LossContractError(messages.bad_threshold(name, threshold))
    with torch.no_grad():
        labels = target.to(torch.float64)
        if labels.numel() and not bool(((labels == 0) | (labels == 1)).all()):
            raise LossContractError(messages.labels_not_zero_or_one(name))
        if not labels.numel():
            return math.nan
        # sigmoid(x) > t  <=>  x > log(t / (1 - t)), exact at t = 0.5 (logit 0)
        cut = -math.inf if threshold == 0 else math.inf if threshold == 1 else (
            math.log(threshold) - math.log1p(-threshold))  # fmt: skip
        positive = input.to(torch.float64) > cut
        missed = int(((labels == 1) & ~positive).sum())
        false_alarms = int(((labels == 0) & positive).sum())
        # in Python floats (float64): a tensor product would round to float32
        return (missed * float(fn_cost) + false_alarms * float(fp_cost)) / labels.numel()


def real_world_cost_from_confusion(
    confusion: Tensor, fn_weight: Tensor | None = None, fp_weight: Tensor | None = None
) -> float:
    """``sum_{i != j} confusion[i, j] * (fn_weight[i] + fp_weight[i, j]) / sum(confusion)``,
    with ``confusion[i, j]`` the count of true ``i`` predicted ``j``: the authors' metric.

    Binary: class 1 positive, ``fn_weight = [0, fn_cost]``, ``fp_weight = [[0, fp_cost], [0, 0]]``.
    """
    name = "real_world_cost_from_confusion"
    matrix = torch.as_tensor(confusion).to(torch.float64)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 2:
        raise LossContractError(messages.confusion_not_square(name, matrix))
    if not bool((torch.isfinite(matrix) & (matrix >= 0)).all()):
        raise LossContractError(messages.confusion_not_counts(name))
    classes = matrix.shape[0]
    fn = torch.ones(classes, dtype=torch.float64) if fn_weight is None else \
        torch.as_tensor(fn_weight).to(torch.float64).cpu()  # fmt: skip
    fp = torch.zeros(classes, classes, dtype=torch.float64) if fp_weight is None else \
        torch.as_tensor(fp_weight).to(torch.float64).cpu()  # fmt: skip
    if fp.is_sparse:
        fp = fp.to_dense()
    if fn.shape != (classes,) or fp.shape != (classes, classes):
        raise LossContractError(messages.costs_do_not_fit_confusion(name, classes, fn, fp))
    check_costs(name, fn_weight=fn, fp_weight=fp)
    matrix = matrix.cpu()
    off_diagonal = ~torch.eye(classes, dtype=torch.bool)
    cost = (matrix * (fn.unsqueeze(1) + fp))[off_diagonal].sum()
    return float(cost / matrix.sum())

"""The multiclass Real-World-Weight Cross-Entropy as one autograd Function, stable from logits.

Per position with target class ``t``, fn weights ``a`` (C,) and fp costs ``B`` (C, C):

    loss = -a[t] log p_t - sum_k c_k log(1 - p_k),    c = B[t]  (probability targets: c = y @ B)

computed with the algorithm of spec/losses.md section 2: shift by the row maximum ``m`` (at class
``top``), ``L = LSE_{j != top}(u)``, ``D = log(1 + e^L) = LSE(u)``; then ``log p = u - D``,
``log(1 - p_k) = log1p(-exp(log p_k))`` for ``k != top`` and ``L - D`` at ``top``. Nothing is
clipped.

The gradient is analytic. With ``S = sum_k a_k y_k``, ``w = a * y`` (index targets: ``S = a[t]``
and ``w`` is ``a[t]`` at ``t``), ``r_k = c_k p_k / (1 - p_k)`` and ``R = sum_{k != top} r_k``:

    d loss / d z_j   = p_j (S - R) - w_j + r_j - c_top p_top p_j / (1 - p_top)    (j != top)
    d loss / d z_top = p_top (S - R + c_top) - w_top

``r_top`` overflows when ``p_top`` rounds to 1, so it never appears: with
``q_j = p_j / (1 - p_top) = exp(u_j - L)`` (at most 1 for ``j != top``) the first line is
``q_j ((1 - p_top)(S - R) - c_top p_top) + r_j - w_j``: finite for all finite logits.

``L`` is kept as ``(second - m) + log_sum``, with ``second`` the largest other logit (an exact
input value) and ``log_sum = log sum_{j != top} exp(z_j - second)`` in [0, log(C - 1)]: so
``q_j = exp(z_j - second - log_sum)`` never rounds a large ``L`` into its exponent, which in
float32 at logits of 1e4 would cost three digits.

Between forward and backward only the logits, the gathered cost rows ``c`` (gathering them
again costs more time than they take memory) and four numbers per position are kept; ``p`` and
``q`` are recomputed, so the peak memory is that of ``F.cross_entropy``. Tensors are
``(N, C, D)``: the class axis is 1 and extra positions are flattened into ``D``.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import torch
from torch import Tensor

_NEG_INF = float("-inf")


@dataclass(frozen=True)
class CostColumns:
    """An fp cost matrix by its non-zero columns: ``dense[:, k]`` is column ``columns[k]``.

    Made from a sparse matrix, or from a dense one with few non-zero columns. Only these K
    columns enter the false-positive term, so it costs time in proportion to K, not C, and a
    sparse matrix is never made (C, C).
    """

    columns: Tensor  # (K,) int64: the predicted classes that cost something for some truth
    dense: Tensor  # (C, K)

    @staticmethod
    def of(matrix: Tensor) -> CostColumns | None:
        """The cost columns of a sparse matrix, or of a dense one where few columns (at most
        one in ``_FEW``) hold a cost, else None. Made once per matrix and version: finding the
        columns reads the values, which on a GPU waits for the device."""
        entry = _made.get(id(matrix))
        if entry is not None and entry[0]() is matrix and entry[1] == matrix._version:
            return entry[2]
        if matrix.is_sparse:
            made = CostColumns.from_sparse(matrix)
        else:
            columns = matrix.ne(0).any(0).nonzero().flatten()
            few = columns.numel() <= matrix.shape[1] // _FEW
            made = CostColumns(columns, matrix.index_select(1, columns)) if few else None
        key = id(matrix)
        _made[key] = (weakref.ref(matrix, lambda _: _made.pop(key, None)), matrix._version, made)
        return made

    @staticmethod
    def from_sparse(matrix: Tensor) -> CostColumns:
        matrix = matrix.coalesce()
        rows, columns = matrix.indices()
        kept = torch.unique(columns)
        dense = matrix.values().new_zeros(matrix.shape[0], kept.numel())
        dense.index_put_((rows, torch.searchsorted(kept, columns)), matrix.values())
        return CostColumns(kept, dense)

    def to(self, dtype: torch.dtype) -> CostColumns:
        return CostColumns(self.columns, self.dense.to(dtype))


Costs = Tensor | CostColumns

# id(cost matrix) -> (a weak reference to it, its version, its CostColumns or None)
_made: dict[int, tuple[weakref.ref, int, CostColumns | None]] = {}
# A dense matrix goes the cost-column way when at most 1 in _FEW columns holds a cost: the
# paper's scenarios price a few (true, predicted) pairs.
_FEW = 8


class RWWCEFunction(torch.autograd.Function):
    """The loss per position, ``(N, D)``, from logits ``(N, C, D)``.

    ``target``: ``(N, D)`` int64 class indices (every entry a valid class: the caller masks
    ignored positions afterwards) or ``(N, C, D)`` probabilities. ``fn_weight``: ``(C,)``.
    ``fp_weight``: a dense ``(C, C)`` matrix, ``CostColumns``, or None for no fp term.
    """

    @staticmethod
    def forward(ctx, logits: Tensor, target: Tensor, fn_weight: Tensor, fp_weight: Costs | None):
        maximum, top = logits.max(1, keepdim=True)
        others = logits.clone()
        others.scatter_(1, top, _NEG_INF)
        # Shifting the others by their own maximum (an exact logit) keeps exp(z_j - second)
        # exact where it matters: L - second is small, so no large number is rounded into q.
        second = others.amax(1, keepdim=True)
        others.sub_(second).exp_()  # e_j = exp(z_j - second), 0 at top
        log_sum = others.sum(1, keepdim=True).log_()  # L = (second - m) + log_sum
        gap, log_normaliser = _row_statistics(maximum, second, log_sum)

        if target.is_floating_point():
            weighted = target * fn_weight.view(1, -1, 1)  # w = a * y
            # -sum_k w_k log p_k = D S - sum_k w_k (z_k - m)
            loss = log_normaliser.squeeze(1) * weighted.sum(1) - torch.einsum(
                "ncd,ncd->nd", weighted, logits - maximum
            )
        else:
            log_p = logits.gather(1, target.unsqueeze(1)) - maximum - log_normaliser
            loss = -(fn_weight[target] * log_p.squeeze(1))

        costs = None
        if fp_weight is not None:
            costs = _cost_rows(target, fp_weight)  # c, at the cost columns
            # p_k = e_k exp(second - m - D) <= 1/2 for k != top; `others` is not needed after
            log_rest = _at_cost_columns(others, fp_weight)
            log_rest.mul_(-torch.exp(gap - log_normaliser)).log1p_()  # log(1 - p_k), 0 at top
            cost_at_top = _cost_at_top(costs, top, fp_weight)
            loss -= log_rest.mul_(costs).sum(1)
            loss -= (cost_at_top * (gap + log_sum - log_normaliser)).squeeze(1)  # log(1 - p_top)

        ctx.save_for_backward(logits, target, fn_weight, costs, maximum, top, second, log_sum)
        ctx.fp_weight = fp_weight
        return loss

    @staticmethod
    def backward(ctx, grad_loss: Tensor):
        logits, target, fn_weight, costs, maximum, top, second, log_sum = ctx.saved_tensors
        fp_weight = ctx.fp_weight
        gap, log_normaliser = _row_statistics(maximum, second, log_sum)
        rest = torch.exp(gap + log_sum - log_normaliser)  # 1 - p_top
        top_p = torch.exp(-log_normaliser)  # p_top
        to_q = torch.exp(-log_sum)  # q = e * to_q

        grad = logits - second
        grad.scatter_(1, top, _NEG_INF)
        grad.exp_()  # e, 0 at top
        if target.is_floating_point():
            weighted = target * fn_weight.view(1, -1, 1)  # w
            fn_total = weighted.sum(1, keepdim=True)  # S
            fn_at_top = weighted.gather(1, top)
            # S - w_top as a sum of the others: a difference would cancel when y_top -> 1
            fn_others = weighted.scatter(1, top, 0.0).sum(1, keepdim=True)
        else:
            weighted = fn_weight[target].unsqueeze(1)  # a[t]
            fn_total = weighted
            fn_at_top = torch.where(target.unsqueeze(1) == top, weighted, 0.0)
            fn_others = weighted - fn_at_top

        # The top class: p_top (S - R + c_top) - w_top, written so that nothing cancels as
        # p_top -> 1. The others: q_j ((1 - p_top)(S - R) - c_top p_top) + r_j - w_j.
        if fp_weight is None:
            grad.mul_(to_q * rest * fn_total)
            grad_at_top = top_p * fn_others - fn_at_top * rest
        else:
            cost_at_top = _cost_at_top(costs, top, fp_weight)
            odds = _at_cost_columns(grad, fp_weight) * torch.exp(gap - log_normaliser)  # p_k
            odds.reciprocal_().sub_(1).reciprocal_()  # p / (1 - p) as 1 / (1/p - 1); 0 stays 0
            ratios = odds.mul_(costs)  # r_k
            cost_total = ratios.sum(1, keepdim=True)  # R
            grad.mul_(to_q * (rest * (fn_total - cost_total) - cost_at_top * top_p))
            _add_at_cost_columns(grad, ratios, fp_weight)
            grad_at_top = top_p * (fn_others - cost_total + cost_at_top) - fn_at_top * rest

        if target.is_floating_point():
            grad.sub_(weighted)
        else:
            grad.scatter_add_(1, target.unsqueeze(1), -weighted)
        grad.scatter_(1, top, grad_at_top)
        grad.mul_(grad_loss.unsqueeze(1))
        return grad, None, None, None


def _row_statistics(maximum: Tensor, second: Tensor, log_sum: Tensor) -> tuple[Tensor, Tensor]:
    """``second - m`` and ``D = LSE(z - m) = log(1 + e^L)``, with ``L = second - m + log_sum``."""
    gap = second - maximum
    others = gap + log_sum
    return gap, torch.logaddexp(others, torch.zeros_like(others))


def _cost_rows(target: Tensor, fp_weight: Costs) -> Tensor:
    """``c`` per position at the cost columns: ``B[t]`` or ``y @ B``, ``(N, C or K, D)``."""
    matrix = fp_weight.dense if isinstance(fp_weight, CostColumns) else fp_weight
    if target.is_floating_point():
        return torch.einsum("nid,ik->nkd", target, matrix)
    batch, positions = target.shape
    rows = matrix.index_select(0, target.reshape(-1))  # (N * D, C or K)
    return rows.view(batch, positions, matrix.shape[1]).transpose(1, 2)


def _at_cost_columns(values: Tensor, fp_weight: Costs) -> Tensor:
    """``values`` (N, C, D) at the cost columns: itself for a dense matrix, else a copy."""
    if isinstance(fp_weight, CostColumns):
        return values.index_select(1, fp_weight.columns)
    return values


def _cost_at_top(costs: Tensor, top: Tensor, fp_weight: Costs) -> Tensor:
    """``c_top``, the cost of the most probable class, ``(N, 1, D)``."""
    if isinstance(fp_weight, CostColumns):
        is_top = fp_weight.columns.view(1, -1, 1) == top
        return (costs * is_top).sum(1, keepdim=True)
    return costs.gather(1, top)


def _add_at_cost_columns(grad: Tensor, ratios: Tensor, fp_weight: Costs) -> None:
    if isinstance(fp_weight, CostColumns):
        grad.index_add_(1, fp_weight.columns, ratios)
    else:
        grad.add_(ratios)

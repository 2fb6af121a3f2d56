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

Where ``1 - p_top`` is tiny, the ``p_j`` underflow while the ``q_j`` do not. ``L`` is then
kept as ``(second - m) + log_sum``, with ``second`` the largest other logit (an exact input
value) and ``log_sum = log sum_{j != top} exp(z_j - second)`` in [0, log(C - 1)]: so
``q_j = exp(z_j - second - log_sum)`` never rounds a large ``L`` into its exponent, which in
float32 at logits of 1e4 would cost three digits. ``q`` is ``softmax`` over the other classes
(one fused pass), and its largest entry is ``exp(-log_sum)``. Then ``p_k = q_k (1 - p_top)``
for ``k != top``, so ``log(1 - p_k) = log1p(-q_k (1 - p_top))``.

The gradient of each position's loss depends only on its own logits, so forward computes it
with the loss and keeps only it (the logits' size): backward is one multiplication by the
incoming gradient, where recomputing it would take several passes over the logits. The class
axis is 1; the tensors are ``(N, C)``, or ``(N, C, D)`` with the extra positions flattened
into ``D``.

Three ways compute the same numbers, each for its compiler and device:

- ``_by_softmax`` (eager; on CPU, and on any device without fp costs): one softmax over all
  classes, so ``p`` directly, ``1 - p_top`` summed over the others. It needs ``q`` (and so the
  shifted form above) only in a position that is a confident mistake with a costly top class;
  a batch holding one goes to
- ``_by_softmax_of_others`` (eager; with fp costs on an accelerator, where finding such a
  position would sync): the shifted form everywhere, two more passes over the data;
- ``_by_expressions`` (torch.compile's tracer, and second derivatives): the shifted form as
  pure expressions, which inductor fuses and autograd differentiates.

The numerics tests run all three against the same reference.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor

from wce_guard.checked import contracts

_NEG_INF = float("-inf")
_is_compiling = torch.compiler.is_compiling
_functorch_transform = torch._C._functorch.peek_interpreter_stack


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
        one in ``_FEW``) hold a cost, else None. Found anew on every call: a matrix edited
        through ``.data`` or a shared numpy array keeps its version, so no memo could tell."""
        if matrix.is_sparse:
            return CostColumns.from_sparse(matrix)
        columns = matrix.ne(0).any(0).nonzero().flatten()
        few = columns.numel() <= matrix.shape[1] // _FEW
        return CostColumns(columns, matrix.index_select(1, columns)) if few else None

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

# A dense matrix goes the cost-column way when at most 1 in _FEW columns holds a cost: the
# paper's scenarios price a few (true, predicted) pairs.
_FEW = 8


def loss_per_position(logits, target, fn_weight, fp_weight: Costs | None) -> Tensor:
    """The loss per position (see ``RWWCEFunction``), by the Function, or by plain autograd
    expressions where the Function cannot serve: under the ``torch.func`` transforms, and when
    a gradient is wanted for the probability targets or the costs (the Function's hand-made
    gradient is for the logits only)."""
    transformed = not _is_compiling() and _functorch_transform() is not None
    if transformed or _wants_more_gradients(target, fn_weight, fp_weight):
        if fp_weight is not None:  # so that the diagonal, which prices nothing, gets no gradient
            fp_weight = _off_diagonal(fp_weight)
        with _autocast_off(logits.device.type):
            loss, _ = _by_expressions(logits, target, fn_weight, fp_weight, False)
        return loss.squeeze(1)
    with_gradient = torch.is_grad_enabled() and logits.requires_grad
    return RWWCEFunction.apply(logits, target, fn_weight, fp_weight, with_gradient)


def _off_diagonal(fp_weight: Costs) -> Costs:
    if isinstance(fp_weight, CostColumns):
        rows = torch.arange(fp_weight.dense.shape[0], device=fp_weight.dense.device)
        diagonal = rows.unsqueeze(1) == fp_weight.columns
        return CostColumns(fp_weight.columns, fp_weight.dense.masked_fill(diagonal, 0.0))
    diagonal = torch.eye(fp_weight.shape[0], dtype=torch.bool, device=fp_weight.device)
    return fp_weight.masked_fill(diagonal, 0.0)


def _wants_more_gradients(target, fn_weight, fp_weight: Costs | None) -> bool:
    costs = fp_weight.dense if isinstance(fp_weight, CostColumns) else fp_weight
    return torch.is_grad_enabled() and any(
        tensor is not None and tensor.requires_grad for tensor in (target, fn_weight, costs)
    )


class RWWCEFunction(torch.autograd.Function):
    """The loss per position from logits ``(N, C)`` or ``(N, C, D)``: ``(N,)`` or ``(N, D)``.

    ``target``: int64 class indices shaped like the loss (every entry a valid class: the caller
    masks ignored positions afterwards) or probabilities shaped like the logits. ``fn_weight``:
    ``(C,)``. ``fp_weight``: a dense ``(C, C)`` matrix, ``CostColumns``, or None for no fp term.
    ``with_gradient``: whether to compute the gradient (autograd cannot tell inside forward).
    """

    @staticmethod
    def forward(ctx, logits, target, fn_weight, fp_weight: Costs | None, with_gradient: bool):
        if _is_compiling():
            by = _by_expressions
        elif fp_weight is None or _reads_values_freely(logits):
            by = _by_softmax
        else:  # on an accelerator, finding the rows _by_softmax cannot take would sync
            by = _by_softmax_of_others
        with _autocast_off(logits.device.type):  # the caller chose the dtype
            loss, grad = by(logits, target, fn_weight, fp_weight, with_gradient)
        if with_gradient:
            ctx.save_for_backward(grad, logits, target, fn_weight)
            ctx.fp_weight = fp_weight
        return loss.squeeze(1)

    @staticmethod
    def backward(ctx, grad_loss: Tensor):
        grad, logits, target, fn_weight = ctx.saved_tensors
        if torch.is_grad_enabled():  # create_graph=True: the gradient must be differentiable too
            _, grad = _by_expressions(logits, target, fn_weight, ctx.fp_weight, True)
        return grad * grad_loss.unsqueeze(1), None, None, None, None


def _by_softmax(logits, target, fn_weight, fp_weight: Costs | None, with_gradient: bool):
    """The loss ``(N, 1, ...)`` and its gradient (or None) from one softmax over all classes,
    then in-place arithmetic: the fewest passes over the data eager PyTorch allows.

    ``p_top`` and ``1 - p_top`` (summed over the other classes, never a difference) are exact,
    and so is everything from them, but for ``q_k = p_k / (1 - p_top)`` and ``log(1 - p_top)``
    where ``1 - p_top`` is below ``sqrt(tiny)``: there the ``p_k`` underflow. Both enter only
    with the cost of the top class, so positions that are confidently right (``c_top = 0``)
    are exact; a batch with a confident costly mistake goes to ``_by_softmax_of_others``.
    Finding one reads values: with costs, only CPU tensors come here.
    """
    top = _top_class(logits)
    maximum = logits.gather(1, top)
    p = torch.softmax(logits, 1)
    top_p = p.gather(1, top)
    rest = p.scatter_(1, top, 0.0).sum(1, keepdim=True)  # 1 - p_top; p is 0 at top from here
    log_normaliser = torch.log1p(rest / top_p)  # D = log(1 + e^L), e^L = (1 - p_top) / p_top

    fn = _FalseNegativeWeights.of(target, fn_weight, top)
    loss = _false_negative_loss(fn, logits, target, maximum, log_normaliser)
    if fp_weight is None:
        if not with_gradient:
            return loss, None
        grad = p.mul_(fn.total)
        grad_at_top = _gradient_at_top(fn, top_p, rest)
    else:
        costs = _cost_rows(target, fp_weight)  # c, at the cost columns
        cost_at_top = _cost_at_top(costs, top, fp_weight)
        costly = cost_at_top > 0
        if (costly & (rest < torch.finfo(rest.dtype).tiny ** 0.5)).any():
            return _by_softmax_of_others(logits, target, fn_weight, fp_weight, with_gradient)
        p_at = _at_cost_columns(p, fp_weight)
        log_rest = torch.log1p(-p_at)  # log(1 - p_k), 0 at top
        loss -= log_rest.mul_(costs).sum(1, keepdim=True)
        loss -= torch.xlogy(cost_at_top, rest)  # c_top log(1 - p_top), 0 where c_top is
        if not with_gradient:
            return loss, None
        # r_k = c_k p_k / (1 - p_k); 1 - p_k >= 1/2 for k != top does not cancel
        ratios = costs.mul_(p_at).div_(torch.add(p_at.new_ones(()), p_at, alpha=-1, out=log_rest))
        ratio_total = ratios.sum(1, keepdim=True)  # R
        # q_k (1 - p_top) (S - R) - q_k c_top p_top = p_k (S - R - c_top p_top / (1 - p_top))
        pushed_down = torch.where(costly, cost_at_top * top_p / rest, 0.0)
        grad = _add_at_cost_columns(p, fn.total - ratio_total - pushed_down, ratios, fp_weight)
        grad_at_top = _gradient_at_top(fn, top_p, rest, ratio_total, cost_at_top)

    return loss, _finish_gradient(grad, fn, target, top, grad_at_top)


def _by_softmax_of_others(logits, target, fn_weight, fp_weight: Costs, with_gradient: bool):
    """What ``_by_softmax`` computes, exact for every position without reading a value (so
    without a host-device sync): from ``q``, the softmax over the classes other than the top,
    shifted by the largest of them. Two more passes over the data than ``_by_softmax``."""
    top = _top_class(logits)
    maximum = logits.gather(1, top)
    others = logits.scatter(1, top, _NEG_INF)
    second = others.amax(1, keepdim=True)  # an exact logit
    q = torch.softmax(others, 1)  # q_k = exp(z_k - second) / sum_{j != top} exp(z_j - second)
    del others
    log_sum = q.amax(1, keepdim=True).log_().neg_()  # the largest q is 1 / that sum
    row = _Rows.of(maximum, second, log_sum)

    fn = _FalseNegativeWeights.of(target, fn_weight, top)
    loss = _false_negative_loss(fn, logits, target, maximum, row.log_normaliser)
    costs = _cost_rows(target, fp_weight)  # c, at the cost columns
    cost_at_top = _cost_at_top(costs, top, fp_weight)
    q_at = _at_cost_columns(q, fp_weight)
    log_rest = torch.mul(q_at, -row.rest).log1p_()  # log(1 - p_k) = log1p(-q_k (1 - p_top))
    loss -= torch.linalg.vecdot(costs, log_rest, dim=1).unsqueeze(1)
    loss -= cost_at_top * row.log_rest_at_top
    if not with_gradient:
        return loss, None
    # r_k = c_k p_k / (1 - p_k) = c_k q_k / (1 / (1 - p_top) - q_k): finite, also where
    # 1 - p_top underflows, and 1 - p_k >= 1/2 does not cancel
    ratios = costs.mul_(q_at).div_(torch.sub(row.rest.reciprocal(), q_at, out=log_rest))
    ratio_total = ratios.sum(1, keepdim=True)  # R
    scale = row.rest * (fn.total - ratio_total) - cost_at_top * row.top_p
    grad = _add_at_cost_columns(q, scale, ratios, fp_weight)
    grad_at_top = _gradient_at_top(fn, row.top_p, row.rest, ratio_total, cost_at_top)
    return loss, _finish_gradient(grad, fn, target, top, grad_at_top)


def _finish_gradient(grad: Tensor, fn: _FalseNegativeWeights, target, top, grad_at_top):
    """Subtracts ``w`` from the gradient of the eager forms and puts the top class's entry in,
    in place."""
    if fn.weighted is not None:
        grad.sub_(fn.weighted)
    else:
        grad.scatter_add_(1, target.unsqueeze(1), -fn.total)
    return grad.scatter_(1, top, grad_at_top)


def _by_expressions(logits, target, fn_weight, fp_weight: Costs | None, with_gradient: bool):
    """The same loss and gradient as ``_by_softmax_of_others``, as pure expressions: masks where it
    scatters, no in-place arithmetic, and each row statistic once, so that per element only
    ``exp``, ``log1p`` and one division remain. ``torch.compile`` fuses this into a few loops
    over each row (the eager code would cost it extra passes), and autograd differentiates
    it for second derivatives (``create_graph=True``).

    Per row: ``e_k = exp(z_k - second)`` (0 at top), ``q = e / sum(e)``, ``p_k = e_k exp(second
    - m - D)`` for ``k != top``: the same quantities as ``_by_softmax_of_others``, so the same
    accuracy."""
    classes = logits.shape[1]
    index = torch.arange(classes, device=logits.device).view(1, -1, *(1,) * (logits.ndim - 2))
    maximum = logits.amax(1, keepdim=True)
    at_maximum = logits == maximum
    # the first largest; the last class where nothing equals the maximum (a NaN row), so that
    # such a row gives NaN, as in eager, not an index out of range
    top = torch.where(at_maximum, index, classes - 1).amin(1, keepdim=True)
    # the largest other logit (the maximum itself when tied), from the same pass as top
    tied = at_maximum.sum(1, keepdim=True) > 1
    second = torch.where(
        tied, maximum, torch.where(at_maximum, _NEG_INF, logits).amax(1, keepdim=True)
    )
    # -inf at top before exp, so that no inf * 0 reaches a second derivative
    e = torch.exp(torch.where(index == top, _NEG_INF, logits) - second)
    log_sum = torch.log(e.sum(1, keepdim=True))
    row = _Rows.of(maximum, second, log_sum)
    to_q = torch.exp(-log_sum)  # q = e * to_q

    fn = _FalseNegativeWeights.of(target, fn_weight, top)
    loss = _false_negative_loss(fn, logits, target, maximum, row.log_normaliser)
    if fp_weight is None:
        if not with_gradient:
            return loss, None
        scale = to_q * row.rest * fn.total
        grad_at_top = _gradient_at_top(fn, row.top_p, row.rest)
        placed_ratios = 0.0
    else:
        costs = _cost_rows(target, fp_weight)
        cost_at_top = _cost_at_top(costs, top, fp_weight)
        p = _at_cost_columns(e, fp_weight) * torch.exp((second - maximum) - row.log_normaliser)
        loss = loss - (costs * torch.log1p(-p)).sum(1, keepdim=True)
        loss = loss - cost_at_top * row.log_rest_at_top
        if not with_gradient:
            return loss, None
        ratios = costs * p / (1 - p)  # r_k; p_k <= 1/2 for k != top, and 0 at top
        ratio_total = ratios.sum(1, keepdim=True)  # R
        scale = to_q * (row.rest * (fn.total - ratio_total) - cost_at_top * row.top_p)
        grad_at_top = _gradient_at_top(fn, row.top_p, row.rest, ratio_total, cost_at_top)
        placed_ratios = (
            torch.zeros_like(e).index_add(1, fp_weight.columns, ratios)
            if isinstance(fp_weight, CostColumns)
            else ratios
        )
    if fn.weighted is not None:
        missed = fn.weighted
    else:
        missed = torch.where(index == target.unsqueeze(1), fn.total, 0.0)
    # a scatter, not a mask, places the top: under torch.compile a saved (N, C) mask would
    # let the partitioner recompute the gradient in backward, and storing it is slow on CPU
    return loss, (e * scale + placed_ratios - missed).scatter(1, top, grad_at_top)


@dataclass(frozen=True)
class _Rows:
    """The normalisers of each position, ``(N, 1, ...)``, from its largest logit ``m``, the
    largest other logit and ``log_sum = log sum_{j != top} exp(z_j - second)``."""

    log_normaliser: Tensor  # D = LSE(z - m) = log(1 + e^L), L = LSE_{j != top}(z_j - m)
    log_rest_at_top: Tensor  # log(1 - p_top) = L - D
    rest: Tensor  # 1 - p_top, never formed as a difference
    top_p: Tensor  # p_top

    @staticmethod
    def of(maximum: Tensor, second: Tensor, log_sum: Tensor) -> _Rows:
        log_others = (second - maximum) + log_sum  # L
        log_normaliser = torch.logaddexp(log_others, torch.zeros_like(log_others))
        log_rest_at_top = log_others - log_normaliser
        return _Rows(log_normaliser, log_rest_at_top, torch.exp(log_rest_at_top),
                     torch.exp(-log_normaliser))  # fmt: skip


def _gradient_at_top(fn: _FalseNegativeWeights, top_p, rest, ratio_total=0.0, cost_at_top=0.0):
    """``p_top (S - R + c_top) - w_top``, written so that nothing cancels as ``p_top -> 1``."""
    return top_p * (fn.others - ratio_total + cost_at_top) - fn.at_top * rest


def _false_negative_loss(fn: _FalseNegativeWeights, logits, target, maximum, log_normaliser):
    """``-sum_k w_k log p_k`` per position, ``(N, 1, ...)``, with ``log p = z - m - D``."""
    if fn.weighted is not None:  # D S - sum_k w_k (z_k - m)
        dot = torch.linalg.vecdot(fn.weighted, logits - maximum, dim=1).unsqueeze(1)
        return log_normaliser * fn.total - dot
    return fn.total * (log_normaliser - (logits.gather(1, target.unsqueeze(1)) - maximum))


@dataclass(frozen=True)
class _FalseNegativeWeights:
    """The false-negative weights of each position, shaped ``(N, 1, ...)`` like a row statistic.

    ``total`` is ``S = sum_k w_k`` with ``w = a * y``; ``weighted`` is ``w`` for probability
    targets, None for index targets (where ``w`` is ``a[t]`` at ``t``: ``S`` is all of it).
    ``at_top`` is ``w_top`` and ``others`` is ``S - w_top``, summed without the top class: a
    difference would cancel as ``y_top -> 1``.
    """

    total: Tensor
    weighted: Tensor | None
    at_top: Tensor
    others: Tensor

    @staticmethod
    def of(target: Tensor, fn_weight: Tensor, top: Tensor) -> _FalseNegativeWeights:
        if target.is_floating_point():
            weighted = target * fn_weight.view(1, -1, *(1,) * (target.ndim - 2))
            others = weighted.scatter(1, top, 0.0).sum(1, keepdim=True)
            return _FalseNegativeWeights(weighted.sum(1, keepdim=True), weighted,
                                         weighted.gather(1, top), others)  # fmt: skip
        index = target.unsqueeze(1)
        total = fn_weight[index]
        at_top = torch.where(index == top, total, 0.0)
        return _FalseNegativeWeights(total, None, at_top, total - at_top)


def _autocast_off(device_type: str) -> contextlib.AbstractContextManager:
    """Autocast switched off for the device (autocast would run the cost products, which are
    matrix products, in half precision), or nothing where autocast does not know the device."""
    if contracts.autocast_enabled(device_type):
        return torch.autocast(device_type, enabled=False)
    return contextlib.nullcontext()


def _reads_values_freely(tensor: Tensor) -> bool:
    """Whether reading a value of the tensor costs no host-device synchronisation."""
    return tensor.device.type == "cpu"


def _top_class(logits: Tensor) -> Tensor:
    """The index of a largest logit per position, ``(N, 1, ...)``; which of tied ones does not
    matter, the formulas hold for any."""
    if logits.device.type == "cpu" and logits.ndim == 2:
        # argmax is not vectorised on CPU: max pooling finds the index in a quarter less time
        # at (4096, 1000), where it is still a fifth of this loss's eager time
        return F.adaptive_max_pool1d(logits.unsqueeze(1), 1, return_indices=True)[1][:, 0]
    return logits.argmax(1, keepdim=True)


def _cost_rows(target: Tensor, fp_weight: Costs) -> Tensor:
    """``c`` per position at the cost columns, ``B[t]`` or ``y @ B``: a new ``(N, C or K, ...)``
    tensor, which the gradient overwrites."""
    matrix = fp_weight.dense if isinstance(fp_weight, CostColumns) else fp_weight
    if target.is_floating_point():
        return torch.einsum("ni...,ik->nk...", target, matrix)
    rows = matrix.index_select(0, target.reshape(-1))  # (N * D, C or K)
    if target.ndim == 1:
        return rows
    return rows.view(*target.shape, matrix.shape[1]).movedim(-1, 1)


def _at_cost_columns(values: Tensor, fp_weight: Costs) -> Tensor:
    """``values`` at the cost columns: itself for a dense matrix, else a copy."""
    if isinstance(fp_weight, CostColumns):
        return values.index_select(1, fp_weight.columns)
    return values


def _cost_at_top(costs: Tensor, top: Tensor, fp_weight: Costs) -> Tensor:
    """``c_top``, the cost of the most probable class, ``(N, 1, ...)``."""
    if isinstance(fp_weight, CostColumns):
        is_top = fp_weight.columns.view(1, -1, *(1,) * (costs.ndim - 2)) == top
        return (costs * is_top).sum(1, keepdim=True)
    return costs.gather(1, top)


def _add_at_cost_columns(q: Tensor, scale: Tensor, ratios: Tensor, fp_weight: Costs) -> Tensor:
    """``q * scale + r`` with ``r`` placed at the cost columns, in the memory of ``q`` or ``r``."""
    if isinstance(fp_weight, CostColumns):
        return q.mul_(scale).index_add_(1, fp_weight.columns, ratios)
    return ratios.addcmul_(q, scale)

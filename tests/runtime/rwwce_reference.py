"""An independent reference for multiclass RWWCE: the textbook formulas in 60-digit arithmetic.

No shifting, no log1p, no clever algebra: at 60 digits with mpmath's unbounded exponents,
``p_k = e^{z_k} / sum_j e^{z_j}`` and ``1 - p_k = sum_{j != k} e^{z_j} / sum_j e^{z_j}`` are
exact enough for any float64 logit, so the result, rounded to float64, is the float64 truth the
implementation must reproduce (spec/losses.md: ``|got - expected| <= 1e-9 + 1e-9 |expected|``).

The gradient is derived term by term from the definition, each term a product of positive
sums, so nothing cancels before the final sum:
``d/dz_j [-log p_k] = p_j - [j = k]`` and
``d/dz_j [-log(1 - p_k)] = p_k`` if ``j = k``, else ``-e_k e_j / (S * S_{-k})``.
"""

from __future__ import annotations

import mpmath
import torch

mpmath.mp.dps = 60


def _row(logits, weighted_target, costs):
    """Loss and gradient of one position: logits (C,), w = a * y (C,), c (C,), as mpf lists."""
    exps = [mpmath.exp(mpmath.mpf(z)) for z in logits]
    total = mpmath.fsum(exps)
    others = [mpmath.fsum(e for j, e in enumerate(exps) if j != k) for k in range(len(exps))]
    p = [e / total for e in exps]
    loss = -mpmath.fsum(w * mpmath.log(pk) for w, pk in zip(weighted_target, p, strict=True) if w)
    loss -= mpmath.fsum(c * mpmath.log(o / total) for c, o in zip(costs, others, strict=True) if c)
    grad = []
    for j in range(len(exps)):
        term = mpmath.fsum(w * (p[j] - (1 if j == k else 0)) for k, w in enumerate(weighted_target))
        term += costs[j] * p[j]
        term -= mpmath.fsum(
            costs[k] * exps[k] * exps[j] / (total * others[k])
            for k in range(len(exps))
            if k != j and costs[k]
        )
        grad.append(term)
    return loss, grad


def reference(
    logits: torch.Tensor,
    target: torch.Tensor,
    fn_weight: torch.Tensor | None = None,
    fp_weight: torch.Tensor | None = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    grad_output: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """The reduced loss and d(sum(loss * grad_output))/d(logits), both float64.

    ``logits`` (N, C, d1..dk) or (C,); index or probability targets; dense costs (use
    ``to_dense()`` on a sparse matrix first).
    """
    unbatched = logits.ndim == 1
    z = logits.detach().double()
    if unbatched:
        z, target = z.unsqueeze(0), target.unsqueeze(0)
    classes = z.shape[1]
    a = [1.0] * classes if fn_weight is None else fn_weight.double().tolist()
    b = [[0.0] * classes] * classes if fp_weight is None else fp_weight.double().tolist()
    positions = z.movedim(1, -1).reshape(-1, classes).tolist()
    probabilities = target.is_floating_point()
    targets = (
        target.detach().double().movedim(1, -1).reshape(-1, classes).tolist()
        if probabilities
        else target.reshape(-1).tolist()
    )
    losses, grads, kept = [], [], 0
    for row, t in zip(positions, targets, strict=True):
        if not probabilities and t == ignore_index:
            losses.append(mpmath.mpf(0))
            grads.append(None)  # no gradient at all, as in PyTorch, even when the mean is NaN
            continue
        kept += 1
        y = t if probabilities else [1.0 if k == t else 0.0 for k in range(classes)]
        weighted = [mpmath.mpf(ak) * mpmath.mpf(yk) for ak, yk in zip(a, y, strict=True)]
        costs = [mpmath.fsum(mpmath.mpf(y[i]) * mpmath.mpf(b[i][k]) for i in range(classes))
                 for k in range(classes)]  # fmt: skip
        loss, grad = _row(row, weighted, costs)
        losses.append(loss)
        grads.append(grad)
    if probabilities:
        kept = len(positions)

    index_shape = (z.shape[0], *z.shape[2:])
    scale = (
        torch.ones(index_shape, dtype=torch.float64)
        if grad_output is None
        else grad_output.double().expand(index_shape if reduction == "none" else ())
    )
    if reduction == "mean":
        scale = scale / kept if kept else scale * float("nan")
    scales = scale.reshape(-1).tolist() if reduction == "none" else [float(scale)] * len(losses)
    if reduction == "none":
        value = torch.tensor([float(v) for v in losses], dtype=torch.float64).reshape(index_shape)
    elif reduction == "sum":
        value = torch.tensor(float(mpmath.fsum(losses)), dtype=torch.float64)
    else:
        value = torch.tensor(
            float(mpmath.fsum(losses) / kept) if kept else float("nan"), dtype=torch.float64
        )
    gradient = (
        torch.tensor(
            [
                [0.0] * classes if row is None else [float(g * s) for g in row]
                for row, s in zip(grads, scales, strict=True)
            ],
            dtype=torch.float64,
        )
        .reshape(*index_shape, classes)
        .movedim(-1, 1)
    )
    if unbatched:
        value = value[0] if reduction == "none" else value
        gradient = gradient[0]
    return value, gradient

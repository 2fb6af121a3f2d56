"""Class weights from class counts, by a named scheme (spec/losses.md, section 7).

No scheme ever returns an infinite or NaN weight: a class with no sample is an error that
names it, or, with ``on_zero="zero"``, gets weight 0 and is left out of every normalisation.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Literal

import torch
from torch import Tensor

from wce_guard.weighting.counting import _as_tensor

Scheme = Literal["balanced", "effective_number", "median_frequency", "inverse_sqrt", "inverse"]
Normalize = Literal["mean", "sum", "num_classes"]
OnZero = Literal["raise", "zero"]


def class_weights(
    counts: Tensor | Sequence[float],
    scheme: Scheme = "balanced",
    *,
    beta: float | None = None,
    on_zero: OnZero = "raise",
    normalize: Normalize | None = None,
    dtype: torch.dtype = torch.float32,
    device: torch.device | str | None = None,
) -> Tensor:
    """Class weights from class counts, by ``scheme`` (spec/losses.md, section 7).

    With ``n_c`` the count of class ``c``, ``K`` the number of classes present and ``N`` the
    total count:

    - ``"balanced"``: ``N / (K * n_c)``, scikit-learn's ``compute_class_weight("balanced")``;
      the average weight over samples is 1.
    - ``"effective_number"`` (Cui et al., 2019): ``(1 - beta) / (1 - beta**n_c)``, scaled to sum
      to ``K``; ``beta`` in ``[0, 1)`` is required (0 gives equal weights, near 1 inverse counts).
    - ``"median_frequency"`` (Eigen & Fergus, 2015): ``median(f) / f_c``. With 1-D counts
      ``f_c = n_c / N``; with 2-D per-image counts ``(I, C)`` (``class_counts(...,
      per_sample=True)``), ``f_c`` is the pixels of ``c`` over the pixels of the images that
      contain ``c``.
    - ``"inverse_sqrt"``: ``1 / sqrt(n_c)``, scaled to sum to ``K``.
    - ``"inverse"``: ``1 / n_c``, scaled to sum to ``K`` (the same ratios as ``balanced``).

    ``on_zero``: a class with count 0 would get an infinite weight. ``"raise"`` (default) is a
    ``ValueError`` naming those classes; ``"zero"`` gives them weight 0 and leaves them out of
    every median and normalisation.

    ``normalize`` rescales the result: ``"mean"`` (the present classes' weights average 1),
    ``"sum"`` (they sum to 1) or ``"num_classes"`` (they sum to C). With ``reduction="mean"``
    PyTorch's cross-entropy divides by the sum of the targets' weights, so the scale cancels;
    with ``"sum"`` or ``"none"`` it does not.

    Computed in float64 and returned as ``dtype`` (default float32, the losses' dtype) on
    ``device`` (default: the counts' device). Never infinite or NaN.
    """
    if scheme not in _SCHEMES:
        raise ValueError(
            f"class_weights: unknown scheme {scheme!r}; choose one of {', '.join(_SCHEMES)}."
        )
    if on_zero not in ("raise", "zero"):
        raise ValueError(f"class_weights: on_zero must be 'raise' or 'zero', not {on_zero!r}.")
    if normalize not in (None, *_NORMALIZE):
        raise ValueError(
            f"class_weights: normalize must be None, {', '.join(map(repr, _NORMALIZE))}, "
            f"not {normalize!r}."
        )
    if not isinstance(dtype, torch.dtype) or not dtype.is_floating_point:
        raise TypeError(f"class_weights: dtype must be a floating torch.dtype, not {dtype!r}.")
    _check_beta(scheme, beta)
    table = _validated_counts(counts, scheme)
    present = (table if table.dim() == 1 else table.sum(0)) > 0
    classes = present.numel()
    if not present.any():
        raise ValueError("class_weights: every count is zero, so no class has a weight.")
    if on_zero == "raise" and not present.all():
        absent = (~present).nonzero().flatten().tolist()
        raise ValueError(
            f"class_weights: {_classes_text(absent)} zero count, and a weight from a zero "
            f"count is infinite. Count over the whole training set (a mini-batch often lacks "
            f"classes), or pass on_zero='zero' to give absent classes weight 0."
        )
    weights = _scheme_weights(scheme, table, present, beta)
    if normalize is not None:
        target_sum = {"mean": weights.numel(), "sum": 1, "num_classes": classes}[normalize]
        weights = weights * (target_sum / weights.sum())
    result = torch.zeros(classes, dtype=torch.float64)
    result[present] = weights
    if device is None:
        device = counts.device if isinstance(counts, Tensor) else "cpu"
    return _finite_as(result, dtype, device)


def _scheme_weights(scheme: str, table: Tensor, present: Tensor, beta: float | None) -> Tensor:
    """The weights of the present classes, at the scheme's canonical scale."""
    if scheme == "median_frequency":
        return _median_frequency(table, present)
    counts = (table if table.dim() == 1 else table.sum(0))[present]
    if scheme == "balanced":
        return counts.sum() / (counts.numel() * counts)
    if scheme == "effective_number":
        if beta == 0:
            return torch.ones_like(counts)
        # 1 - beta**n as -expm1(n log beta): accurate near beta = 1, where beta**n rounds to 1.
        return _sum_to_count((1 - beta) / -torch.expm1(counts * math.log(beta)))
    if scheme == "inverse_sqrt":
        return _sum_to_count(counts.rsqrt())
    return _sum_to_count(counts.reciprocal())  # "inverse"


def _median_frequency(table: Tensor, present: Tensor) -> Tensor:
    if table.dim() == 1:
        frequency = table[present] / table.sum()
    else:
        # Per image: the pixels of c over the pixels of the images that contain c.
        image_pixels = table.sum(1, keepdim=True)
        pixels_of_images_with_class = ((table > 0) * image_pixels).sum(0)
        frequency = table.sum(0)[present] / pixels_of_images_with_class[present]
    return frequency.quantile(0.5) / frequency


def _sum_to_count(weights: Tensor) -> Tensor:
    return weights * (weights.numel() / weights.sum())


_SCHEMES = ("balanced", "effective_number", "median_frequency", "inverse_sqrt", "inverse")
_NORMALIZE = ("mean", "sum", "num_classes")


def _check_beta(scheme: str, beta: float | None) -> None:
    if scheme != "effective_number":
        if beta is not None:
            raise ValueError(
                f"class_weights: beta applies only to scheme='effective_number', not {scheme!r}."
            )
        return
    if beta is None:
        raise ValueError(
            "class_weights: scheme='effective_number' needs beta in [0, 1): Cui et al. try "
            "0.9, 0.99, 0.999 and 0.9999; the closer to 1, the closer to inverse counts."
        )
    if isinstance(beta, bool) or not isinstance(beta, numbers.Real) or not 0 <= beta < 1:
        raise ValueError(f"class_weights: beta must be a number in [0, 1), not {beta!r}.")


def _validated_counts(counts: Tensor | Sequence[float], scheme: str) -> Tensor:
    table = _as_tensor("class_weights", "counts", counts)
    if table.dtype == torch.bool or table.is_complex():
        raise TypeError(f"class_weights: counts must be numbers, not {table.dtype}.")
    table = table.detach().to("cpu", torch.float64)
    if table.dim() == 2 and scheme != "median_frequency":
        raise ValueError(
            f"class_weights: 2-D counts {tuple(table.shape)} are per-image counts, which only "
            f"scheme='median_frequency' uses; for {scheme!r} pass the class totals, "
            f"counts.sum(0)."
        )
    if table.dim() not in (1, 2) or table.shape[-1] == 0:
        raise ValueError(
            f"class_weights: counts must have shape (C,) (or (I, C) per image for "
            f"median_frequency), not {tuple(table.shape)}."
        )
    finite = table.isfinite()
    if not finite.all() or (table < 0).any():
        bad = (~finite | (table < 0)).nonzero()[0].tolist()
        raise ValueError(
            f"class_weights: counts must be finite and >= 0, but counts"
            f"{''.join(f'[{i}]' for i in bad)} is {table[tuple(bad)].item()}."
        )
    return table


def _finite_as(weights: Tensor, dtype: torch.dtype, device: torch.device | str) -> Tensor:
    converted = weights.to(dtype=dtype)
    if not converted.isfinite().all():
        largest = weights.max().item()
        raise ValueError(
            f"class_weights: the largest weight, {largest:.3g}, does not fit in {dtype} "
            f"(extreme counts); pass normalize='sum' or a wider dtype."
        )
    return converted.to(device)


def _classes_text(classes: list[int]) -> str:
    if len(classes) == 1:
        return f"class {classes[0]} has"
    listed = ", ".join(map(str, classes[:20])) + (", ..." if len(classes) > 20 else "")
    return f"{len(classes)} classes ({listed}) have"

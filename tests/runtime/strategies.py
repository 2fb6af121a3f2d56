"""Hypothesis strategies: valid calls of cross-entropy in every form PyTorch accepts."""

from __future__ import annotations

from dataclasses import dataclass

import torch
from hypothesis import strategies as st

FLOAT_DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64]


@dataclass
class Call:
    input: torch.Tensor
    target: torch.Tensor
    weight: torch.Tensor | None
    ignore_index: int
    reduction: str
    label_smoothing: float

    def keywords(self) -> dict:
        return {
            "weight": self.weight,
            "ignore_index": self.ignore_index,
            "reduction": self.reduction,
            "label_smoothing": self.label_smoothing,
        }


@st.composite
def cross_entropy_calls(draw, dtypes=FLOAT_DTYPES) -> Call:
    """Valid arguments: (C,) or (N, C, d1..dk) logits, class-index or probability targets,
    ignore_index (sometimes a real class, sometimes present in the targets), label smoothing,
    every reduction, with or without a weight, in every floating dtype."""
    dtype = draw(st.sampled_from(dtypes))
    classes = draw(st.integers(2, 6))
    if draw(st.integers(0, 4)) == 0:
        shape: tuple[int, ...] = (classes,)
    else:
        batch = draw(st.integers(0, 5))
        extra = draw(st.lists(st.integers(1, 3), max_size=3))
        shape = (batch, classes, *extra)
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    scale = draw(st.sampled_from([1e-2, 1.0, 10.0]))
    # logits from a model: centred, with at least one negative value, never probability-like
    logits = torch.randn(shape, generator=generator, dtype=torch.float64) * scale
    if logits.numel():
        logits.view(-1)[0] = -abs(logits.view(-1)[0].item()) - 0.1
    index_shape = shape[:1] + shape[2:] if len(shape) > 1 else ()

    if draw(st.booleans()):  # probability targets
        target_dtype = draw(st.sampled_from([dtype, dtype, torch.float32, torch.float64]))
        raw = torch.randn(shape, generator=generator, dtype=torch.float64)
        target = raw.softmax(dim=0 if len(shape) == 1 else 1).to(target_dtype)
        ignore_index = draw(st.sampled_from([-100, -1]))
    else:
        # PyTorch takes uint8 class indices only for (C,) and (N, C) input
        uint8_ok = len(shape) <= 2
        target_dtype = draw(st.sampled_from([torch.int64, torch.int64, torch.uint8]))
        target_dtype = target_dtype if uint8_ok else torch.int64
        target = torch.randint(0, classes, index_shape, generator=generator).to(target_dtype)
        ignore_index = draw(st.sampled_from([-100, 0, classes - 1, 255]))
        representable = target_dtype == torch.int64 or 0 <= ignore_index <= 255
        if representable and target.numel() and draw(st.booleans()):
            ignored = torch.rand(index_shape, generator=generator) < 0.3
            target = target.masked_fill(ignored, ignore_index)

    weight = None
    label_smoothing = draw(st.sampled_from([0.0, 0.0, 0.1, 0.5, 1.0]))
    if draw(st.booleans()) and not (target.dtype == torch.uint8 and label_smoothing > 0):
        weight = torch.rand(classes, generator=generator, dtype=torch.float64) + 0.05
        if draw(st.booleans()):
            weight[draw(st.integers(0, classes - 1))] = 0.0  # a class switched off
        weight = weight.to(dtype)
    return Call(
        input=logits.to(dtype),
        target=target,
        weight=weight,
        ignore_index=ignore_index,
        reduction=draw(st.sampled_from(["mean", "sum", "none"])),
        label_smoothing=label_smoothing,
    )

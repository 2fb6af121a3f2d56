"""Random, mostly invalid, arguments: every call either gives PyTorch's exact result or raises
our LossContractError, never PyTorch's shape/dtype errors or an internal one."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from hypothesis import event, given, settings
from hypothesis import strategies as st

import wce_guard as wg

DTYPES = [torch.float16, torch.bfloat16, torch.float32, torch.float64,
          torch.int64, torch.int32, torch.uint8, torch.bool]  # fmt: skip
shapes = st.lists(st.integers(0, 4), max_size=4).map(tuple)


@st.composite
def tensors(draw, shape=shapes):
    size = draw(shape)
    dtype = draw(st.sampled_from(DTYPES))
    device = draw(st.sampled_from(["cpu", "cpu", "cpu", "meta"]))
    # values in [0, 2]: valid class indices for C >= 3, plausible logits and probabilities
    values = torch.randint(0, 3, size) if not dtype.is_floating_point else torch.rand(size) * 2
    return values.to(dtype).to(device)


@pytest.mark.parametrize("level", ["shapes", "full"])
@settings(max_examples=400, deadline=None)
@given(
    input=tensors(),
    target=tensors(),
    weight=st.none() | tensors(shape=st.integers(0, 5).map(lambda n: (n,))),
    ignore_index=st.sampled_from([-100, -1, 0, 2]),
    label_smoothing=st.sampled_from([0.0, 0.2]),
)
def test_our_error_or_pytorchs_result(level, input, target, weight, ignore_index, label_smoothing):
    arguments = {"weight": weight, "ignore_index": ignore_index, "label_smoothing": label_smoothing}
    try:
        with wg.checks(level):
            actual = wg.cross_entropy(input, target, **arguments)
    except wg.LossContractError as error:
        assert str(error).startswith("cross_entropy: ")
        event("LossContractError")
        return
    except IndexError as error:
        # what the shapes level does not read: out-of-range class indices ("Target 2 is out
        # of bounds"); any other PyTorch error would be a shape or dtype we let through
        assert level == "shapes", error
        event("PyTorch's value error")
        return
    expected = F.cross_entropy(input, target, **arguments)  # must not raise
    event("PyTorch's result")
    if actual.device.type != "meta":
        torch.testing.assert_close(actual, expected, rtol=0, atol=0, equal_nan=True)

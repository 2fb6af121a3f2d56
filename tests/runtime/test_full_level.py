"""The ``full`` level: values that no shape check can see."""

from __future__ import annotations

import warnings

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import wce_guard as wg
from wce_guard import LossContractError, ProbabilityInputWarning

N, C = 16, 5


@pytest.fixture(autouse=True)
def full_level():
    with wg.checks("full"):
        yield


def error_of(*args, **kwargs) -> str:
    with pytest.raises(LossContractError) as caught:
        wg.cross_entropy(*args, **kwargs)
    return str(caught.value)


def test_target_out_of_range_names_value_and_position():
    target = torch.zeros(N, dtype=torch.long)
    target[7] = C
    message = error_of(torch.randn(N, C), target)
    assert message == (
        "cross_entropy: target holds class index 5 at position (7,), but input has 5 classes: "
        "valid targets are 0 to 4, or ignore_index=-100 for positions to skip."
    )


def test_negative_target_that_is_not_ignore_index():
    target = torch.full((2, 3, 3), -100)
    target[1, 2, 0] = -1
    message = error_of(torch.randn(2, C, 3, 3), target)
    assert "class index -1 at position (1, 2, 0)" in message


def test_ignored_positions_are_not_out_of_range():
    target = torch.tensor([0, 255, 4, 255], dtype=torch.uint8)
    logits = torch.randn(4, C)
    expected = F.cross_entropy(logits, target, ignore_index=255)
    assert torch.equal(wg.cross_entropy(logits, target, ignore_index=255), expected)


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        ([1.0, -0.5, 1.0, 1.0, 1.0], "weight is negative at classes [1]"),
        ([1.0, float("nan"), 1.0, 1.0, 1.0], "weight has NaN at classes [1]"),
        ([1.0, 1.0, float("inf"), 1.0, 1.0], "weight has inf at classes [2]"),
        ([0.0] * C, "weight is all zeros"),
    ],
    ids=["negative", "nan", "inf", "all-zero"],
)
def test_impossible_weights(weight, expected):
    message = error_of(torch.randn(N, C), torch.randint(0, C, (N,)), weight=torch.tensor(weight))
    assert expected in message


def test_infinite_weight_points_at_inverse_counts_with_a_zero():
    target = torch.tensor([0, 0, 1, 1, 3, 3])  # class 2 never occurs
    weight = 1.0 / torch.bincount(target, minlength=4).float()
    message = error_of(torch.randn(6, 4), target, weight=weight)
    assert "1 / counts" in message and "minlength=4" in message and "clamp" in message


def test_weights_at_shapes_level_are_not_read():
    weight = torch.tensor([1.0, -1.0, 1.0, 1.0, 1.0])
    with wg.checks("shapes"):
        wg.cross_entropy(torch.randn(N, C), torch.randint(0, C, (N,)), weight=weight)


def test_probability_targets_out_of_range():
    target = torch.rand(N, C)
    target[3, 1] = -0.2
    assert "must be finite and in [0, 1]" in error_of(torch.randn(N, C), target)
    target[3, 1] = float("nan")
    assert "must be finite and in [0, 1]" in error_of(torch.randn(N, C), target)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32, torch.float64])
@pytest.mark.parametrize("shape", [(N, C), (4, C, 3, 3), (C * 2,), (2, 1000)])
def test_softmax_output_warns(shape, dtype):
    class_axis = 0 if len(shape) == 1 else 1
    probabilities = torch.randn(shape).mul(3).softmax(class_axis).to(dtype)
    target = torch.zeros(shape[:1] + shape[2:] if len(shape) > 1 else (), dtype=torch.long)
    with pytest.warns(ProbabilityInputWarning, match="looks like probabilities") as record:
        wg.cross_entropy(probabilities, target)
    assert record[0].filename == __file__  # points at the caller, not at wce_guard


def test_softmax_output_warning_through_the_module_points_at_the_caller():
    criterion = wg.CrossEntropyLoss()
    with pytest.warns(ProbabilityInputWarning) as record:
        criterion(torch.randn(N, C).softmax(1), torch.zeros(N, dtype=torch.long))
    assert record[0].filename == __file__


@settings(max_examples=300, deadline=None)
@given(
    batch=st.integers(1, 64),
    classes=st.integers(2, 50),
    extra=st.lists(st.integers(1, 4), max_size=2),
    scale=st.floats(1e-3, 1e3),
    bias=st.floats(-5, 5),
    dtype=st.sampled_from([torch.float16, torch.bfloat16, torch.float32, torch.float64]),
    seed=st.integers(0, 2**31 - 1),
)
def test_real_logits_never_warn(batch, classes, extra, scale, bias, dtype, seed):
    """Logits of a linear layer, of many shapes, scales and offsets, never look like softmax."""
    generator = torch.Generator().manual_seed(seed)
    features = torch.randn(batch, *extra, 8, generator=generator)
    layer = torch.randn(8, classes, generator=generator) / 8**0.5
    logits = (features @ layer * scale + bias).movedim(-1, 1).to(dtype)
    target = torch.randint(0, classes, (batch, *extra), generator=generator)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ProbabilityInputWarning)
        wg.cross_entropy(logits, target)


def test_too_few_values_to_judge_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ProbabilityInputWarning)
        wg.cross_entropy(torch.tensor([0.3, 0.7]), torch.tensor(1))


def test_empty_batch_and_all_ignored_batch_are_pytorchs_nan():
    """Documented, not hidden: mean over no sample is 0/0 = NaN, as in PyTorch; sum is 0."""
    empty_logits, empty_target = torch.randn(0, C), torch.zeros(0, dtype=torch.long)
    assert torch.isnan(wg.cross_entropy(empty_logits, empty_target))
    assert wg.cross_entropy(empty_logits, empty_target, reduction="sum") == 0
    ignored = torch.full((N,), -100)
    assert torch.isnan(wg.cross_entropy(torch.randn(N, C), ignored))
    assert wg.cross_entropy(torch.randn(N, C), ignored, reduction="sum") == 0
    assert wg.cross_entropy(torch.randn(N, C), ignored, reduction="none").eq(0).all()

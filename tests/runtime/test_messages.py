"""One test per mistake: the error names the argument, expected and actual, and the fix."""

from __future__ import annotations

import re

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg
from wce_guard import LossContractError

N, C = 32, 5


@pytest.fixture
def logits() -> torch.Tensor:
    return torch.randn(N, C)


@pytest.fixture
def target() -> torch.Tensor:
    return torch.randint(0, C, (N,))


def error_of(*args, **kwargs) -> str:
    with pytest.raises(LossContractError) as caught:
        wg.cross_entropy(*args, **kwargs)
    assert isinstance(caught.value, ValueError)
    return str(caught.value)


def test_target_column_instead_of_vector(logits, target):
    message = error_of(logits, target[:, None])
    assert message.startswith("cross_entropy: target has shape (32, 1)")
    assert "input (32, 5) needs class-index targets of shape (32,)" in message
    assert "target.squeeze(1)" in message


def test_weight_one_class_short_suggests_bincount_minlength(logits, target):
    message = error_of(logits, target, weight=torch.ones(C - 1))
    assert message == (
        "cross_entropy: weight has 4 entries but input has 5 classes (input (32, 5), "
        "weight (4,)). Did you build it with torch.bincount(target) without minlength=5? "
        "Classes absent from the data make bincount too short."
    )


def test_weight_too_long(logits, target):
    message = error_of(logits, target, weight=torch.ones(C + 1))
    assert "weight has 6 entries but input has 5 classes" in message
    assert "one output per class" in message


def test_float_class_indices_suggest_long(logits, target):
    message = error_of(logits, target.float())
    assert "target has dtype torch.float32" in message
    assert "class indices must be integers (input (32, 5), target (32,))" in message
    assert message.endswith("Use target.long().")


def test_int32_class_indices_suggest_long(logits, target):
    message = error_of(logits, target.int())
    assert (
        "target has dtype torch.int32, but class indices must be torch.int64 or torch.uint8"
        in message
    )
    assert message.endswith("Use target.long().")


def test_uint8_targets_with_extra_dimensions_suggest_long():
    # PyTorch fails on these in its forward, or only in the backward for an empty batch
    for batch in (2, 0):
        message = error_of(torch.randn(batch, C, 4), torch.zeros(batch, 4, dtype=torch.uint8))
        assert "class indices must be torch.int64 with input of more than 2 dimensions" in message


def test_uint8_targets_with_weight_and_label_smoothing(logits, target):
    message = error_of(logits, target.byte(), weight=torch.ones(C), label_smoothing=0.1)
    assert "torch.uint8" in message and "Use target.long()" in message


def test_float64_weight_with_float32_input(logits, target):
    message = error_of(logits, target, weight=torch.ones(C, dtype=torch.float64))
    assert message.startswith(
        "cross_entropy: weight has dtype torch.float64 but input has dtype torch.float32"
    )
    assert "weight.to(torch.float32)" in message


def test_float64_weight_in_module_suggests_moving_the_criterion(logits, target):
    criterion = wg.CrossEntropyLoss(weight=torch.ones(C, dtype=torch.float64))
    with pytest.raises(LossContractError, match=r"^CrossEntropyLoss: weight has dtype") as caught:
        criterion(logits, target)
    assert "criterion.to(torch.float32)" in str(caught.value)


def test_weight_on_another_device(logits, target):
    # The meta device stands in for an accelerator: it has the same metadata and no data.
    message = error_of(logits, target, weight=torch.ones(C, device="meta"))
    assert message.startswith("cross_entropy: weight is on meta but input is on cpu.")
    assert "weight.to(input.device)" in message
    assert "wce_guard.CrossEntropyLoss(weight=...)" in message


def test_module_weight_on_another_device_suggests_moving_the_criterion(logits, target):
    criterion = wg.CrossEntropyLoss(weight=torch.ones(C, device="meta"))
    with pytest.raises(LossContractError) as caught:
        criterion(logits, target)
    assert str(caught.value).startswith("CrossEntropyLoss: weight is on meta but input is on cpu.")
    assert "criterion.to(device)" in str(caught.value)


def test_target_on_another_device(logits, target):
    message = error_of(logits, target.to("meta"))
    assert "target is on meta but input is on cpu" in message
    assert "target.to(input.device)" in message


def test_one_dimensional_input_with_a_batch_of_targets(target):
    message = error_of(torch.randn(N), target)
    assert message.startswith("cross_entropy: input of shape (32,) is one sample with 32 classes")
    assert "target has shape (32,)" in message
    assert "binary_cross_entropy_with_logits" in message


def test_batch_size_mismatch(logits):
    message = error_of(logits, torch.randint(0, C, (N - 2,)))
    assert "The batch sizes differ: 32 samples in input, 30 in target." in message


def test_spatial_target_shape_mismatch():
    message = error_of(torch.randn(2, C, 8, 8), torch.zeros(2, 8, 7, dtype=torch.long))
    assert (
        "target has shape (2, 8, 7) but input (2, 5, 8, 8) needs class-index targets of "
        "shape (2, 8, 8)" in message
    )


def test_one_hot_integer_target(logits, target):
    message = error_of(logits, F.one_hot(target, C))
    assert "target.argmax(1)" in message and "target.float()" in message


def test_probability_target_of_the_wrong_shape(logits):
    message = error_of(logits, torch.rand(N, C - 1))
    assert "read as class probabilities, which need the input's shape (32, 5)" in message


def test_single_class_input():
    message = error_of(torch.randn(N, 1), torch.zeros(N, dtype=torch.long))
    assert "has 1 class" in message and "binary_cross_entropy_with_logits" in message


def test_integer_input_looks_like_predicted_labels(target):
    message = error_of(torch.randint(0, C, (N, C)), target)
    assert "needs floating-point logits" in message and "argmax" in message


def test_zero_dimensional_input():
    assert "input is a 0-d tensor" in error_of(torch.tensor(1.0), torch.tensor(0))


def test_non_tensor_arguments(logits, target):
    assert "input must be a torch.Tensor of logits, got numpy.ndarray" in error_of(
        logits.numpy(), target
    )
    assert "target must be a torch.Tensor, got list" in error_of(logits, target.tolist())
    assert "weight must be a torch.Tensor or None, got list" in error_of(
        logits, target, weight=[1.0] * C
    )


def test_two_dimensional_weight(logits, target):
    assert "Use weight.flatten()" in error_of(logits, target, weight=torch.ones(1, C))


def test_integer_weight(logits, target):
    message = error_of(logits, target, weight=torch.ones(C, dtype=torch.long))
    assert "class weights must be floating" in message


def test_scalar_arguments(logits, target):
    assert "reduction must be 'none', 'mean' or 'sum', got 'avg'" in error_of(
        logits, target, reduction="avg"
    )
    # PyTorch silently accepts a negative label_smoothing
    assert "label_smoothing must be a number in [0, 1], got -0.1" in error_of(
        logits, target, label_smoothing=-0.1
    )
    assert "got 1.5" in error_of(logits, target, label_smoothing=1.5)
    assert "ignore_index=2 cannot be used with probability targets" in error_of(
        logits, torch.rand(N, C).softmax(1), ignore_index=2
    )


def test_autocast_allows_a_float32_weight_with_half_logits(target):
    logits = torch.randn(N, C, dtype=torch.bfloat16)
    weight = torch.rand(C)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        expected = F.cross_entropy(logits, target, weight=weight)
        assert torch.equal(wg.cross_entropy(logits, target, weight=weight), expected)
    # outside autocast the same call is an error, also once the autocast call was memoised
    assert "weight has dtype torch.float32 but input has dtype torch.bfloat16" in error_of(
        logits, target, weight=weight
    )


def test_a_failing_call_is_never_memoised(logits, target):
    for _ in range(2):
        error_of(logits, target, weight=torch.ones(C - 1))


def test_messages_do_not_chain_internal_errors(logits, target):
    with pytest.raises(LossContractError) as caught:
        wg.cross_entropy(logits, target[:, None])
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.parametrize(
    "arguments",
    [
        {"target": torch.randint(0, C, (N, 1))},
        {"weight": torch.ones(C - 1)},
        {"target": torch.randint(0, C, (N,)).float()},
        {"weight": torch.ones(C, dtype=torch.float64)},
    ],
    ids=["column-target", "short-weight", "float-target", "float64-weight"],
)
def test_every_message_names_argument_shapes_and_a_fix(logits, arguments):
    call = {"target": torch.randint(0, C, (N,)), **arguments}
    message = error_of(logits, **call)
    assert re.match(r"cross_entropy: (target|weight) ", message)
    assert "(32, 5)" in message  # the input's shape, for context
    assert "Use " in message or "Did you" in message

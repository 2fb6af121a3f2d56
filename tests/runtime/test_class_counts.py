"""class_counts: counts of one tensor of labels, of any shape, or of class probabilities."""

from collections import Counter

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import wce_guard as wg


@settings(max_examples=200, deadline=None)
@given(
    classes=st.integers(1, 12),
    shape=st.lists(st.integers(0, 5), min_size=0, max_size=4),
    data=st.data(),
)
def test_counts_equal_a_plain_tally(classes, shape, data):
    size = int(np.prod(shape)) if shape else 1
    ignore_index = data.draw(st.sampled_from([-100, -1, classes + 3]))
    values = data.draw(
        st.lists(st.sampled_from([*range(classes), ignore_index]), min_size=size, max_size=size)
    )
    target = torch.tensor(values, dtype=torch.int64).reshape(shape)
    tally = Counter(v for v in values if v != ignore_index)

    counts = wg.class_counts(target, classes, ignore_index=ignore_index)

    assert counts.dtype == torch.int64
    assert counts.tolist() == [tally[c] for c in range(classes)]


def test_absent_last_classes_still_have_an_entry():
    # The bug this exists for: torch.bincount(y) is one entry short when class 4 is absent.
    assert wg.class_counts(torch.tensor([0, 1, 1, 3]), 5).tolist() == [1, 2, 0, 1, 0]


@pytest.mark.parametrize(
    "labels",
    [[2, 0, 2], np.array([2, 0, 2]), torch.tensor([2, 0, 2], dtype=torch.uint8), (2, 0, 2)],
    ids=["list", "numpy", "uint8", "tuple"],
)
def test_any_integer_labels(labels):
    assert wg.class_counts(labels, 3).tolist() == [1, 0, 2]


def test_bool_labels_count_as_zero_and_one():
    assert wg.class_counts(torch.tensor([True, False, True]), 2).tolist() == [1, 2]


@pytest.mark.parametrize(
    ("target", "value", "where"),
    [
        (torch.tensor([0, 1, 7, 1]), 7, "at position (2,)"),
        (torch.tensor([[0, 1], [1, -3]]), -3, "at position (1, 1)"),
        (torch.tensor(5), 5, "as its only value"),
    ],
)
def test_out_of_range_label_names_its_value_and_position(target, value, where):
    with pytest.raises(ValueError) as error:
        wg.class_counts(target, 4)
    assert str(error.value) == (
        f"class_counts: target holds label {value} {where}, but num_classes=4: labels must be "
        f"0 to 3, or ignore_index=-100 for positions to skip."
    )


def test_ignore_index_is_not_out_of_range_but_other_negatives_are():
    assert wg.class_counts(torch.tensor([-1, 0]), 2, ignore_index=-1).tolist() == [1, 0]
    with pytest.raises(ValueError, match="label -100 at position"):
        wg.class_counts(torch.tensor([-100, 0]), 2, ignore_index=-1)


def test_probability_targets_sum_their_mass():
    target = torch.tensor([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0]])
    counts = wg.class_counts(target, 3)
    assert counts.dtype == torch.float64
    torch.testing.assert_close(counts, torch.tensor([0.7, 1.2, 0.1], dtype=torch.float64))


def test_spatial_probability_targets_use_axis_one():
    target = torch.nn.functional.one_hot(torch.tensor([[[0, 2], [2, 2]]]), 3)  # (1, 2, 2, 3)
    target = target.permute(0, 3, 1, 2).float()  # (N, C, H, W)
    assert wg.class_counts(target, 3).tolist() == [1.0, 0.0, 3.0]


def test_probability_target_with_the_wrong_class_axis():
    with pytest.raises(ValueError, match=r"axis 1.*num_classes=3.*shape \(4, 5\)"):
        wg.class_counts(torch.rand(4, 5), 3)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -0.5])
def test_probability_targets_must_be_finite_and_non_negative(bad):
    target = torch.tensor([[0.5, 0.5], [bad, 1.0]])
    with pytest.raises(ValueError, match="finite and >= 0"):
        wg.class_counts(target, 2)


def test_per_sample_counts_pixels_per_image():
    masks = torch.tensor([[[0, 0], [2, -100]], [[1, 1], [1, 1]]])  # (N=2, H=2, W=2)
    counts = wg.class_counts(masks, 3, per_sample=True)
    assert counts.tolist() == [[2, 0, 1], [0, 4, 0]]


def test_per_sample_probability_mass():
    target = torch.rand(3, 4, 5, 5).softmax(1)
    counts = wg.class_counts(target, 4, per_sample=True)
    assert counts.shape == (3, 4)
    torch.testing.assert_close(counts.sum(1), torch.full((3,), 25.0, dtype=torch.float64))


def test_per_sample_needs_a_batch_axis():
    with pytest.raises(ValueError, match="batch axis"):
        wg.class_counts(torch.tensor(1), 3, per_sample=True)


@pytest.mark.parametrize("num_classes", [0, -2])
def test_num_classes_must_be_positive(num_classes):
    with pytest.raises(ValueError, match="num_classes must be at least 1"):
        wg.class_counts(torch.tensor([0]), num_classes)


@pytest.mark.parametrize("num_classes", [2.0, "3", True])
def test_num_classes_must_be_an_int(num_classes):
    with pytest.raises(TypeError, match="num_classes must be an int"):
        wg.class_counts(torch.tensor([0]), num_classes)


def test_labels_that_are_not_numbers():
    with pytest.raises(TypeError, match="target must be a tensor, an array or a sequence"):
        wg.class_counts(["a", "b"], 2)
    with pytest.raises(TypeError, match="integer class indices or floating class probabilities"):
        wg.class_counts(torch.tensor([1j]), 2)

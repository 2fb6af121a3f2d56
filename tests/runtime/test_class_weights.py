"""class_weights: the schemes of spec/losses.md section 7, zero counts, scale, dtype, device."""

import decimal
import math
import statistics

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.utils.class_weight import compute_class_weight

import wce_guard as wg

SCHEMES = ["balanced", "effective_number", "median_frequency", "inverse_sqrt", "inverse"]


def weights(counts, scheme, **options):
    if scheme == "effective_number":
        options.setdefault("beta", 0.99)
    return wg.class_weights(counts, scheme, dtype=torch.float64, **options)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=300))
def test_balanced_equals_scikit_learn(labels):
    classes = np.unique(labels)
    # Only the classes present: scikit-learn refuses a class absent from y.
    relabelled = np.searchsorted(classes, labels)
    expected = compute_class_weight("balanced", classes=np.arange(len(classes)), y=relabelled)
    counts = wg.class_counts(torch.as_tensor(relabelled), len(classes))
    got = wg.class_weights(counts, "balanced", dtype=torch.float64)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-12)


def test_balanced_documented_example():
    # scikit-learn's docs: y = [1, 1, 1, 1, 0, 0] gives [1.5, 0.75].
    counts = wg.class_counts(torch.tensor([1, 1, 1, 1, 0, 0]), 2)
    assert weights(counts, "balanced").tolist() == [1.5, 0.75]


def test_effective_number_by_hand():
    counts, beta = [10, 100, 1000], 0.99
    raw = [(1 - beta) / (1 - beta**n) for n in counts]
    expected = [w * 3 / sum(raw) for w in raw]
    np.testing.assert_allclose(weights(counts, "effective_number", beta=beta), expected, rtol=1e-12)


def test_effective_number_limits():
    counts = [5, 50, 500]
    assert weights(counts, "effective_number", beta=0.0).tolist() == [1.0, 1.0, 1.0]
    near_one = weights(counts, "effective_number", beta=1 - 1e-9)
    np.testing.assert_allclose(near_one, weights(counts, "inverse"), rtol=1e-6)


def test_effective_number_is_accurate_next_to_one():
    # beta = 1 - 1e-12: beta**n rounds badly in float64; expm1(n log beta) does not.
    beta, counts = 1 - 1e-12, [1, 7, 1000]
    decimal.getcontext().prec = 60
    exact_beta = decimal.Decimal(beta)  # the float64 value actually passed
    raw = [(1 - exact_beta) / (1 - exact_beta**n) for n in counts]
    expected = [float(w * len(counts) / sum(raw)) for w in raw]
    got = weights(counts, "effective_number", beta=beta).tolist()
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("beta", [1.0, -0.1, 1.5, float("nan"), "0.9", True])
def test_effective_number_rejects_bad_beta(beta):
    with pytest.raises(ValueError, match=r"beta must be a number in \[0, 1\)"):
        wg.class_weights([1, 2], "effective_number", beta=beta)


def test_effective_number_needs_beta_and_others_refuse_it():
    with pytest.raises(ValueError, match="needs beta"):
        wg.class_weights([1, 2], "effective_number")
    with pytest.raises(ValueError, match="beta applies only to"):
        wg.class_weights([1, 2], "balanced", beta=0.9)


def test_median_frequency_one_dimensional():
    counts = [10, 30, 60, 100]  # f = counts / 200; median of f = (30 + 60) / 2 / 200
    median = statistics.median(c / 200 for c in counts)
    expected = [median / (c / 200) for c in counts]
    np.testing.assert_allclose(weights(counts, "median_frequency"), expected, rtol=1e-12)


def test_median_frequency_per_image_counts():
    # Two images: class 0 only in the first (15 pixels), class 1 only in the second (40),
    # class 2 in both (55): f = [10/15, 20/40, 25/55], median 0.5.
    per_image = torch.tensor([[10, 0, 5], [0, 20, 20]])
    expected = [0.5 / (10 / 15), 0.5 / (20 / 40), 0.5 / (25 / 55)]
    np.testing.assert_allclose(weights(per_image, "median_frequency"), expected, rtol=1e-12)


def test_median_frequency_per_image_from_masks():
    masks = torch.randint(0, 4, (6, 8, 8))
    per_image = wg.class_counts(masks, 4, per_sample=True)
    assert weights(per_image, "median_frequency").shape == (4,)


def test_two_dimensional_counts_only_for_median_frequency():
    with pytest.raises(ValueError, match=r"per-image counts.*counts\.sum\(0\)"):
        wg.class_weights(torch.ones(3, 4), "balanced")


def test_inverse_sqrt_and_inverse_by_hand():
    counts = [1, 4, 16]
    sqrt = [1 / math.sqrt(n) for n in counts]
    inverse = [1 / n for n in counts]
    np.testing.assert_allclose(weights(counts, "inverse_sqrt"), [3 * w / sum(sqrt) for w in sqrt])
    np.testing.assert_allclose(weights(counts, "inverse"), [3 * w / sum(inverse) for w in inverse])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_zero_count_raises_naming_the_classes(scheme):
    with pytest.raises(ValueError) as error:
        weights([5, 0, 3, 0], scheme)
    assert "2 classes (1, 3) have zero count" in str(error.value)
    assert "on_zero='zero'" in str(error.value)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_on_zero_zero_leaves_absent_classes_out(scheme):
    # The present classes get exactly the weights they would get without the absent ones.
    with_absent = weights([5, 0, 3, 0, 9], scheme, on_zero="zero")
    without = weights([5, 3, 9], scheme)
    assert with_absent[[1, 3]].tolist() == [0.0, 0.0]
    torch.testing.assert_close(with_absent[[0, 2, 4]], without, rtol=1e-12, atol=0)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_sample_at_all_is_always_an_error(scheme):
    with pytest.raises(ValueError, match="every count is zero"):
        weights([0, 0, 0], scheme, on_zero="zero")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    ("normalize", "total"), [("mean", 3.0), ("sum", 1.0), ("num_classes", 4.0)]
)
def test_normalize(scheme, normalize, total):
    # Four classes, one absent: "mean" averages 1 over the three present classes.
    got = weights([5, 0, 3, 9], scheme, on_zero="zero", normalize=normalize)
    assert got.sum().item() == pytest.approx(total, rel=1e-12)
    raw = weights([5, 0, 3, 9], scheme, on_zero="zero")
    torch.testing.assert_close(got / got.sum(), raw / raw.sum())


@settings(max_examples=300, deadline=None)
@given(
    counts=st.lists(
        st.one_of(st.just(0.0), st.floats(1e-300, 1e300), st.integers(0, 2**62).map(float)),
        min_size=1,
        max_size=8,
    ),
    scheme=st.sampled_from(SCHEMES),
    dtype=st.sampled_from([torch.float16, torch.bfloat16, torch.float32, torch.float64]),
)
def test_never_infinite_or_nan(counts, scheme, dtype):
    options = {"beta": 0.999} if scheme == "effective_number" else {}
    try:
        got = wg.class_weights(counts, scheme, on_zero="zero", dtype=dtype, **options)
    except ValueError as error:  # only the documented refusals
        assert "every count is zero" in str(error) or "does not fit in" in str(error)
        return
    assert got.dtype == dtype
    assert got.isfinite().all()
    assert (got >= 0).all()


def test_weight_too_large_for_the_dtype_is_an_error():
    with pytest.raises(ValueError, match=r"does not fit in torch.float16.*normalize='sum'"):
        wg.class_weights([1, 1_000_000], "balanced", dtype=torch.float16)
    small = wg.class_weights([1, 1_000_000], "balanced", dtype=torch.float16, normalize="sum")
    assert small.isfinite().all()


@pytest.mark.parametrize(
    "counts",
    [[1, -2], [1, float("nan")], [float("inf"), 1]],
)
def test_counts_must_be_finite_and_non_negative(counts):
    with pytest.raises(ValueError, match=r"finite and >= 0, but counts\[\d\] is"):
        wg.class_weights(counts)


@pytest.mark.parametrize("counts", [[], [[[1]]]])
def test_counts_shape(counts):
    with pytest.raises(ValueError, match=r"shape \(C,\)"):
        wg.class_weights(counts)


def test_unknown_options_name_the_choices():
    with pytest.raises(ValueError, match="unknown scheme 'sqrt'; choose one of balanced"):
        wg.class_weights([1, 2], "sqrt")
    with pytest.raises(ValueError, match="on_zero must be 'raise' or 'zero'"):
        wg.class_weights([1, 2], on_zero="ignore")
    with pytest.raises(ValueError, match="normalize must be None"):
        wg.class_weights([1, 2], normalize="max")
    with pytest.raises(TypeError, match=r"dtype must be a floating torch\.dtype"):
        wg.class_weights([1, 2], dtype=torch.int64)


@pytest.mark.parametrize(
    "counts",
    [
        torch.tensor([3, 1], dtype=torch.float64),
        np.array([3.0, 1.0]),
        [3, 1],
        torch.tensor([3, 1]),
    ],
    ids=["float64-tensor", "numpy", "list", "int64-tensor"],
)
def test_default_dtype_is_float32_whatever_the_counts(counts):
    got = wg.class_weights(counts)
    assert got.dtype == torch.float32
    assert got.tolist() == pytest.approx([2 / 3, 2.0])


def test_dtype_and_device_arguments():
    got = wg.class_weights([3, 1], dtype=torch.bfloat16, device="meta")
    assert (got.dtype, got.device.type) == (torch.bfloat16, "meta")


def test_weights_work_in_the_checked_loss():
    target = torch.tensor([0, 0, 0, 1, 2, 2])
    w = wg.class_weights(wg.class_counts(target, 3))
    loss = wg.cross_entropy(torch.randn(6, 3), target, weight=w)
    assert loss.isfinite()


def test_mean_reduction_cancels_the_scale_but_sum_does_not():
    # What the README says about normalize: PyTorch's "mean" divides by the targets' weights.
    logits, target = torch.randn(8, 3), torch.tensor([0, 0, 0, 0, 1, 1, 2, 0])
    counts = wg.class_counts(target, 3)
    a = wg.class_weights(counts, normalize="sum")
    b = wg.class_weights(counts, normalize="num_classes")
    mean = [wg.cross_entropy(logits, target, weight=w) for w in (a, b)]
    total = [wg.cross_entropy(logits, target, weight=w, reduction="sum") for w in (a, b)]
    torch.testing.assert_close(mean[0], mean[1])
    torch.testing.assert_close(total[1], total[0] * 3)


def test_probability_targets_do_not_cancel_the_scale():
    # Also in the README: with probability targets PyTorch's mean divides by N.
    logits, target = torch.randn(8, 3), torch.rand(8, 3).softmax(1)
    counts = wg.class_counts(target, 3)
    a = wg.class_weights(counts, normalize="sum")
    b = wg.class_weights(counts, normalize="num_classes")
    losses = [wg.cross_entropy(logits, target, weight=w) for w in (a, b)]
    torch.testing.assert_close(losses[1], losses[0] * 3)

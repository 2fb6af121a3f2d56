"""RWWCE values and gradients against the 60-digit reference, at random and at the extremes.

Each test runs the three ways the Function computes: from the softmax over all classes (eager
on CPU), from the softmax over the other classes (eager with costs on an accelerator, here
by making CPU values look unreadable), and the pure expressions ``torch.compile`` traces
(run eagerly here, so that the reference checks their math; tests/runtime/test_compile.py
runs them through inductor).

Tolerances are the spec's (losses.md): float64 ``|got - expected| <= 1e-9 + 1e-9 |expected|``;
float32 (inputs rounded to float32, the reference computed from the rounded inputs)
``rtol = 1e-5``. Gradients are held to the same relative bound, plus an absolute floor scaled
by the size of the costs (a gradient entry is a sum of terms as large as the costs).
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import wce_guard as wg
from tests.runtime.rwwce_reference import reference
from wce_guard.realworld import autograd as rwwce_function


@pytest.fixture(scope="module", params=["softmax", "softmax_of_others", "expressions"])
def formulation(request):
    """Each way the Function computes, chosen as the Function chooses it."""
    patches = {
        "softmax": mock.patch.object(rwwce_function, "_is_compiling", return_value=False),
        "softmax_of_others": mock.patch.object(
            rwwce_function, "_reads_values_freely", return_value=False
        ),
        "expressions": mock.patch.object(rwwce_function, "_is_compiling", return_value=True),
    }
    with patches[request.param]:
        yield request.param


@dataclass
class RWWCECall:
    logits: torch.Tensor  # float64; rounded to the tested dtype by the test
    target: torch.Tensor
    fn_weight: torch.Tensor | None
    fp_weight: torch.Tensor | None
    ignore_index: int
    reduction: str

    def cost_scale(self) -> float:
        fn = 1.0 if self.fn_weight is None else float(self.fn_weight.max())
        fp = 0.0 if self.fp_weight is None else float(self.fp_weight.sum(1).max())
        return 1.0 + fn + fp


@st.composite
def rwwce_calls(draw) -> RWWCECall:
    classes = draw(st.integers(2, 6))
    if draw(st.integers(0, 5)) == 0:
        shape: tuple[int, ...] = (classes,)
    else:
        shape = (draw(st.integers(0, 4)), classes, *draw(st.lists(st.integers(1, 2), max_size=2)))
    generator = torch.Generator().manual_seed(draw(st.integers(0, 2**31 - 1)))
    scale = draw(st.sampled_from([1e-3, 1.0, 10.0, 100.0, 1e3, 1e4]))
    logits = torch.randn(shape, generator=generator, dtype=torch.float64) * scale
    if logits.numel() and draw(st.booleans()):  # ties at the maximum, saturated rows
        logits = logits.round()
    index_shape = shape[:1] + shape[2:] if len(shape) > 1 else ()
    ignore_index = -100
    if draw(st.booleans()):
        target = torch.randn(shape, generator=generator, dtype=torch.float64)
        target = (target * draw(st.sampled_from([1.0, 30.0]))).softmax(0 if len(shape) == 1 else 1)
    else:
        target = torch.randint(0, classes, index_shape, generator=generator)
        if target.numel() and draw(st.booleans()):
            ignore_index = draw(st.sampled_from([-100, 0]))
            target = target.masked_fill(torch.rand(index_shape, generator=generator) < 0.3,
                                        ignore_index)  # fmt: skip
    fn_weight = fp_weight = None
    if draw(st.booleans()):
        fn_weight = torch.rand(classes, generator=generator, dtype=torch.float64) * 5
        fn_weight[draw(st.integers(0, classes - 1))] = 0.0
    if draw(st.booleans()):
        fp_weight = torch.rand(classes, classes, generator=generator, dtype=torch.float64) * 20
        fp_weight *= torch.rand(classes, classes, generator=generator) < 0.5  # some free pairs
        fp_weight.fill_diagonal_(0)
    return RWWCECall(logits, target, fn_weight, fp_weight, ignore_index,
                     draw(st.sampled_from(["mean", "sum", "none"])))  # fmt: skip


def _run(call: RWWCECall, dtype: torch.dtype, sparse: bool = False):
    logits = call.logits.to(dtype).requires_grad_()
    target = call.target.to(dtype) if call.target.is_floating_point() else call.target
    fn = None if call.fn_weight is None else call.fn_weight.to(dtype)
    fp = None if call.fp_weight is None else call.fp_weight.to(dtype)
    if sparse and fp is not None:
        fp = fp.to_sparse()
    loss = wg.rwwce(logits, target, fn, fp, ignore_index=call.ignore_index,
                    reduction=call.reduction)  # fmt: skip
    grad_output = torch.linspace(-1, 2, loss.numel(), dtype=torch.float64).reshape(loss.shape)
    (gradient,) = torch.autograd.grad(loss, logits, grad_output.to(dtype))
    # the reference sees exactly the numbers the implementation saw
    expected, expected_gradient = reference(
        logits.detach(), target, fn, None if fp is None else fp.to_dense(),
        call.ignore_index, call.reduction, grad_output.to(dtype),
    )  # fmt: skip
    return loss, gradient, expected, expected_gradient


def _assert_within(actual, expected, rtol, atol, what):
    actual = actual.double()
    both_nan = actual.isnan() & expected.isnan()
    bound = atol + rtol * expected.abs()
    bad = ~both_nan & ~((actual - expected).abs() <= bound)
    assert not bad.any(), (
        f"{what}: {int(bad.sum())} entries off, worst got {actual[bad][:3].tolist()} "
        f"expected {expected[bad][:3].tolist()}"
    )


@settings(max_examples=150, deadline=None)
@given(rwwce_calls())
def test_float64_matches_the_reference_to_the_spec_tolerance(formulation, call):
    loss, gradient, expected, expected_gradient = _run(call, torch.float64)
    assert loss.dtype == torch.float64
    _assert_within(loss, expected, 1e-9, 1e-9, "loss")
    _assert_within(gradient, expected_gradient, 1e-9, 1e-9, "gradient")


@settings(max_examples=150, deadline=None)
@given(rwwce_calls())
def test_float32_matches_the_reference_to_the_spec_tolerance(formulation, call):
    loss, gradient, expected, expected_gradient = _run(call, torch.float32)
    assert loss.dtype == torch.float32
    assert torch.isfinite(gradient).all() or call.reduction == "mean"  # mean of nothing: NaN
    tiny = torch.finfo(torch.float32).tiny
    _assert_within(loss, expected, 1e-5, tiny, "loss")
    _assert_within(gradient, expected_gradient, 1e-5, 1e-6 * call.cost_scale(), "gradient")


@settings(max_examples=60, deadline=None)
@given(rwwce_calls())
def test_a_sparse_fp_weight_gives_the_dense_result(formulation, call):
    if call.fp_weight is None:
        call.fp_weight = torch.zeros(call.logits.shape[0 if call.logits.ndim == 1 else 1],
                                     call.logits.shape[0 if call.logits.ndim == 1 else 1],
                                     dtype=torch.float64)  # fmt: skip
    dense, dense_gradient, *_ = _run(call, torch.float64)
    sparse, sparse_gradient, *_ = _run(call, torch.float64, sparse=True)
    torch.testing.assert_close(sparse, dense, rtol=1e-12, atol=1e-12, equal_nan=True)
    torch.testing.assert_close(sparse_gradient, dense_gradient, rtol=1e-12, atol=1e-12,
                               equal_nan=True)  # fmt: skip


EXTREME_ROWS = [
    [1e4, -1e4, 0.0, 0.0],  # saturated: p_top rounds to 1, the others to 0
    [-1e4, 1e4, 1e4, 0.0],  # a tie at a huge maximum
    [0.0, 0.0, 0.0, 1e4],
    [1e4, 1e4 - 1e-3, -1e4, 5.0],  # two nearly equal leaders
    [3.0, 3.0, 3.0, 3.0],  # all equal
    [-1e4, -1e4, -1e4, 1e4],
    [1e3, -1e3, 999.0, 0.0],
]


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("target_class", range(4))
def test_extreme_logits_give_finite_exact_losses_and_gradients(dtype, target_class, formulation):
    logits = torch.tensor(EXTREME_ROWS, dtype=dtype)
    costs = torch.tensor([[0, 19, 1, 0], [2, 0, 3, 4], [5, 6, 0, 7], [8, 9, 10, 0]], dtype=dtype)
    fn = torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=dtype)
    target = torch.full((len(EXTREME_ROWS),), target_class)
    call = RWWCECall(logits.double(), target, fn.double(), costs.double(), -100, "none")
    loss, gradient, expected, expected_gradient = _run(call, dtype)
    assert torch.isfinite(loss).all() and torch.isfinite(gradient).all()
    rtol = 1e-9 if dtype == torch.float64 else 1e-5
    _assert_within(loss, expected, rtol, rtol, "loss")
    _assert_within(gradient, expected_gradient, rtol, rtol * call.cost_scale(), "gradient")


def test_confident_mistakes_keep_their_gradient(formulation):
    """The authors' clipping to [1e-7, 1 - 1e-7] caps the loss near 16.1 and zeroes the
    gradient of confidently wrong predictions; from logits, nothing is capped."""
    logits = torch.tensor([[0.0, 60.0], [0.0, 600.0]], requires_grad=True)
    loss = wg.rwwce(logits, torch.tensor([0, 0]), reduction="none")
    torch.testing.assert_close(loss, torch.tensor([60.0, 600.0]))
    loss.sum().backward()
    torch.testing.assert_close(logits.grad, torch.tensor([[-1.0, 1.0], [-1.0, 1.0]]))


def test_gradcheck_against_finite_differences(formulation):
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(5, 4, 3, generator=generator, dtype=torch.float64, requires_grad=True)
    target = torch.randint(0, 4, (5, 3), generator=generator)
    fp = torch.rand(4, 4, generator=generator, dtype=torch.float64).fill_diagonal_(0)
    probabilities = torch.rand(5, 4, 3, generator=generator, dtype=torch.float64).softmax(1)
    for t in (target, probabilities):
        assert torch.autograd.gradcheck(
            lambda x, t=t: wg.rwwce(x, t, fp_weight=fp, reduction="none"), (logits,)
        )


def test_confident_right_predictions_beside_mistakes_keep_the_fast_way_and_are_exact():
    """From the softmax over all classes, a saturated position (1 - p_top underflows) is exact
    when its top class costs nothing, as when it is right: such batches, common late in
    training, need no second softmax."""
    rows = [[1e4, -1e4, 0, 0], [0, 1e3, 0, 0], [0, 90, 80, 0], [1, 2, 3, 4], [0.5, 0, 0, 0.2]]
    logits = torch.tensor(rows, dtype=torch.float32)
    target = torch.tensor([0, 1, 1, 0, 3])  # the saturated rows are right; two mistakes
    costs = torch.tensor([[0, 19, 1, 0], [2, 0, 3, 4], [5, 6, 0, 7], [8, 9, 10, 0]],
                         dtype=torch.float32)  # fmt: skip
    call = RWWCECall(logits.double(), target, None, costs.double(), -100, "none")
    second_softmax = mock.patch.object(
        rwwce_function, "_by_softmax_of_others", side_effect=AssertionError("not needed")
    )
    with second_softmax:
        loss, gradient, expected, expected_gradient = _run(call, torch.float32)
    _assert_within(loss, expected, 1e-5, torch.finfo(torch.float32).tiny, "loss")
    _assert_within(gradient, expected_gradient, 1e-5, 1e-5 * call.cost_scale(), "gradient")


def test_non_finite_logits_spoil_only_their_own_rows(formulation):
    """Non-finite logits are the caller's bug (the full level reports them); the loss does not
    raise for them, and the other rows keep their values and gradients."""
    logits = torch.tensor(EXTREME_ROWS[:4], dtype=torch.float64)
    logits[1, 2], logits[2] = float("nan"), float("inf")
    logits.requires_grad_()
    costs = torch.rand(4, 4, dtype=torch.float64).fill_diagonal_(0)
    target = torch.tensor([0, 1, 2, 3])
    loss = wg.rwwce(logits, target, None, costs, reduction="none")
    (gradient,) = torch.autograd.grad(loss.sum(), logits)
    finite = [0, 3]
    expected, expected_gradient = reference(
        logits.detach()[finite], target[finite], None, costs, reduction="none",
        grad_output=torch.ones(2),
    )  # fmt: skip
    assert loss[1:3].isnan().all()
    _assert_within(loss[finite], expected, 1e-9, 1e-9, "loss")
    _assert_within(gradient[finite], expected_gradient, 1e-9, 1e-9, "gradient")


def test_zero_weight_terms_contribute_exactly_zero(formulation):
    logits = torch.tensor([[1e4, -1e4, 0.0]], requires_grad=True)
    fn = torch.tensor([0.0, 0.0, 0.0])
    fp = torch.zeros(3, 3)
    loss = wg.rwwce(logits, torch.tensor([1]), fn, fp)
    loss.backward()
    assert loss.item() == 0.0
    assert torch.equal(logits.grad, torch.zeros(1, 3))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
def test_half_precision_is_computed_in_float32_and_returned_in_the_input_dtype(dtype):
    generator = torch.Generator().manual_seed(1)
    logits = (torch.randn(16, 5, generator=generator) * 20).to(dtype).requires_grad_()
    target = torch.randint(0, 5, (16,), generator=generator)
    fp = torch.rand(5, 5, generator=generator).fill_diagonal_(0)
    loss = wg.rwwce(logits, target, fp_weight=fp)
    loss.backward()
    assert loss.dtype == dtype and logits.grad.dtype == dtype
    expected = wg.rwwce(logits.detach().float(), target, fp_weight=fp)
    torch.testing.assert_close(loss.float(), expected, rtol=1e-2, atol=0)


@pytest.mark.parametrize("probabilities", [False, True])
@pytest.mark.parametrize("margin", [4.0, 9.0, 15.0, 30.0, 80.0])
def test_confident_right_predictions_keep_a_relatively_exact_gradient(
    margin, probabilities, formulation
):
    """With the right class far ahead, every gradient entry is about p_other = 1/(1 + e^m):
    tiny, and still exact to float32 rounding, because 1 - p_top is never formed as a
    difference (which would leave an error of float32 epsilon, larger than the gradient)."""
    logits = torch.tensor([[0.0, margin, -margin]], requires_grad=True)
    target = torch.tensor([[0.0, 1.0, 0.0]]) if probabilities else torch.tensor([1])
    fp = torch.tensor([[0.0, 0.0, 0.0], [2.0, 0.0, 3.0], [0.0, 0.0, 0.0]])
    wg.rwwce(logits, target, torch.tensor([1.0, 4.0, 1.0]), fp).backward()
    call = RWWCECall(logits.detach().double(), target, torch.tensor([1.0, 4.0, 1.0]).double(),
                     fp.double(), -100, "mean")  # fmt: skip
    _, expected = reference(call.logits, target.double() if probabilities else target,
                            call.fn_weight, call.fp_weight)  # fmt: skip
    _assert_within(logits.grad, expected, 1e-5, torch.finfo(torch.float32).tiny, "gradient")


@pytest.mark.parametrize("costly_columns", [0, 1, 2, 16])
@pytest.mark.parametrize("probabilities", [False, True])
def test_dense_costs_in_few_columns_take_the_column_way_with_the_same_result(
    costly_columns, probabilities, formulation
):
    """The paper's scenarios price a few pairs: a dense matrix with costs in at most 1 in 8
    columns is computed over those columns only (on CPU); the result is the reference's."""
    generator = torch.Generator().manual_seed(costly_columns)
    classes = 16
    logits = torch.randn(6, classes, generator=generator, dtype=torch.float64) * 20
    target = (
        torch.randn(6, classes, generator=generator, dtype=torch.float64).softmax(1)
        if probabilities
        else torch.randint(0, classes, (6,), generator=generator)
    )
    fp = torch.zeros(classes, classes, dtype=torch.float64)
    columns = torch.randperm(classes, generator=generator)[:costly_columns]
    fp[:, columns] = torch.rand(classes, costly_columns, generator=generator,
                                dtype=torch.float64) * 19  # fmt: skip
    fp.fill_diagonal_(0)
    call = RWWCECall(logits, target, None, fp, -100, "none")
    loss, gradient, expected, expected_gradient = _run(call, torch.float64)
    _assert_within(loss, expected, 1e-9, 1e-9, "loss")
    _assert_within(gradient, expected_gradient, 1e-9, 1e-9, "gradient")

"""RWWCE as users call it: the known losses it reduces to, the contract, modules, sparse costs."""

from __future__ import annotations

import contextlib
import copy
import io

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import wce_guard as wg
from wce_guard import LossContractError

N, C = 12, 4


def _logits(*shape, seed=0, scale=3.0, dtype=torch.float64):
    generator = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=generator, dtype=dtype) * scale


def _classes(*shape, seed=0, classes=C):
    return torch.randint(0, classes, shape, generator=torch.Generator().manual_seed(seed))


# --- what it reduces to (spec section 4, "special cases") ----------------------------------


@pytest.mark.parametrize("extra", [(), (3,), (2, 2)])
def test_without_fp_weight_it_is_the_weighted_sum_form_of_cross_entropy(extra):
    logits, target = _logits(N, C, *extra), _classes(N, *extra)
    target.view(-1)[::5] = -100
    fn = torch.tensor([0.5, 2.0, 0.0, 1.5], dtype=torch.float64)
    kept = int((target != -100).sum())
    expected = F.cross_entropy(logits, target, weight=fn, reduction="sum") / kept
    torch.testing.assert_close(wg.rwwce(logits, target, fn), expected, rtol=1e-12, atol=0)
    torch.testing.assert_close(
        wg.rwwce(logits, target, fn, torch.zeros(C, C, dtype=torch.float64), reduction="none"),
        F.cross_entropy(logits, target, weight=fn, reduction="none"),
    )


def test_which_is_not_pytorchs_weighted_mean():
    logits, target = _logits(N, C), _classes(N)
    fn = torch.tensor([0.5, 2.0, 4.0, 1.5], dtype=torch.float64)
    assert not torch.isclose(wg.rwwce(logits, target, fn), F.cross_entropy(logits, target, fn))


@pytest.mark.parametrize("probabilities", [False, True])
def test_unit_weights_are_plain_cross_entropy(probabilities):
    logits = _logits(N, C, 2)
    target = _logits(N, C, 2, seed=1).softmax(1) if probabilities else _classes(N, 2)
    for reduction in ("mean", "sum", "none"):
        torch.testing.assert_close(
            wg.rwwce(logits, target, torch.ones(C, dtype=torch.float64), reduction=reduction),
            F.cross_entropy(logits, target, reduction=reduction),
        )


def test_unit_fn_and_all_ones_fp_is_one_vs_all_bce_on_the_softmax():
    logits, target = _logits(N, C), _classes(N)
    fp = 1 - torch.eye(C, dtype=torch.float64)
    p = logits.softmax(1)
    onehot = F.one_hot(target, C).double()
    expected = F.binary_cross_entropy(p, onehot, reduction="none").sum(1)
    torch.testing.assert_close(wg.rwwce(logits, target, None, fp, reduction="none"), expected)


@pytest.mark.parametrize("probabilities", [False, True])
def test_two_classes_reproduce_the_binary_loss(probabilities):
    x = _logits(N, scale=8.0)
    y = torch.rand(N, dtype=torch.float64) if probabilities else (_classes(N, classes=2))
    fn, fp = 7.0, 0.25
    two_class = torch.stack([torch.zeros_like(x), x], 1)
    target = torch.stack([1 - y, y], 1) if probabilities else y
    loss = wg.rwwce(
        two_class,
        target,
        torch.tensor([0.0, fn], dtype=torch.float64),
        torch.tensor([[0.0, fp], [0.0, 0.0]], dtype=torch.float64),
        reduction="none",
    )
    torch.testing.assert_close(loss, wg.binary_rwwce(x, y.double(), fn, fp, reduction="none"))


def test_binary_with_unit_weights_is_bce_with_logits():
    x, y = _logits(5, 7, scale=20.0), torch.rand(5, 7, dtype=torch.float64)
    for reduction in ("mean", "sum", "none"):
        torch.testing.assert_close(
            wg.binary_rwwce(x, y, reduction=reduction),
            F.binary_cross_entropy_with_logits(x, y, reduction=reduction),
        )


def test_binary_matches_the_authors_bernoulli_trial():
    """Spec section 3: 9 positives, 1 negative, sigmoid output 0.8518968557974441."""
    p = 0.8518968557974441
    x = torch.full((10,), torch.logit(torch.tensor(p, dtype=torch.float64)).item(),
                   dtype=torch.float64)  # fmt: skip
    y = torch.tensor([1.0] * 9 + [0.0], dtype=torch.float64)
    assert abs(wg.binary_rwwce(x, y).item() - 0.33524547) < 1e-8


def test_binary_is_stable_and_takes_per_class_weights():
    x = torch.tensor([[-1e4, 1e4], [30.0, -30.0]], requires_grad=True)
    y = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    fn, fp = torch.tensor([2.0, 3.0]), torch.tensor([0.5, 0.0])
    loss = wg.binary_rwwce(x, y, fn, fp, reduction="none")
    torch.testing.assert_close(loss, torch.tensor([[2e4, 0.0], [15.0, 90.0]]))
    loss.sum().backward()
    assert torch.isfinite(x.grad).all()
    assert x.grad[0, 1] == 0.0  # a zero fp cost: a false alarm costs nothing, exactly


# --- reductions, ignore_index, shapes --------------------------------------------------------


def test_mean_counts_kept_positions_and_is_nan_when_none_is_kept():
    logits, target = _logits(N, C), _classes(N)
    target[:4] = 3
    per_position = wg.rwwce(logits, target, ignore_index=3, reduction="none")
    assert (per_position[target == 3] == 0).all()
    kept = per_position[target != 3]
    torch.testing.assert_close(wg.rwwce(logits, target, ignore_index=3), kept.sum() / kept.numel())
    everything_ignored = torch.full((N,), -100)
    logits.requires_grad_()
    nothing_kept = wg.rwwce(logits, everything_ignored)
    assert torch.isnan(nothing_kept)
    (gradient,) = torch.autograd.grad(nothing_kept, logits)
    assert torch.equal(gradient, torch.zeros_like(logits))  # as F.cross_entropy gives
    assert wg.rwwce(logits, everything_ignored, reduction="sum") == 0


def test_unbatched_input_and_empty_batches():
    logits, target = _logits(C), torch.tensor(2)
    torch.testing.assert_close(
        wg.rwwce(logits, target, reduction="none"),
        wg.rwwce(logits[None], target[None], reduction="none")[0],
    )
    empty = wg.rwwce(_logits(0, C), _classes(0), reduction="none")
    assert empty.shape == (0,)


def _dense_costs(seed=0):
    costs = torch.rand(C, C, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)
    return costs.fill_diagonal_(0) * 5


@pytest.mark.parametrize("fp_weight", [None, "dense"])
def test_without_autograd_the_loss_is_the_same(fp_weight):
    logits = _logits(N, C).requires_grad_()
    fp = None if fp_weight is None else _dense_costs()
    with torch.no_grad():
        without = wg.rwwce(logits, _classes(N), None, fp, reduction="none")
    with torch.inference_mode():
        inference = wg.rwwce(logits, _classes(N), None, fp, reduction="none")
    with_graph = wg.rwwce(logits, _classes(N), None, fp, reduction="none")
    assert not without.requires_grad and with_graph.requires_grad
    torch.testing.assert_close(without, with_graph.detach(), rtol=0, atol=0)
    torch.testing.assert_close(inference, with_graph.detach(), rtol=0, atol=0)


def test_backward_twice_through_a_kept_graph_gives_the_same_gradient():
    logits = _logits(N, C).requires_grad_()
    loss = wg.rwwce(logits, _classes(N), None, _dense_costs())
    (first,) = torch.autograd.grad(loss, logits, retain_graph=True)
    (second,) = torch.autograd.grad(loss, logits)
    torch.testing.assert_close(first, second, rtol=0, atol=0)


@pytest.mark.parametrize(
    ("target", "fp_weight"),
    [("index", None), ("index", "dense"), ("index", "sparse"), ("probabilities", "dense")],
)
def test_second_derivatives_are_right(target, fp_weight):
    """create_graph=True (gradient penalties, meta-learning) gets a differentiable gradient."""
    logits = _logits(5, C, 2).requires_grad_()
    labels = _classes(5, 2) if target == "index" else _logits(5, C, 2, seed=1).softmax(1)
    fp = None if fp_weight is None else _dense_costs()
    if fp_weight == "sparse":
        fp = fp.to_sparse()
    fn = torch.rand(C, dtype=torch.float64) + 0.5

    def loss(x):
        return wg.rwwce(x, labels, fn, fp, reduction="none")

    assert torch.autograd.gradgradcheck(loss, (logits,))
    (gradient,) = torch.autograd.grad(loss(logits).sum(), logits, create_graph=True)
    (first_order,) = torch.autograd.grad(loss(logits).sum(), logits)
    torch.testing.assert_close(gradient, first_order, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("target", ["index", "probabilities"])
def test_autocast_changes_nothing(target):
    """Under autocast the cost products (matrix products) would run in bfloat16 and mix dtypes;
    the loss is computed in the logits' dtype, as PyTorch's cross-entropy is in float32."""
    logits = _logits(16, C, 3).float().requires_grad_()
    labels = _classes(16, 3) if target == "index" else _logits(16, C, 3, seed=1).float().softmax(1)
    fp = _dense_costs().float()
    expected = wg.rwwce(logits, labels, None, fp, reduction="none")
    with torch.autocast("cpu", dtype=torch.bfloat16):
        actual = wg.rwwce(logits, labels, None, fp, reduction="none")
    assert actual.dtype == torch.float32
    torch.testing.assert_close(actual, expected, rtol=0, atol=0)
    (gradient,) = torch.autograd.grad(actual.sum(), logits)
    (expected_gradient,) = torch.autograd.grad(expected.sum(), logits)
    torch.testing.assert_close(gradient, expected_gradient, rtol=0, atol=0)


def test_any_integer_target_dtype_and_integer_costs():
    logits, target = _logits(N, C), _classes(N)
    fp = torch.tensor([[0, 19, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]])
    expected = wg.rwwce(logits, target, None, fp.double())
    for dtype in (torch.int8, torch.int16, torch.int32, torch.uint8):
        torch.testing.assert_close(wg.rwwce(logits, target.to(dtype), None, fp), expected)


# --- the contract ------------------------------------------------------------------------------


def _error(*args, **kwargs) -> str:
    with pytest.raises(LossContractError) as caught:
        wg.rwwce(*args, **kwargs)
    return str(caught.value)


def test_fn_weight_shape_messages():
    logits, target = _logits(N, C), _classes(N)
    assert _error(logits, target, torch.ones(C - 1)) == (
        "rwwce: fn_weight has 3 entries but input has 4 classes (input (12, 4), fn_weight (3,)). "
        "Did you build it with torch.bincount(target) without minlength=4? Classes absent from "
        "the data make bincount too short."
    )
    authors_matrix = _error(logits, target, torch.eye(C))
    assert "fn_weight must be 1-D" in authors_matrix
    assert "pass its diagonal: fn_weight.diagonal()" in authors_matrix


def test_fp_weight_shape_and_diagonal_messages():
    logits, target = _logits(N, C), _classes(N)
    assert _error(logits, target, None, torch.zeros(C, C + 1)) == (
        "rwwce: fp_weight must be a (C, C) matrix of false-positive costs, row = true class, "
        "column = predicted class, so (4, 4) here, but it has shape (4, 5) "
        "(input (12, 4), fp_weight (4, 5))."
    )
    diagonal = torch.zeros(C, C)
    diagonal[2, 2] = 1.0
    message = _error(logits, target, None, diagonal)
    assert message.startswith("rwwce: fp_weight has non-zero entries on its diagonal (classes 2)")
    assert "fill_diagonal_(0)" in message
    sparse_diagonal = _error(logits, target, None, diagonal.to_sparse())
    assert "(classes 2)" in sparse_diagonal


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0])
@pytest.mark.parametrize("name", ["fn_weight", "fp_weight"])
def test_costs_must_be_finite_and_not_negative(bad, name):
    logits, target = _logits(N, C), _classes(N)
    costs = {"fn_weight": torch.ones(C), "fp_weight": torch.zeros(C, C)}
    costs[name].view(-1)[1] = bad
    message = _error(logits, target, **costs)
    assert message.startswith(f"rwwce: {name} holds 1 ")
    assert "must be finite and >= 0" in message


def test_a_cost_changed_in_place_is_checked_again():
    logits, target = _logits(N, C), _classes(N)
    fn = torch.ones(C, dtype=torch.float64)
    wg.rwwce(logits, target, fn)
    fn[0] = -1.0
    assert "fn_weight holds 1 negative" in _error(logits, target, fn)


def test_target_out_of_range_and_probability_targets():
    logits, target = _logits(N, C), _classes(N)
    target[5] = C
    assert _error(logits, target) == (
        "rwwce: target holds class index 4 at position (5,), but input has 4 classes: valid "
        "targets are 0 to 3, or ignore_index=-100 for positions to skip."
    )
    probabilities = _logits(N, C).softmax(1)
    assert "ignore_index=0 cannot be used with probability targets" in _error(
        logits, probabilities, ignore_index=0
    )
    assert "values must be finite and in [0, 1]" in _error(logits, probabilities * 2)


def test_other_contract_violations_read_like_cross_entropys():
    logits, target = _logits(N, C), _classes(N)
    assert "target.squeeze(1)" in _error(logits, target[:, None])
    assert "class indices must be integers" in _error(logits, target.double())
    assert "reduction must be 'none', 'mean' or 'sum', got 'avg'" in _error(
        logits, target, reduction="avg"
    )
    assert "has 1 class" in _error(_logits(N, 1), torch.zeros(N, dtype=torch.long))
    meta = _error(logits.to("meta"), target.to("meta"), torch.ones(C))
    assert meta.startswith("rwwce: fn_weight is on cpu but input is on meta.")
    assert "Use fn_weight.to(input.device), or hold it in wce_guard.RWWCELoss" in meta


def test_checks_off_goes_straight_to_the_computation():
    logits, target = _logits(N, C), _classes(N)
    with wg.checks("off"):
        wg.rwwce(logits, target, -torch.ones(C, dtype=torch.float64))  # not checked


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_arguments_give_a_result_or_a_contract_error(data):
    """Random, often invalid, arguments: a LossContractError or a finite-shaped result,
    never an IndexError, a RuntimeError or a crash."""
    classes = data.draw(st.integers(0, 4))
    shape = tuple(data.draw(st.lists(st.integers(0, 3), min_size=0, max_size=3)))
    input_shape = data.draw(st.sampled_from([shape, (2, classes, *shape[1:]), (classes,)]))
    dtypes = [torch.float32, torch.float64, torch.float16, torch.int64, torch.bool]
    logits = torch.randn(input_shape).to(data.draw(st.sampled_from(dtypes)))
    target_shape = data.draw(st.sampled_from([input_shape, input_shape[:1] + input_shape[2:],
                                              shape, ()]))  # fmt: skip
    target = data.draw(st.sampled_from([
        torch.randint(-2, 6, target_shape), torch.rand(target_shape), torch.rand(target_shape) * 3,
    ]))  # fmt: skip
    weights = st.sampled_from(
        [
            None,
            torch.rand(classes),
            torch.rand(classes + 1),
            torch.rand(classes, classes),
            -torch.ones(classes),
            1.0,
        ]
    )
    fn, fp = data.draw(weights), data.draw(weights)
    if isinstance(fp, torch.Tensor) and fp.ndim == 2:
        fp = fp.fill_diagonal_(0)
    with contextlib.suppress(LossContractError):
        wg.rwwce(logits, target, fn, fp, ignore_index=data.draw(st.sampled_from([-100, 0])),
                 reduction=data.draw(st.sampled_from(["mean", "sum", "none", "bad"])))  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_binary_any_arguments_give_a_result_or_a_contract_error(data):
    shape = tuple(data.draw(st.lists(st.integers(0, 3), max_size=3)))
    dtypes = [torch.float32, torch.float64, torch.bfloat16, torch.int64, torch.bool]
    logits = torch.randn(shape).to(data.draw(st.sampled_from(dtypes)))
    target_shape = data.draw(st.sampled_from([shape, shape[:-1], (*shape, 1)]))
    target = data.draw(
        st.sampled_from(
            [torch.rand(target_shape), torch.randint(-1, 3, target_shape),
             torch.rand(target_shape) > 0.5]
        )
    )  # fmt: skip
    weights = st.sampled_from([1.0, 0.0, -1.0, float("nan"), 3, torch.rand(shape),
                               torch.rand(target_shape), torch.tensor(2.0), "x", None])  # fmt: skip
    reduction = data.draw(st.sampled_from(["mean", "none", "x"]))
    with contextlib.suppress(LossContractError):
        result = wg.binary_rwwce(
            logits, target, data.draw(weights), data.draw(weights), reduction=reduction
        )
        assert result.dtype == logits.dtype


# --- modules ---------------------------------------------------------------------------------


def test_module_holds_costs_as_buffers_that_move_and_save():
    fn, fp = torch.tensor([1.0, 2.0, 3.0, 4.0]), torch.zeros(C, C)
    fp[0, 1] = 19.0
    criterion = wg.RWWCELoss(fn, fp, ignore_index=1)
    assert dict(criterion.named_buffers()).keys() == {"fn_weight", "fp_weight"}
    logits, target = _logits(N, C, dtype=torch.float32), _classes(N)
    torch.testing.assert_close(criterion(logits, target),
                               wg.rwwce(logits, target, fn, fp, ignore_index=1))  # fmt: skip
    criterion64 = criterion.double()
    assert criterion64.fp_weight.dtype == torch.float64
    buffer = io.BytesIO()
    torch.save(criterion.state_dict(), buffer)
    restored = wg.RWWCELoss(torch.zeros(C), torch.zeros(C, C), ignore_index=1)
    restored.load_state_dict(torch.load(io.BytesIO(buffer.getvalue())))
    assert torch.equal(restored.fp_weight, criterion.fp_weight)
    assert torch.equal(copy.deepcopy(criterion).fn_weight, criterion.fn_weight)
    assert "ignore_index=1" in repr(criterion)


def test_module_checks_its_costs_when_built():
    with pytest.raises(LossContractError, match="RWWCELoss: fp_weight has non-zero entries"):
        wg.RWWCELoss(None, torch.ones(C, C))
    with pytest.raises(LossContractError, match="RWWCELoss: fn_weight holds 1 NaN"):
        wg.RWWCELoss(torch.tensor([1.0, float("nan")]))
    with pytest.raises(LossContractError, match="reduction must be"):
        wg.RWWCELoss(reduction="avg")
    with pytest.raises(LossContractError, match=r"RWWCELoss: fn_weight must be a torch\.Tensor"):
        wg.RWWCELoss([1.0, 2.0])


def test_module_makes_integer_costs_floating_once():
    criterion = wg.RWWCELoss(torch.tensor([1, 2, 1, 1]), torch.zeros(C, C, dtype=torch.int64))
    assert criterion.fn_weight.dtype == criterion.fp_weight.dtype == torch.float32
    assert criterion.double().fp_weight.dtype == torch.float64


def test_module_with_sparse_costs():
    fp = torch.zeros(C, C)
    fp[2, 0] = 19.0
    criterion = wg.RWWCELoss(fp_weight=fp.to_sparse())
    logits, target = _logits(N, C, dtype=torch.float32), _classes(N)
    torch.testing.assert_close(criterion(logits, target), wg.rwwce(logits, target, None, fp))


def test_binary_module_keeps_number_costs_exact_and_the_input_dtype():
    criterion = wg.BinaryRWWCELoss(fn_weight=0.1, fp_weight=3)
    assert criterion.fn_weight.dtype == torch.float64 and criterion.fn_weight.item() == 0.1
    x, y = _logits(6, scale=4.0, dtype=torch.float32), torch.rand(6)
    loss = criterion(x, y)
    assert loss.dtype == torch.float32
    torch.testing.assert_close(loss, wg.binary_rwwce(x, y, 0.1, 3.0))
    x64 = x.double()
    torch.testing.assert_close(criterion(x64, y.double()), wg.binary_rwwce(x64, y.double(), 0.1, 3))
    with pytest.raises(LossContractError, match=r"fp_weight=-1\.0; real-world costs"):
        wg.BinaryRWWCELoss(fp_weight=-1.0)


def test_binary_contract_messages():
    x = torch.randn(8)
    with pytest.raises(LossContractError, match=r"target has shape \(8, 1\) but input has shape "
                                                r"\(8,\).*target.view_as\(input\)"):  # fmt: skip
        wg.binary_rwwce(x, torch.rand(8, 1))
    with pytest.raises(LossContractError, match=r"fn_weight of shape \(8, 1\) does not broadcast"):
        wg.binary_rwwce(x, torch.rand(8), torch.rand(8, 1))
    with pytest.raises(LossContractError, match="labels in \\[0, 1\\]"):
        wg.binary_rwwce(x, torch.full((8,), 2.0))
    with pytest.raises(LossContractError, match="input must be a floating-point tensor"):
        wg.binary_rwwce(x.long(), torch.rand(8))
    with pytest.raises(LossContractError, match="fp_weight holds 1 negative"):
        wg.binary_rwwce(x, torch.rand(8), 1.0, torch.tensor(-2.0))
    bool_labels = wg.binary_rwwce(x, torch.arange(8) % 2 == 0)
    torch.testing.assert_close(bool_labels, wg.binary_rwwce(x, (torch.arange(8) % 2 == 0).float()))


# --- sparse costs: time in proportion to the non-zeros ---------------------------------------


def test_a_sparse_fp_weight_over_many_classes_is_never_made_dense():
    """C = 200,000: a dense float32 (C, C) matrix would take 160 GB, beyond this machine; the
    sparse one with three costly pairs runs in a blink and equals the few-column result."""
    classes = 200_000
    pairs = torch.tensor([[3, 7, 11], [5, 2, 9]])
    fp = torch.sparse_coo_tensor(
        pairs, torch.tensor([19.0, 5.0, 2.0]), (classes, classes), check_invariants=True
    )
    logits = _logits(4, classes, dtype=torch.float32).requires_grad_()
    target = torch.tensor([3, 7, 11, 0])
    loss = wg.rwwce(logits, target, None, fp, reduction="none")
    loss.sum().backward()
    p = logits.detach().double().softmax(1)
    expected = -p[torch.arange(4), target].log()
    expected[:3] -= torch.tensor([19.0, 5.0, 2.0], dtype=torch.float64) * torch.log1p(
        -p[torch.arange(3), torch.tensor([5, 2, 9])]
    )
    torch.testing.assert_close(loss.double(), expected, rtol=1e-5, atol=1e-5)
    assert torch.isfinite(logits.grad).all()

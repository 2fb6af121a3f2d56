"""Results follow the data they are given (no stale memo), in every dtype and transform, and
messages say what to do."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg

# A dense cost matrix with one costly column: it takes the cost-column way on CPU.
CLASSES = 16


def _one_costly_column() -> torch.Tensor:
    fp = torch.zeros(CLASSES, CLASSES)
    fp[3, 5] = 2.0
    return fp


def _batch(seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(seed)
    logits = torch.randn(32, CLASSES, generator=generator, dtype=torch.float64).float()
    return logits, torch.randint(0, CLASSES, (32,), generator=generator)


def test_rwwce_follows_costs_edited_through_data_and_numpy():
    logits, target = _batch()
    criterion = wg.RWWCELoss(fp_weight=_one_costly_column())
    criterion(logits, target)
    criterion.fp_weight.data[4, 5] = 7.0  # leaves the buffer's version as it was
    criterion.fp_weight.data[6, 9] = 1.0  # a column that held no cost before
    expected = wg.rwwce(logits, target, None, criterion.fp_weight.clone())
    torch.testing.assert_close(criterion(logits, target), expected, rtol=0, atol=0)

    array = _one_costly_column().numpy()
    shared = torch.from_numpy(array)
    wg.rwwce(logits, target, None, shared)
    array[4, 5] = 7.0
    expected = wg.rwwce(logits, target, None, torch.tensor(array))
    torch.testing.assert_close(wg.rwwce(logits, target, None, shared), expected, rtol=0, atol=0)


def test_a_negative_cost_written_through_data_is_refused_at_full():
    logits, target = _batch()
    criterion = wg.RWWCELoss(fp_weight=_one_costly_column())
    criterion(logits, target)
    criterion.fp_weight.data.copy_(-_one_costly_column())
    with wg.checks("full"), pytest.raises(wg.LossContractError, match="fp_weight"):
        criterion(logits, target)


@pytest.mark.parametrize("costs", ["dense", "one costly column"])
def test_rwwce_gives_gradients_to_costs_and_probability_targets(costs):
    generator = torch.Generator().manual_seed(1)
    classes = CLASSES if costs == "one costly column" else 4
    fp = _one_costly_column().double() if classes == CLASSES else torch.rand(4, 4).double()
    fp = fp.fill_diagonal_(0).requires_grad_()
    fn = (torch.rand(classes, generator=generator, dtype=torch.float64) + 0.5).requires_grad_()
    logits = torch.randn(6, classes, generator=generator, dtype=torch.float64).requires_grad_()
    probabilities = torch.rand(6, classes, generator=generator, dtype=torch.float64)
    probabilities = (probabilities / probabilities.sum(1, keepdim=True)).requires_grad_()
    with wg.checks("off"):  # gradcheck's steps leave the contract (a diagonal cost)
        assert torch.autograd.gradcheck(
            lambda z, t, n, p: wg.rwwce(z, t, n, p), (logits, probabilities, fn, fp)
        )
    loss = wg.rwwce(logits, probabilities, fn, fp)
    assert torch.autograd.grad(loss, fp)[0].diagonal().eq(0).all()  # it prices nothing


def test_rwwce_under_grad_jacrev_and_vmap_matches_the_eager_gradient():
    logits, target = _batch()
    fp = _one_costly_column()

    def loss(z):
        return wg.rwwce(z, target, None, fp)

    leaf = logits.clone().requires_grad_()
    eager = torch.autograd.grad(loss(leaf), leaf)[0]
    torch.testing.assert_close(torch.func.grad(loss)(logits), eager)
    torch.testing.assert_close(torch.func.jacrev(loss)(logits), eager)
    batched = torch.stack([logits, logits * 2])
    torch.testing.assert_close(
        torch.func.vmap(loss)(batched), torch.stack([loss(z) for z in batched])
    )
    binary = torch.func.vmap(lambda z: wg.binary_rwwce(z, (target % 2).float(), 2.0, 3.0))
    torch.testing.assert_close(binary(batched[:, :, 0]).shape, torch.Size([2]))


def test_float16_binary_rwwce_reduces_before_it_rounds():
    generator = torch.Generator().manual_seed(0)
    logits = (torch.randn(20000, generator=generator) * 60000).clamp(-65000, 65000)
    labels = torch.rand(20000, generator=generator).round()
    reference = wg.binary_rwwce(logits.double(), labels.double(), 2.0, 3.0)
    half = wg.binary_rwwce(logits.half(), labels.half(), 2.0, 3.0)
    assert torch.isfinite(half)
    torch.testing.assert_close(half.double(), reference, rtol=1e-3, atol=0)


def test_binary_real_world_cost_is_computed_in_float64():
    logits = torch.tensor([1.0, -1.0, 1.0], dtype=torch.float64)
    labels = torch.tensor([0.0, 1.0, 1.0], dtype=torch.float64)
    assert wg.binary_real_world_cost(logits, labels, 1000.0, 1050.0) == 2050.0 / 3


def test_class_counts_of_uint8_labels_count_every_class():
    labels = torch.tensor([0, 156, 3, 199, 156], dtype=torch.uint8)
    counts = wg.class_counts(labels, 200)
    assert counts[156] == 2 and counts.sum() == 5
    with pytest.raises(ValueError, match="label 255"):
        wg.class_counts(torch.tensor([255, 3], dtype=torch.uint8), 200)


def test_uint8_targets_out_of_range_are_our_error_at_full():
    target = torch.tensor([0, 1, 255, 2], dtype=torch.uint8)
    with wg.checks("full"), pytest.raises(wg.LossContractError, match="class index 255"):
        wg.cross_entropy(torch.randn(4, 3), target, ignore_index=-1)
    with pytest.raises(IndexError):  # PyTorch's own error: the case is real
        F.cross_entropy(torch.randn(4, 3), target, ignore_index=-1)


# -- messages


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: wg.cross_entropy(torch.randn(2, 7, 3), torch.zeros(2, 7, dtype=torch.long)),
         "classes go on axis 1, but input has them last: use input.permute(0, 2, 1)"),
        (lambda: wg.BCELoss()(torch.rand(4), torch.rand(4).double()),
         "target has dtype torch.float64 but input has torch.float32"),
        (lambda: wg.binary_cross_entropy(torch.rand(4), torch.rand(4), weight=2.0),
         "weight must be a torch.Tensor or None, got float"),
        (lambda: wg.binary_cross_entropy_with_logits(torch.rand(4, 3), torch.rand(4, 3),
                                                     pos_weight=np.ones(3)),
         "pos_weight must be a torch.Tensor or None, got numpy.ndarray"),
    ],
)  # fmt: skip
def test_messages_name_the_fix(call, expected):
    with pytest.raises(wg.LossContractError) as raised:
        call()
    assert expected.lower() in str(raised.value).lower()


def test_nll_loss_over_one_class_does_not_speak_of_cross_entropy():
    with pytest.raises(wg.LossContractError) as raised:
        wg.nll_loss(torch.randn(4, 1), torch.zeros(4, dtype=torch.long))
    assert "cross-entropy" not in str(raised.value)
    assert str(raised.value).startswith("nll_loss: ")

"""CrossEntropyLoss holds its weight as a buffer, exactly like PyTorch's."""

from __future__ import annotations

import copy
import io
import pickle

import pytest
import torch
from torch import nn

import wce_guard as wg

C = 4


@pytest.fixture
def criterion() -> wg.CrossEntropyLoss:
    return wg.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0, 4.0]), label_smoothing=0.1)


def test_weight_is_a_buffer_and_the_module_is_a_drop_in(criterion):
    assert dict(criterion.named_buffers()).keys() == {"weight"}
    assert isinstance(criterion, nn.CrossEntropyLoss)
    assert repr(criterion) == "CrossEntropyLoss()"


def test_half_and_to_move_the_weight(criterion):
    logits, target = torch.randn(8, C).half(), torch.randint(0, C, (8,))
    criterion.half()
    assert criterion.weight.dtype == torch.float16
    criterion(logits, target)  # the weight now matches the input's dtype
    criterion.to(torch.float64)
    assert criterion.weight.dtype == torch.float64
    criterion.to("meta")
    assert criterion.weight.device.type == "meta"


def test_state_dict_round_trips_and_matches_pytorchs_keys(criterion):
    buffer = io.BytesIO()
    torch.save(criterion.state_dict(), buffer)
    buffer.seek(0)
    restored = wg.CrossEntropyLoss(weight=torch.zeros(C))
    restored.load_state_dict(torch.load(buffer))
    assert torch.equal(restored.weight, criterion.weight)
    pytorch_criterion = nn.CrossEntropyLoss(weight=torch.zeros(C))
    pytorch_criterion.load_state_dict(criterion.state_dict())  # interchangeable checkpoints
    assert torch.equal(pytorch_criterion.weight, criterion.weight)


@pytest.mark.parametrize(
    "clone",
    [copy.deepcopy, lambda module: pickle.loads(pickle.dumps(module))],
    ids=["deepcopy", "pickle"],
)
def test_copies_keep_weight_settings_and_checks(criterion, clone):
    copied = clone(criterion)
    assert type(copied) is wg.CrossEntropyLoss
    assert torch.equal(copied.weight, criterion.weight)
    assert copied.weight.data_ptr() != criterion.weight.data_ptr()
    assert copied.label_smoothing == 0.1
    logits, target = torch.randn(8, C), torch.randint(0, C, (8,))
    assert torch.equal(copied(logits, target), criterion(logits, target))
    with pytest.raises(wg.LossContractError):
        copied(logits, target[:, None])


def test_works_inside_module_list_and_moves_with_its_parent():
    heads = nn.ModuleList([wg.CrossEntropyLoss(weight=torch.ones(C)) for _ in range(2)])
    model = nn.Module()
    model.losses = heads
    model.to(torch.float64)
    assert all(loss.weight.dtype == torch.float64 for loss in model.losses)
    logits, target = torch.randn(8, C, dtype=torch.float64), torch.randint(0, C, (8,))
    total = sum(loss(logits, target) for loss in model.losses)
    assert total.dtype == torch.float64


def test_without_weight():
    logits, target = torch.randn(8, C), torch.randint(0, C, (8,))
    assert torch.equal(wg.CrossEntropyLoss()(logits, target), nn.CrossEntropyLoss()(logits, target))

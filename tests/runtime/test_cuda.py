"""What only a GPU shows. Skipped without CUDA (CI has none)."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@pytest.fixture
def sync_is_an_error():
    torch.cuda.synchronize()
    torch.cuda.set_sync_debug_mode("error")
    yield
    torch.cuda.set_sync_debug_mode("default")


@pytest.mark.parametrize("shape", [(64, 10), (8, 21, 16, 16), (10,)])
def test_default_level_adds_no_host_device_sync(shape, sync_is_an_error):
    classes = shape[0] if len(shape) == 1 else shape[1]
    index_shape = shape[:1] + shape[2:] if len(shape) > 1 else ()
    logits = torch.randn(shape, device="cuda", requires_grad=True)
    target = torch.randint(0, classes, index_shape, device="cuda")
    weight = torch.rand(classes, device="cuda")
    probabilities = torch.rand(shape, device="cuda").softmax(0 if len(shape) == 1 else 1)
    criterion = wg.CrossEntropyLoss(weight=weight).cuda()
    for _ in range(2):  # the first call validates, the second takes the memoised path
        wg.cross_entropy(logits, target, weight=weight).backward()
        wg.cross_entropy(logits, probabilities, weight=weight, label_smoothing=0.1).backward()
        criterion(logits, target).backward()


def test_results_match_pytorch_on_cuda():
    logits = torch.randn(128, 7, 3, device="cuda", dtype=torch.float16)
    target = torch.randint(0, 7, (128, 3), device="cuda")
    weight = torch.rand(7, device="cuda", dtype=torch.float16)
    for level in ("off", "shapes", "full"):
        with wg.checks(level):
            actual = wg.cross_entropy(logits, target, weight=weight, label_smoothing=0.2)
        expected = F.cross_entropy(logits, target, weight=weight, label_smoothing=0.2)
        torch.testing.assert_close(actual, expected, rtol=0, atol=0)


def test_cpu_weight_with_cuda_input_is_caught():
    logits = torch.randn(4, 3, device="cuda")
    with pytest.raises(wg.LossContractError, match="weight is on cpu but input is on cuda:0"):
        wg.cross_entropy(logits, torch.tensor([0, 1, 2, 0], device="cuda"), weight=torch.ones(3))


def test_cuda_moves_the_module_weight():
    criterion = wg.CrossEntropyLoss(weight=torch.ones(3)).cuda()
    assert criterion.weight.is_cuda
    criterion(torch.randn(4, 3, device="cuda"), torch.tensor([0, 1, 2, 0], device="cuda"))


def test_full_level_finds_out_of_range_targets_on_cuda():
    with wg.checks("full"), pytest.raises(wg.LossContractError, match="class index 9"):
        wg.cross_entropy(
            torch.randn(4, 3, device="cuda"), torch.tensor([0, 9, 2, 0], device="cuda")
        )


def test_class_counts_and_weights_stay_on_the_gpu():
    target = torch.randint(-1, 7, (4, 32, 32), device="cuda")
    counts = wg.class_counts(target, 7, ignore_index=-1)
    assert counts.device.type == "cuda"
    assert counts.cpu().equal(wg.class_counts(target.cpu(), 7, ignore_index=-1))
    weight = wg.class_weights(counts)
    assert (weight.device.type, weight.dtype) == ("cuda", torch.float32)
    with pytest.raises(ValueError, match=r"label 9 at position \(0, 1\)"):
        wg.class_counts(torch.tensor([[0, 9]], device="cuda"), 7)


def test_count_classes_over_gpu_batches():
    batches = [torch.randint(0, 5, (64,), device="cuda") for _ in range(4)]
    counts = wg.count_classes(batches, 5, target=None)
    assert counts.device.type == "cpu"
    assert counts.equal(torch.bincount(torch.cat(batches).cpu(), minlength=5))


@pytest.mark.parametrize("shape", [(64, 10), (8, 21, 16, 16)])
def test_rwwce_at_the_default_level_adds_no_host_device_sync(shape, sync_is_an_error):
    classes = shape[1]
    logits = torch.randn(shape, device="cuda", requires_grad=True)
    target = torch.randint(0, classes, shape[:1] + shape[2:], device="cuda")
    probabilities = torch.rand(shape, device="cuda").softmax(1)
    fn = torch.rand(classes, device="cuda")
    fp = torch.rand(classes, classes, device="cuda").fill_diagonal_(0)
    criterion = wg.RWWCELoss(fn.cpu(), fp.cpu()).cuda()
    binary = wg.BinaryRWWCELoss(20.0, 1.0).cuda()
    for _ in range(2):
        wg.rwwce(logits, target, fn, fp).backward()
        wg.rwwce(logits, target, fn).backward()  # no costs: the one-softmax way, on any device
        wg.rwwce(logits, probabilities, fn, fp, reduction="none").sum().backward()
        criterion(logits, target).backward()
        binary(logits, probabilities).backward()


def test_rwwce_on_cuda_matches_cpu_dense_and_sparse():
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(256, 12, 3, generator=generator) * 50
    target = torch.randint(0, 12, (256, 3), generator=generator)
    target[::7] = -100
    fn = torch.rand(12, generator=generator)
    fp = torch.rand(12, 12, generator=generator) * (torch.rand(12, 12, generator=generator) < 0.2)
    fp.fill_diagonal_(0)
    for costs in (fp, fp.to_sparse()):
        on_cpu = logits.clone().requires_grad_()
        on_gpu = logits.cuda().requires_grad_()
        expected = wg.rwwce(on_cpu, target, fn, costs, reduction="none")
        actual = wg.rwwce(on_gpu, target.cuda(), fn.cuda(), costs.cuda(), reduction="none")
        torch.testing.assert_close(actual.cpu(), expected, rtol=1e-5, atol=1e-5)
        expected.sum().backward()
        actual.sum().backward()
        torch.testing.assert_close(on_gpu.grad.cpu(), on_cpu.grad, rtol=1e-5, atol=1e-6)


def test_rwwce_compiled_on_cuda_matches_eager_and_adds_no_sync(sync_is_an_error):
    """torch.compile traces the pure-expression formulation into Triton kernels."""
    logits = (torch.randn(128, 50, device="cuda") * 30).requires_grad_()
    target = torch.randint(0, 50, (128,), device="cuda")
    fn = torch.rand(50, device="cuda")
    fp = torch.rand(50, 50, device="cuda").fill_diagonal_(0)
    compiled = torch.compile(wg.rwwce, fullgraph=True)
    torch.cuda.set_sync_debug_mode("default")  # compiling itself may sync
    compiled(logits, target, fn, fp)
    torch.cuda.set_sync_debug_mode("error")
    actual = compiled(logits, target, fn, fp)
    (gradient,) = torch.autograd.grad(actual, logits)
    expected = wg.rwwce(logits, target, fn, fp)
    (expected_gradient,) = torch.autograd.grad(expected, logits)
    torch.testing.assert_close(actual, expected, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(gradient, expected_gradient, rtol=1e-5, atol=1e-6)


def test_rwwce_under_cuda_autocast_is_computed_as_without_it():
    logits = torch.randn(32, 6, 4, device="cuda", requires_grad=True)
    probabilities = torch.rand(32, 6, 4, device="cuda").softmax(1)
    fp = torch.rand(6, 6, device="cuda").fill_diagonal_(0)
    expected = wg.rwwce(logits, probabilities, None, fp, reduction="none")
    with torch.autocast("cuda", dtype=torch.float16):
        actual = wg.rwwce(logits, probabilities, None, fp, reduction="none")
    torch.testing.assert_close(actual, expected)


def test_rwwce_costs_on_cuda_are_checked_at_the_full_level():
    logits, target = torch.randn(4, 3, device="cuda"), torch.tensor([0, 1, 2, 0], device="cuda")
    negative = -torch.ones(3, device="cuda")
    with wg.checks("full"), pytest.raises(wg.LossContractError, match="fn_weight holds 3 neg"):
        wg.rwwce(logits, target, negative)


def test_wce_guard_run_at_the_default_level_adds_no_host_device_sync(sync_is_an_error):
    logits = torch.randn(64, 10, device="cuda", requires_grad=True)
    target = torch.randint(0, 10, (64,), device="cuda")
    labels = torch.rand(64, 10, device="cuda").round()
    criterion = torch.nn.CrossEntropyLoss(weight=torch.rand(10)).cuda()
    with wg.guard() as checked:
        for _ in range(2):
            criterion(logits, target).backward()
            F.nll_loss(F.log_softmax(logits, 1), target).backward()
            F.binary_cross_entropy_with_logits(logits, labels).backward()
    assert checked.report()["calls"] == 6

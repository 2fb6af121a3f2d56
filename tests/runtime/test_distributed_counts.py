"""count_classes under torch.distributed: two CPU processes (gloo), each reading half a dataset."""

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.utils.data import DataLoader, Subset, TensorDataset

import wce_guard as wg

CLASSES = 5
# The halves differ: class 3 is only in the first half, class 4 only in the second.
LABELS = torch.tensor([0, 1, 3, 3, 1, 0, 1, 1] * 50 + [0, 4, 2, 2, 4, 0, 0, 2] * 50)

pytestmark = pytest.mark.skipif(not dist.is_available(), reason="torch.distributed is missing")


def count_half(rank: int, init_file: str, results: str) -> None:
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=2)
    try:
        half = len(LABELS) // 2
        indices = range(rank * half, (rank + 1) * half)
        loader = DataLoader(Subset(TensorDataset(LABELS), indices), batch_size=32)
        soft = [torch.eye(CLASSES)[[rank]]] if rank == 0 else [torch.tensor([1])]
        found = {
            "global": wg.count_classes(loader, CLASSES, target=0),
            "local": wg.count_classes(loader, CLASSES, target=0, distributed=False),
            "mixed": wg.count_classes(soft, CLASSES, target=None),
        }
        torch.save(found, f"{results}/{rank}.pt")
    finally:
        dist.destroy_process_group()


def test_every_rank_gets_the_global_counts(tmp_path):
    mp.spawn(count_half, args=(str(tmp_path / "init"), str(tmp_path)), nprocs=2, join=True)
    found = [torch.load(tmp_path / f"{rank}.pt") for rank in range(2)]
    expected = torch.bincount(LABELS, minlength=CLASSES)

    for rank in range(2):
        assert found[rank]["global"].dtype == torch.int64
        assert found[rank]["global"].equal(expected)
        # one rank's probability targets make everyone's counts float64
        assert found[rank]["mixed"].tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]
    # each rank really read only its half
    assert (found[0]["local"] + found[1]["local"]).equal(expected)
    assert found[0]["local"][4] == 0 and found[1]["local"][3] == 0

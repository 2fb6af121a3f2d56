# DistributedDataParallel on one GPU per process: the model goes to the local rank's GPU, the
# BCEWithLogitsLoss with its pos_weight does not. Learned from the DDP train_func of
# ray-project/ray issue #33011 ("Expected all tensors to be on the same device") and
# dmlc/dgl issue #1840 (BCEWithLogitsLoss on GPU, fixed by moving the loss).
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel as DDP

from model import ChestXrayNet


def main():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    model = DDP(ChestXrayNet(num_findings=14).to(local_rank), device_ids=[local_rank])
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.full((14,), 3.0))  # expect: WCE301
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    loader = torch.load(f"shards/train_{dist.get_rank()}.pt")
    for images, findings in loader:
        images, findings = images.cuda(local_rank), findings.cuda(local_rank).float()
        loss = criterion(model(images), findings)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    dist.destroy_process_group()


if __name__ == "__main__":
    main()

# Reproduces Turoad/lanedet, lanedet/models/heads/exist_head.py and lane_seg.py: the exist head
# returns {'exist': torch.sigmoid(x)} and the loss applies BCEWithLogitsLoss to output['exist']
# (https://github.com/Turoad/lanedet/issues/32, "it seems that the sigmoid function used twice").
import torch
import torch.nn.functional as F
from torch import nn

from lanes.detector import LaneDetector


def train_one_epoch(model, loader, optimizer, cfg, device):
    weights = torch.ones(cfg["num_lanes"] + 1, device=device)
    weights[0] = cfg["bg_weight"]
    criterion = nn.NLLLoss(ignore_index=cfg["ignore_label"], weight=weights)
    criterion_exist = nn.BCEWithLogitsLoss()
    model.train()
    for step, batch in enumerate(loader):
        img = batch["img"].to(device)
        output = model(img)
        seg_loss = criterion(F.log_softmax(output["seg"], dim=1), batch["mask"].long().to(device))
        lane_exist = batch["lane_exist"].float().to(device)
        exist_loss = 0.1 * criterion_exist(output["exist"], lane_exist)  # expect: WCE104
        loss = seg_loss + exist_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            print(f"step {step}: seg {seg_loss.item():.4f} exist {exist_loss.item():.4f}")


if __name__ == "__main__":
    from torchvision.models import vgg16_bn

    cfg = {"num_lanes": 4, "bg_weight": 0.4, "ignore_label": 255, "lr": 0.025, "epochs": 12}
    device = "cuda" if torch.cuda.is_available() else "cpu"
    trunk = vgg16_bn(weights=None).features[:33]
    backbone = nn.Sequential(trunk, nn.Conv2d(512, 128, 1))
    model = LaneDetector(backbone, num_lanes=cfg["num_lanes"]).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)
    loader = torch.load("culane_train_loader.pt")
    for _ in range(cfg["epochs"]):
        train_one_epoch(model, loader, optimizer, cfg, device)

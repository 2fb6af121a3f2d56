# Lane detection heads in the manner of Turoad/lanedet (lanedet/models/heads/exist_head.py and
# lane_seg.py) without the sigmoid that issue #32 found before BCEWithLogitsLoss: the exist head
# softmaxes a segmentation map but then applies Linear layers, so its output is logits; the seg
# loss is log_softmax + NLLLoss; sigmoid only thresholds lanes at test time.
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models import resnet18

from heads import ExistHead, SegHead

NUM_CLASSES = 5  # background + 4 lanes


class LaneNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(*list(resnet18(weights="DEFAULT").children())[:-3])
        self.seg = SegHead(256, NUM_CLASSES)
        self.exist = ExistHead(256, NUM_CLASSES, feat_h=18, feat_w=50)

    def forward(self, images):
        feats = self.backbone(images)
        seg = F.interpolate(self.seg(feats), size=images.shape[-2:], mode="bilinear")
        return seg, self.exist(feats)


def train(loader, epochs=12, device="cuda"):
    net = LaneNet().to(device)
    weights = torch.tensor([0.4, 1.0, 1.0, 1.0, 1.0], device=device)
    seg_criterion = nn.NLLLoss(ignore_index=255, weight=weights)
    exist_criterion = nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.025, momentum=0.9, weight_decay=1e-4)
    for epoch in range(epochs):
        net.train()
        for images, label, lane_exist in loader:
            images, label = images.to(device), label.to(device)
            lane_exist = lane_exist.to(device).float()
            seg, exist = net(images)
            seg_loss = seg_criterion(F.log_softmax(seg, dim=1), label)
            exist_loss = exist_criterion(exist, lane_exist)
            loss = seg_loss + 0.1 * exist_loss
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            present = (torch.sigmoid(exist) > 0.5).float().mean()
        print(
            f"epoch {epoch}: seg {seg_loss.item():.4f} exist {exist_loss.item():.4f} "
            f"lanes present {present:.2f}"
        )
    return net


if __name__ == "__main__":
    train(torch.load("data/culane_loader.pt"))

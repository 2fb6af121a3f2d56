import torch.nn.functional as F
from torch import nn

from heads import ExistHead


class LaneDetector(nn.Module):
    def __init__(self, backbone, feat_dim, num_lanes=4):
        super().__init__()
        self.backbone = backbone
        self.seg = nn.Conv2d(128, num_lanes + 1, 1)
        self.exist = ExistHead(feat_dim, num_lanes)

    def forward(self, img):
        feats = self.backbone(img)
        out = {"seg": F.interpolate(self.seg(feats), size=img.shape[2:], mode="bilinear")}
        out.update(self.exist(F.avg_pool2d(feats, 4)))
        return out

import torch
import torch.nn.functional as F
from torch import nn


class GatedShapeNet(nn.Module):
    """Segmentation stream plus a shape stream that predicts an edge map."""

    def __init__(self, backbone, num_classes, feat_channels=256):
        super().__init__()
        self.backbone = backbone
        self.seg_head = nn.Sequential(
            nn.Conv2d(feat_channels + 1, 256, 3, padding=1, bias=False),
            nn.BatchNorm2d(256),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, num_classes, 1),
        )
        self.shape_stream = nn.Sequential(
            nn.Conv2d(feat_channels, 64, 1), nn.ReLU(inplace=True), nn.Conv2d(64, 1, 1)
        )
        self.sigmoid = nn.Sigmoid()

    def forward(self, image):
        size = image.shape[2:]
        feats = self.backbone(image)
        cs = self.shape_stream(feats)
        cs = F.interpolate(cs, size, mode="bilinear", align_corners=True)
        edge_out = self.sigmoid(cs)
        fused = torch.cat([F.interpolate(feats, size, mode="bilinear"), edge_out], dim=1)
        seg_out = self.seg_head(fused)
        return seg_out, edge_out

from torch import nn

from .heads import ExistHead, SegDecoder


class LaneDetector(nn.Module):
    def __init__(self, backbone, in_channels=128, num_lanes=4, feat_hw=(36, 100)):
        super().__init__()
        self.backbone = backbone
        self.decoder = SegDecoder(in_channels, num_lanes + 1)
        self.exist = ExistHead(in_channels, num_lanes + 1, feat_hw)

    def forward(self, img):
        feats = self.backbone(img)
        return {"seg": self.decoder(feats, img.shape[2:]), "exist": self.exist(feats)}

import torch.nn as nn
import torch.nn.functional as F


class OpenSetNet(nn.Module):
    """Known classes plus one extra "unknown" column, trained on outlier exposure data."""

    def __init__(self, backbone, feat_dim, n_known):
        super().__init__()
        self.backbone = backbone
        self.n_known = n_known
        self.classifier = nn.Linear(feat_dim, n_known + 1)

    def forward(self, x):
        feats = self.backbone(x).flatten(1)
        return F.softmax(self.classifier(feats), dim=1)

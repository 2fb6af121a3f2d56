import torch
import torch.nn as nn
from torchvision.models import densenet121


class ChestXrayNet(nn.Module):
    """DenseNet-121 with one output per radiological finding (multi-label)."""

    def __init__(self, n_findings=14, pretrained=True):
        super().__init__()
        self.backbone = densenet121(weights="IMAGENET1K_V1" if pretrained else None)
        in_features = self.backbone.classifier.in_features
        self.backbone.classifier = nn.Linear(in_features, n_findings)

    def forward(self, x):
        return torch.sigmoid(self.backbone(x))

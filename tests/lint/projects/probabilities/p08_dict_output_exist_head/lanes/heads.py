import torch
import torch.nn.functional as F
from torch import nn


class SegDecoder(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.dropout = nn.Dropout2d(0.1)
        self.conv = nn.Conv2d(in_channels, num_classes, 1)

    def forward(self, x, size):
        x = self.conv(self.dropout(x))
        return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


class ExistHead(nn.Module):
    """Predicts, for each of the lanes, whether it exists in the image."""

    def __init__(self, in_channels, num_classes, feat_hw):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, num_classes, 1)
        h, w = feat_hw
        self.fc9 = nn.Linear(num_classes * (h // 2) * (w // 2), 128)
        self.fc10 = nn.Linear(128, num_classes - 1)

    def forward(self, x):
        x = F.softmax(self.conv(x), dim=1)
        x = F.avg_pool2d(x, 2, stride=2)
        x = F.relu(self.fc9(x.flatten(1)))
        x = self.fc10(x)
        return torch.sigmoid(x)

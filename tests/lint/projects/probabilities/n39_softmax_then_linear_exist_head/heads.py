import torch.nn as nn
import torch.nn.functional as F


class SegHead(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, num_classes, 1)

    def forward(self, x):
        return self.conv(x)


class ExistHead(nn.Module):
    """Which of the lanes are present: softmax of a seg map, pooled, then two linear layers.

    The softmax is an input feature here; the last Linear gives logits (no sigmoid).
    """

    def __init__(self, in_channels, num_classes, feat_h, feat_w):
        super().__init__()
        self.dropout = nn.Dropout2d(0.1)
        self.conv8 = nn.Conv2d(in_channels, num_classes, 1)
        self.fc9 = nn.Linear(num_classes * (feat_h // 2) * (feat_w // 2), 128)
        self.fc10 = nn.Linear(128, num_classes - 1)

    def forward(self, x):
        x = self.conv8(self.dropout(x))
        x = F.softmax(x, dim=1)
        x = F.avg_pool2d(x, 2, stride=2)
        x = x.view(-1, x.numel() // x.shape[0])
        x = F.relu(self.fc9(x))
        return self.fc10(x)

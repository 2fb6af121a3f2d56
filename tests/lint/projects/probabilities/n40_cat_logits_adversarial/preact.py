import torch.nn as nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.bn1, self.bn2 = nn.BatchNorm2d(c_in), nn.BatchNorm2d(c_out)
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.shortcut = None
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Conv2d(c_in, c_out, 1, stride, bias=False)

    def forward(self, x):
        out = F.relu(self.bn1(x))
        skip = self.shortcut(out) if self.shortcut is not None else x
        out = self.conv1(out)
        return self.conv2(F.relu(self.bn2(out))) + skip


class PreActNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.layers = nn.Sequential(
            PreActBlock(64, 64),
            PreActBlock(64, 128, 2),
            PreActBlock(128, 256, 2),
            PreActBlock(256, 512, 2),
        )
        self.bn = nn.BatchNorm2d(512)
        self.linear = nn.Linear(512, n_classes)

    def forward(self, x):
        out = F.relu(self.bn(self.layers(self.stem(x))))
        return self.linear(F.adaptive_avg_pool2d(out, 1).flatten(1))

import torch.nn as nn


class BasicBlock(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.bn1, self.bn2 = (
            nn.BatchNorm2d(c_in, momentum=0.001),
            nn.BatchNorm2d(c_out, momentum=0.001),
        )
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, 1, 1, bias=False)
        self.act = nn.LeakyReLU(0.1)
        self.shortcut = (
            nn.Identity()
            if c_in == c_out and stride == 1
            else nn.Conv2d(c_in, c_out, 1, stride, bias=False)
        )

    def forward(self, x):
        out = self.conv1(self.act(self.bn1(x)))
        return self.conv2(self.act(self.bn2(out))) + self.shortcut(x)


class WideResNet(nn.Module):
    def __init__(self, num_classes=10, widen=2):
        super().__init__()
        widths = [16, 16 * widen, 32 * widen, 64 * widen]
        self.stem = nn.Conv2d(3, widths[0], 3, 1, 1, bias=False)
        self.blocks = nn.Sequential(
            BasicBlock(widths[0], widths[1], 1),
            BasicBlock(widths[1], widths[2], 2),
            BasicBlock(widths[2], widths[3], 2),
        )
        self.pool = nn.Sequential(
            nn.BatchNorm2d(widths[3]), nn.LeakyReLU(0.1), nn.AdaptiveAvgPool2d(1), nn.Flatten()
        )
        self.fc = nn.Linear(widths[3], num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.blocks(self.stem(x))))

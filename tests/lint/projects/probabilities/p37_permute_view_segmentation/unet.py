import torch
import torch.nn as nn


def double_conv(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=1),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


class SmallUNet(nn.Module):
    def __init__(self, in_channels=3, n_classes=6, width=32):
        super().__init__()
        self.down1 = double_conv(in_channels, width)
        self.down2 = double_conv(width, 2 * width)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(2 * width, width, 2, stride=2)
        self.fuse = double_conv(2 * width, width)
        self.head = nn.Sequential(nn.Conv2d(width, n_classes, 1), nn.Softmax(dim=1))

    def forward(self, x):
        skip = self.down1(x)
        x = self.down2(self.pool(skip))
        x = self.fuse(torch.cat([self.up(x), skip], dim=1))
        return self.head(x)

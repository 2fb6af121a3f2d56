import torch
from torch import nn


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, n_classes, width=32):
        super().__init__()
        self.down = block(3, width)
        self.bottom = block(width, width * 2)
        self.up = nn.ConvTranspose2d(width * 2, width, 2, stride=2)
        self.out = nn.Conv2d(width * 2, n_classes, 1)

    def forward(self, x):
        skip = self.down(x)
        h = self.up(self.bottom(nn.functional.max_pool2d(skip, 2)))
        return self.out(torch.cat([skip, h], dim=1))

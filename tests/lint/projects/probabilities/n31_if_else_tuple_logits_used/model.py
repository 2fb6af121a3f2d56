import torch.nn as nn
import torch.nn.functional as F


def conv_bn(c_in, c_out):
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU())


class SegNet(nn.Module):
    """Returns the class score maps and their softmax."""

    def __init__(self, input_channels, output_channels):
        super().__init__()
        self.enc1 = nn.Sequential(conv_bn(input_channels, 64), conv_bn(64, 64))
        self.enc2 = nn.Sequential(conv_bn(64, 128), conv_bn(128, 128))
        self.dec2 = nn.Sequential(conv_bn(128, 128), conv_bn(128, 64))
        self.dec1 = nn.Sequential(conv_bn(64, 64), nn.Conv2d(64, output_channels, 3, padding=1))

    def forward(self, image):
        x, idx1 = F.max_pool2d(self.enc1(image), 2, 2, return_indices=True)
        x, idx2 = F.max_pool2d(self.enc2(x), 2, 2, return_indices=True)
        x = self.dec2(F.max_unpool2d(x, idx2, 2, 2))
        scores = self.dec1(F.max_unpool2d(x, idx1, 2, 2))
        return scores, F.softmax(scores, dim=1)

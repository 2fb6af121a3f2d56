import torch.nn as nn
import torch.nn.functional as F


class SegNet(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(in_channels, 64, 3, padding=1), nn.ReLU())
        self.decoder = nn.Conv2d(64, num_classes, 3, padding=1)

    def forward(self, x):
        logits = self.decoder(self.encoder(x))
        return logits, F.softmax(logits, dim=1)

import torch.nn as nn
import torch.nn.functional as F
from attention import AttentionHead


class Baseline(nn.Module):
    def __init__(self, features=64, classes=5):
        super().__init__()
        self.encoder = nn.Sequential(nn.Flatten(), nn.LazyLinear(features), nn.ReLU())
        self.head = AttentionHead(features, classes)

    def forward(self, images, labels):
        logits = self.head(self.encoder(images))
        return logits, F.cross_entropy(logits, labels)

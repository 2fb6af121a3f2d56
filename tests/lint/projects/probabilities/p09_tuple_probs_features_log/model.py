import torch.nn.functional as F
from torch import nn


class EmbeddingNet(nn.Module):
    """Small CNN that returns class probabilities and the embedding used by the center loss."""

    def __init__(self, num_classes, embed_dim=128):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 5, padding=2),
            nn.PReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2),
            nn.PReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, embed_dim),
            nn.PReLU(),
        )
        self.classifier = nn.Linear(embed_dim, num_classes)

    def forward(self, x):
        features = self.body(x)
        probs = F.softmax(self.classifier(features), dim=1)
        return probs, features

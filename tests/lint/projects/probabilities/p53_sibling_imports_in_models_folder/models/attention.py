# Reproduces gitabcworld/MatchingNetworks, models/MatchingNetwork.py and its siblings: the
# modules of models/ import each other by bare name (`from AttentionalClassify import ...`,
# Python 2's implicit relative imports); here the classifier head ends in softmax and the
# network computes F.cross_entropy on it.
import torch.nn as nn


class AttentionHead(nn.Module):
    def __init__(self, features, classes):
        super().__init__()
        self.fc = nn.Linear(features, classes)
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        return self.softmax(self.fc(x))

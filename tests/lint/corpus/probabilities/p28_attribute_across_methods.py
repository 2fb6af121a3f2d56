import torch.nn.functional as F
from torch import nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 4)
        self.criterion = nn.CrossEntropyLoss()

    def forward(self, x):
        self.probs = F.softmax(self.fc(x), dim=1)
        return self.probs

    def loss(self, y):
        return self.criterion(self.probs, y)  # expect: WCE101

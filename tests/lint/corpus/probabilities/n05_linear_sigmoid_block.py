import torch
from torch import nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(64, 1)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        return self.linear(x)

    def predict(self, x):
        return self.sigmoid(self.linear(x))


block = Block()
criterion = nn.BCEWithLogitsLoss()
loss = criterion(block(x), y)
scores = block.predict(x)

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(32, 8)
        self.softmax = nn.Softmax(dim=-1)
        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)

    def forward(self, x):
        return self.softmax(self.backbone(x))

    def training_step(self, batch):
        x, y = batch
        probs = self.forward(x)
        return self.criterion(probs, y)  # expect: WCE101

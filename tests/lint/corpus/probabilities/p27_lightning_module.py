import torch
import torch.nn.functional as F
from torch import nn


class LitClassifier(nn.Module):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(512, 10)

    def forward(self, x):
        features = self.backbone(x)
        return F.softmax(self.head(features), dim=1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self.forward(x), y)  # expect: WCE101
        return loss

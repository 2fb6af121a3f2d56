import torch
from torch import nn


class ExistHead(nn.Module):
    def __init__(self, in_features, num_lanes):
        super().__init__()
        self.fc1 = nn.Linear(in_features, 128)
        self.fc2 = nn.Linear(128, num_lanes)

    def forward(self, x):
        logits = self.fc2(torch.relu(self.fc1(x.flatten(1))))
        return {"exist_logits": logits, "exist_probs": torch.sigmoid(logits)}

import torch
import torch.nn.functional as F
from torch import nn


class Model(nn.Module):
    def __init__(self, weights):
        super().__init__()
        self.fc = nn.Linear(16, 3)
        self.register_buffer("class_weights", torch.tensor(weights))

    def loss(self, x, y):
        return F.cross_entropy(self.fc(x), y, weight=self.class_weights)


model = Model([1.0, 2.0, 3.0]).to("cuda")

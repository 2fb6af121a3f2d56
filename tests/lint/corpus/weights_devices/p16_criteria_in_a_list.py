import torch
from torch import nn


class MultiTask(nn.Module):
    def __init__(self):
        super().__init__()
        w = torch.tensor([1.0, 3.0])
        self.losses = [nn.CrossEntropyLoss(weight=w), nn.CrossEntropyLoss()]  # expect: WCE301


model = MultiTask().to("cuda")

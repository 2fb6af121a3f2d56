import torch
from torch import nn

import models


class Net(models.Net):
    """Serving graph: same layers, probabilities out, for the TorchServe handler."""

    def forward(self, x):
        return torch.softmax(super().forward(x), dim=1)


def load_for_serving(path):
    net = Net()
    net.load_state_dict(torch.load(path, map_location="cpu"))
    return net.eval()

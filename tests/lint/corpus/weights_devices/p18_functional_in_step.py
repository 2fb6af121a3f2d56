import torch
import torch.nn.functional as F

device = "cuda:0"
weight = torch.ones(10)
weight[3] = 5.0


def train_step(model, x, y):
    x, y = x.to(device), y.to(device)
    return F.nll_loss(F.log_softmax(model(x), 1), y, weight=weight)  # expect: WCE302

import torch
from torch import nn

loss_fn = nn.CrossEntropyLoss(ignore_index=-100)


def compute_loss(pred, y):
    return loss_fn(pred.reshape(-1, pred.size(-1)), y.reshape(-1))


class RunningMetrics:
    def __init__(self):
        self.nll = 0.0
        self.correct = 0
        self.count = 0

    def update(self, probs, y):
        flat = probs.reshape(-1, probs.size(-1))
        target = y.reshape(-1)
        keep = target.ne(-100)
        self.correct += flat[keep].argmax(-1).eq(target[keep]).sum().item()
        self.count += keep.sum().item()

    def accuracy(self):
        return self.correct / max(self.count, 1)


def top_k_tokens(probs, k=5):
    return torch.topk(probs, k, dim=-1).indices

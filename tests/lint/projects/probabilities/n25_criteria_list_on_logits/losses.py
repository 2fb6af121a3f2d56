import torch
from torch import nn


class SupConLoss(nn.Module):
    def __init__(self, temperature=0.07):
        super().__init__()
        self.temperature = temperature

    def forward(self, z, labels):
        sim = z @ z.t() / self.temperature
        eye = torch.eye(len(z), dtype=torch.bool, device=z.device)
        sim = sim.masked_fill(eye, float("-inf"))
        positives = labels[:, None].eq(labels[None, :]) & ~eye
        log_prob = sim - torch.logsumexp(sim, dim=1, keepdim=True)
        return -(log_prob.masked_fill(~positives, 0).sum(1) / positives.sum(1).clamp(min=1)).mean()


def build_criteria(temperature=0.07, smoothing=0.0):
    return [nn.CrossEntropyLoss(label_smoothing=smoothing), SupConLoss(temperature)]

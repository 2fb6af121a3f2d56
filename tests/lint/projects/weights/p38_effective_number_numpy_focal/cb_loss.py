import numpy as np
import torch
import torch.nn.functional as F


def cb_weights(samples_per_cls, no_of_classes, beta):
    effective_num = 1.0 - np.power(beta, samples_per_cls)
    weights = (1.0 - beta) / np.array(effective_num)  # expect: WCE202
    weights = weights / np.sum(weights) * no_of_classes
    return torch.tensor(weights, dtype=torch.float32)


def cb_focal_loss(logits, labels, weights, gamma=2.0):
    ce = F.cross_entropy(logits, labels, weight=weights, reduction="none")
    p_t = torch.exp(-F.cross_entropy(logits, labels, reduction="none"))
    return ((1 - p_t) ** gamma * ce).sum() / weights[labels].sum()

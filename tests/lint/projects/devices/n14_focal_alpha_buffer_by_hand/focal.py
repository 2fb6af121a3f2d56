# Correct counterpart of p22: the focal loss registers alpha as a buffer, so FocalLoss(...)
# .to(device) moves it before it is indexed with the GPU targets (clcarwin/focal_loss_pytorch
# issue #4 and yatengLG/Focal-Loss-Pytorch issue #17 report the CPU alpha).
import torch
import torch.nn.functional as F
from torch import nn


class FocalLoss(nn.Module):
    def __init__(self, alpha, gamma=2.0):
        super().__init__()
        self.register_buffer("alpha", torch.tensor(alpha, dtype=torch.float32))
        self.gamma = gamma

    def forward(self, logits, target):
        logpt = F.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
        pt = logpt.exp()
        loss = -self.alpha[target] * (1 - pt) ** self.gamma * logpt
        return loss.mean()

# A focal loss that keeps its per-class alpha as a plain tensor attribute and applies it by
# hand; FocalLoss(...).to(device) does not move it. Learned from clcarwin/focal_loss_pytorch
# issue #4 and yatengLG/Focal-Loss-Pytorch issue #17 ("Expected object of backend CPU but got
# backend CUDA" at self.alpha.gather).
import torch
import torch.nn.functional as F
from torch import nn


class FocalLoss(nn.Module):
    def __init__(self, alpha, gamma=2.0):
        super().__init__()
        self.alpha = torch.tensor(alpha, dtype=torch.float32)
        self.gamma = gamma

    def forward(self, logits, target):
        logpt = F.log_softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1)
        pt = logpt.exp()
        loss = -self.alpha[target] * (1 - pt) ** self.gamma * logpt  # expect: WCE303
        return loss.mean()

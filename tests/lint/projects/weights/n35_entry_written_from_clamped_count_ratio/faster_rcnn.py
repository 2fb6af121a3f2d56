# The head of p56 (longcw/faster_rcnn_pytorch) with the background count clamped: a batch of
# foreground RoIs only gives the background a finite weight.
import torch
import torch.nn as nn
import torch.nn.functional as F


class RCNNHead(nn.Module):
    def __init__(self, features, num_classes):
        super().__init__()
        self.score_fc = nn.Linear(features, num_classes)

    def forward(self, pooled, labels):
        cls_score = self.score_fc(pooled)
        cls_prob = F.softmax(cls_score, dim=1)
        if self.training:
            self.cross_entropy = self.build_loss(cls_score, labels)
        return cls_prob

    def build_loss(self, cls_score, label):
        fg_cnt = torch.sum(label.ne(0))
        bg_cnt = (label.numel() - fg_cnt).clamp(min=1)
        ce_weights = torch.ones(cls_score.size(1))
        ce_weights[0] = float(fg_cnt) / bg_cnt
        ce_weights = ce_weights.cuda()
        return F.cross_entropy(cls_score, label, weight=ce_weights)

# A model whose multi-label head keeps pos_weight as a plain tensor attribute and computes its
# own loss; model.cuda() leaves the attribute on the CPU. Learned from kierensharma/FluxGAT
# pull request #4 ("Fix pos_weight device placement": pos_weight made on the model's device).
import torch
import torch.nn.functional as F
from torch import nn


class MultiLabelHead(nn.Module):
    def __init__(self, in_features, num_labels, pos_weight):
        super().__init__()
        self.fc = nn.Linear(in_features, num_labels)
        self.pos_weight = torch.as_tensor(pos_weight, dtype=torch.float32)

    def forward(self, h):
        return self.fc(h)

    def loss(self, h, targets):
        logits = self(h)
        return F.binary_cross_entropy_with_logits(
            logits, targets, pos_weight=self.pos_weight  # expect: WCE302
        )


class ProteinFunctionNet(nn.Module):
    def __init__(self, embed_dim=1280, num_go_terms=500, pos_weight=None):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(embed_dim, 512), nn.GELU(), nn.Dropout(0.1))
        self.head = MultiLabelHead(512, num_go_terms, pos_weight or [10.0] * num_go_terms)

    def forward(self, x):
        return self.head(self.trunk(x))

import torch
import torch.nn as nn
import torch.nn.functional as F


class AttentionMIL(nn.Module):
    """Attention-based MIL pooling (Ilse et al., 2018) with a multi-class head.

    Each bag holds N patch embeddings; the softmax attention weights them into one bag
    embedding, and a linear layer gives the bag's class logits.
    """

    def __init__(self, in_dim=1024, hidden=256, attn_dim=128, n_classes=3):
        super().__init__()
        self.embed = nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(), nn.Dropout(0.25))
        self.attention = nn.Sequential(
            nn.Linear(hidden, attn_dim), nn.Tanh(), nn.Linear(attn_dim, 1)
        )
        self.classifier = nn.Linear(hidden, n_classes)

    def forward(self, bags, mask):
        # bags: (B, N, in_dim), mask: (B, N) True for real patches
        h = self.embed(bags)
        scores = self.attention(h).transpose(1, 2)  # (B, 1, N)
        scores = scores.masked_fill(~mask.unsqueeze(1), float("-inf"))
        weights = F.softmax(scores, dim=-1)
        pooled = torch.bmm(weights, h).squeeze(1)  # (B, hidden)
        return self.classifier(pooled), weights.squeeze(1)

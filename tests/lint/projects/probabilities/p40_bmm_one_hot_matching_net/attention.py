import torch.nn as nn
import torch.nn.functional as F


class CosineDistance(nn.Module):
    def forward(self, support_set, query, eps=1e-10):
        # support_set: (B, S, D), query: (B, D) -> similarities (B, S)
        support = F.normalize(support_set, dim=-1, eps=eps)
        return (support @ F.normalize(query, dim=-1, eps=eps).unsqueeze(-1)).squeeze(-1)


class AttentionalClassify(nn.Module):
    """Attention over the support set, read out through the support labels."""

    def forward(self, similarities, support_labels, n_way):
        # similarities: (B, S); support_labels: class index of each support image (B, S)
        support_set_y = F.one_hot(support_labels, n_way).float()  # (B, S, n_way)
        attention = F.softmax(similarities, dim=1)
        preds = attention.unsqueeze(1).bmm(support_set_y).squeeze(1)
        return preds

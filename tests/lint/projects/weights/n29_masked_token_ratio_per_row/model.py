import torch
from torch import nn


class MaskedTokenEmbeddings(nn.Module):
    """Token dropout: the embeddings of a sequence are rescaled by the share of its tokens
    that are not masked (a count per row, not a count per class)."""

    def __init__(self, vocab, dim, mask_id):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.mask_id = mask_id

    def forward(self, ids, attention_mask):
        x = self.embed(ids).masked_fill((ids == self.mask_id).unsqueeze(-1), 0.0)
        lengths = attention_mask.sum(-1)
        observed = (ids == self.mask_id).sum(-1).float() / lengths
        return x * (1 - 0.12) / (1 - observed)[:, None, None]


class Tagger(nn.Module):
    def __init__(self, vocab, dim, n_tags, mask_id):
        super().__init__()
        self.embeddings = MaskedTokenEmbeddings(vocab, dim, mask_id)
        self.head = nn.Linear(dim, n_tags)

    def forward(self, ids, attention_mask):
        return self.head(self.embeddings(ids, attention_mask))

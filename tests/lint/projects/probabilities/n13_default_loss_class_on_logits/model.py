import torch
from torch import nn

from outputs import BinaryOutput


class WideAndDeep(nn.Module):
    def __init__(self, cardinalities, dense_dim, embed_dim=32):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(c, embed_dim) for c in cardinalities)
        self.deep = nn.Sequential(
            nn.Linear(dense_dim + embed_dim * len(cardinalities), 256),
            nn.ReLU(),
            nn.Linear(256, 64),
            nn.ReLU(),
        )
        self.output = BinaryOutput(64)

    def hidden(self, batch):
        sparse = [emb(batch["sparse"][:, i]) for i, emb in enumerate(self.embeddings)]
        return self.deep(torch.cat([batch["dense"], *sparse], dim=1))

import torch
from torch import nn

from outputs import BinaryOutput


class DLRMLike(nn.Module):
    def __init__(self, cardinalities, dense_dim, embed_dim=64):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(c, embed_dim) for c in cardinalities)
        self.bottom = nn.Sequential(nn.Linear(dense_dim, 128), nn.ReLU(), nn.Linear(128, embed_dim))
        n = len(cardinalities) + 1
        self.top = nn.Sequential(
            nn.Linear(embed_dim * n, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU()
        )
        self.output = BinaryOutput(64)

    def hidden(self, batch):
        dense = self.bottom(batch["dense"])
        sparse = [emb(batch["sparse"][:, i]) for i, emb in enumerate(self.embeddings)]
        return self.top(torch.cat([dense, *sparse], dim=1))

    def forward(self, batch):
        return self.output(self.hidden(batch))

import torch
import torch.nn as nn


class TabularMLP(nn.Module):
    """forward() gives logits for training; predict_proba() gives probabilities for reports."""

    def __init__(self, n_numeric, cardinalities, n_classes, emb_dim=8, hidden=256):
        super().__init__()
        self.embeddings = nn.ModuleList(nn.Embedding(c, emb_dim) for c in cardinalities)
        width = n_numeric + emb_dim * len(cardinalities)
        self.mlp = nn.Sequential(
            nn.Linear(width, hidden),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Linear(hidden, n_classes),
        )

    def forward(self, numeric, categorical):
        embedded = [emb(categorical[:, i]) for i, emb in enumerate(self.embeddings)]
        return self.mlp(torch.cat([numeric, *embedded], dim=1))

    @torch.no_grad()
    def predict_proba(self, numeric, categorical):
        return torch.softmax(self.forward(numeric, categorical), dim=1)

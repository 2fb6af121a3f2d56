import torch
import torch.nn.functional as F
from torch import nn


class TextCNN(nn.Module):
    def __init__(
        self, vocab_size, embed_dim=300, n_filters=100, sizes=(3, 4, 5), n_classes=4, dropout=0.5
    ):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_dim, padding_idx=0)
        self.convs = nn.ModuleList(nn.Conv1d(embed_dim, n_filters, k) for k in sizes)
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(n_filters * len(sizes), n_classes)

    def forward(self, tokens):
        x = self.embed(tokens).transpose(1, 2)
        pooled = [F.relu(conv(x)).max(dim=2).values for conv in self.convs]
        out = self.fc(self.dropout(torch.cat(pooled, dim=1)))
        return F.log_softmax(out, dim=-1)

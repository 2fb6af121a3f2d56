import torch
from torch import nn


class TextCNN(nn.Module):
    def __init__(self, vocab_size, num_classes, dim=128, widths=(3, 4, 5)):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.convs = nn.ModuleList(nn.Conv1d(dim, 100, w) for w in widths)
        self.fc = nn.Linear(100 * len(widths), num_classes)

    def forward(self, tokens):
        h = self.embed(tokens).transpose(1, 2)
        pooled = [conv(h).relu().max(dim=2).values for conv in self.convs]
        return self.fc(torch.cat(pooled, dim=1))

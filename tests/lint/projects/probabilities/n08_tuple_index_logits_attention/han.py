import torch
import torch.nn.functional as F
from torch import nn


class AttentionPool(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.proj = nn.Linear(hidden, hidden)
        self.context = nn.Linear(hidden, 1, bias=False)

    def forward(self, states, mask):
        scores = self.context(torch.tanh(self.proj(states))).squeeze(-1)
        weights = F.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
        return (weights.unsqueeze(-1) * states).sum(1), weights


class AttentionClassifier(nn.Module):
    def __init__(self, vocab_size, n_classes, embed=200, hidden=100):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
        self.gru = nn.GRU(embed, hidden, batch_first=True, bidirectional=True)
        self.pool = AttentionPool(2 * hidden)
        self.fc = nn.Linear(2 * hidden, n_classes)

    def forward(self, tokens):
        states, _ = self.gru(self.embed(tokens))
        doc, weights = self.pool(states, tokens.ne(0))
        return self.fc(doc), weights

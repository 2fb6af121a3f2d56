import torch
import torch.nn.functional as F
from torch import nn


class GraphAttentionLayer(nn.Module):
    def __init__(self, in_features, out_features, dropout, alpha):
        super().__init__()
        self.W = nn.Linear(in_features, out_features, bias=False)
        self.a = nn.Linear(2 * out_features, 1, bias=False)
        self.dropout = dropout
        self.leakyrelu = nn.LeakyReLU(alpha)

    def forward(self, h, adj):
        wh = self.W(h)
        n = wh.size(0)
        pairs = torch.cat([wh.repeat_interleave(n, 0), wh.repeat(n, 1)], dim=1).view(n, n, -1)
        e = self.leakyrelu(self.a(pairs).squeeze(-1))
        e = e.masked_fill(adj == 0, float("-inf"))
        attention = F.dropout(torch.softmax(e, dim=1), self.dropout, self.training)
        return F.elu(attention @ wh)


class StockGAT(nn.Module):
    """Text + price encoder per stock, graph attention across stocks, up/down per stock."""

    def __init__(self, nfeat, nhid, nclass, dropout, alpha, nheads):
        super().__init__()
        self.text_gru = nn.GRU(nfeat, nfeat, batch_first=True)
        self.price_gru = nn.GRU(3, nfeat, batch_first=True)
        self.heads = nn.ModuleList(
            [GraphAttentionLayer(2 * nfeat, nhid, dropout, alpha) for _ in range(nheads)]
        )
        self.out = nn.Linear(nhid * nheads, nclass)

    def forward(self, text, price, adj):
        _, t = self.text_gru(text)
        _, p = self.price_gru(price)
        x = torch.cat([t[-1], p[-1]], dim=1)
        x = torch.cat([head(x, adj) for head in self.heads], dim=1)
        return self.out(x)

import torch.nn as nn
import torch.nn.functional as F


class BiGRUTagger(nn.Module):
    def __init__(self, vocab_size, n_tags, emb_dim=128, hidden=256, pad_idx=0):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_idx)
        self.gru = nn.GRU(emb_dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)

    def forward(self, tokens):
        h, _ = self.gru(self.embed(tokens))
        return F.log_softmax(self.out(h), dim=-1)

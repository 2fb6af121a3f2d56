import torch.nn as nn


class BiLSTMTagger(nn.Module):
    """Word embeddings, a bidirectional LSTM, a distribution over the tag set at every token."""

    def __init__(self, vocab_size, n_tags, emb_dim=100, hidden=128, pad_idx=0):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(
            emb_dim, hidden, num_layers=2, batch_first=True, bidirectional=True, dropout=0.3
        )
        self.proj = nn.Linear(2 * hidden, n_tags)
        self.softmax = nn.Softmax(dim=-1)

    def forward(self, tokens):
        h, _ = self.lstm(self.embed(tokens))
        return self.softmax(self.proj(h))

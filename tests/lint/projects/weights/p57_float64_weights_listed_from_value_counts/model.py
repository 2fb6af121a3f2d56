import torch.nn as nn


class TweetClassifier(nn.Module):
    def __init__(self, n_class, vocab_size=20_000, hidden=128):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, hidden)
        self.out = nn.Linear(hidden, n_class)

    def forward(self, tokens):
        return self.out(self.embed(tokens))

from torch import nn


class CharCNN(nn.Module):
    def __init__(self, n_langs, vocab=256, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.conv = nn.Conv1d(dim, 128, 5)
        self.out = nn.Linear(128, n_langs)

    def forward(self, chars):
        h = self.conv(self.embed(chars).transpose(1, 2)).amax(dim=2)
        return self.out(h)

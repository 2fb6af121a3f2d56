from torch import nn


class CharLSTM(nn.Module):
    def __init__(self, vocab_size, embed=128, hidden=512, layers=2, dropout=0.2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed)
        self.rnn = nn.LSTM(embed, hidden, layers, dropout=dropout, batch_first=True)
        self.proj = nn.Linear(hidden, vocab_size)

    def forward(self, tokens, state=None):
        out, state = self.rnn(self.embed(tokens), state)
        return self.proj(out), state

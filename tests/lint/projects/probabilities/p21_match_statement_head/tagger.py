from torch import nn

from heads import TaggerHead


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, num_tags, embed=100, hidden=200, output="softmax"):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed, padding_idx=0)
        self.lstm = nn.LSTM(embed, hidden, batch_first=True, bidirectional=True)
        self.head = TaggerHead(2 * hidden, num_tags, kind=output)

    def forward(self, tokens):
        states, _ = self.lstm(self.embed(tokens))
        return self.head(states)

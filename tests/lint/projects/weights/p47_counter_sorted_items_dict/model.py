from torch import nn


class TopicClassifier(nn.Module):
    def __init__(self, n_topics, vocab_size=60000, dim=200):
        super().__init__()
        self.embed = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.out = nn.Linear(dim, n_topics)

    def forward(self, token_ids, offsets):
        return self.out(self.embed(token_ids, offsets))

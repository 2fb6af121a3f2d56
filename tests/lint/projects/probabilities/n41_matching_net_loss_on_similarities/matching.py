# A matching-network episode with the fix gitabcworld/MatchingNetworks issue #5 asks for (no
# softmax before the loss): F.cross_entropy gets the scaled cosine similarities averaged per
# class through the one-hot support labels (still logits); the softmax attention read through
# the labels with bmm is computed too, but only for accuracy.
import torch
import torch.nn as nn
import torch.nn.functional as F

from episodes import sample_episode


class Embedding(nn.Module):
    def __init__(self, channels=1, width=64):
        super().__init__()
        layers = []
        for i in range(4):
            layers += [
                nn.Conv2d(channels if i == 0 else width, width, 3, padding=1),
                nn.BatchNorm2d(width),
                nn.ReLU(),
                nn.MaxPool2d(2),
            ]
        self.net = nn.Sequential(*layers, nn.Flatten())

    def forward(self, x):
        return self.net(x)


def episode_loss(embed, support, support_y, query, query_y, scale=10.0):
    s = F.normalize(embed(support), dim=-1)
    q = F.normalize(embed(query), dim=-1)
    similarities = scale * q @ s.t()  # (Q, S)
    class_scores = similarities @ support_y / support_y.sum(0)  # (Q, n_way), still logits
    loss = F.cross_entropy(class_scores, query_y)

    attention = F.softmax(similarities, dim=1)
    preds = attention.unsqueeze(0).bmm(support_y.unsqueeze(0)).squeeze(0)
    accuracy = (preds.argmax(1) == query_y).float().mean()
    return loss, accuracy


if __name__ == "__main__":
    images = torch.load("data/omniglot_background.pt")
    embed = Embedding()
    optimizer = torch.optim.Adam(embed.parameters(), lr=1e-3)
    for step in range(20000):
        loss, acc = episode_loss(embed, *sample_episode(images, n_way=5, k_shot=1, n_query=15))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 200 == 0:
            print(f"step {step}: loss {loss.item():.4f} accuracy {acc.item():.3f}")

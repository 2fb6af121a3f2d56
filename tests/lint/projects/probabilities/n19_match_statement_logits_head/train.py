import torch
from torch import nn

from tagger import BiLSTMTagger


def main(epochs=30, lr=1e-3):
    batches, vocab_size, num_tags = torch.load("conll03_batches.pt")
    model = BiLSTMTagger(vocab_size, num_tags)
    criterion = nn.CrossEntropyLoss(ignore_index=-100)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    for epoch in range(epochs):
        model.train()
        for tokens, tags in batches:
            optimizer.zero_grad()
            scores = model(tokens)
            loss = criterion(scores.reshape(-1, num_tags), tags.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
        model.eval()
        with torch.no_grad():
            uncertain = model.tag_marginals(tokens).max(-1).values.lt(0.6).float().mean()
        print(f"epoch {epoch}: loss {loss.item():.4f}, uncertain tokens {uncertain:.3f}")


if __name__ == "__main__":
    main()

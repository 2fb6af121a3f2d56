import argparse

import torch
from torch import nn

from tagger import BiLSTMTagger


def main():
    parser = argparse.ArgumentParser(description="BiLSTM NER tagger on CoNLL-2003")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()

    batches, vocab_size, num_tags = torch.load("conll03_batches.pt")
    model = BiLSTMTagger(vocab_size, num_tags)
    criterion = nn.CrossEntropyLoss(ignore_index=-100)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)

    for epoch in range(args.epochs):
        model.train()
        for tokens, tags in batches:
            optimizer.zero_grad()
            scores = model(tokens)
            loss = criterion(scores.reshape(-1, num_tags), tags.reshape(-1))  # expect: WCE101
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

# CoNLL NER tagger: the model ends in nn.Softmax over tags; the (B, T, C) scores are transposed
# to (B, C, T), the layout the loss wants, and given to nn.NLLLoss.
import functools

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from tagger.model import BiLSTMTagger
from tagger.conll import PAD_TAG, collate, read_conll


def build_vocab(sentences):
    words = {"<pad>": 0, "<unk>": 1}
    tags = {}
    for ws, ts in sentences:
        for w in ws:
            words.setdefault(w.lower(), len(words))
        for t in ts:
            tags.setdefault(t, len(tags))
    return words, tags


def train(train_path="conll2003/train.txt", epochs=20, lr=1e-3):
    sentences = read_conll(train_path)
    word_ids, tag_ids = build_vocab(sentences)
    loader = DataLoader(
        sentences,
        batch_size=32,
        shuffle=True,
        collate_fn=functools.partial(collate, word_ids=word_ids, tag_ids=tag_ids),
    )
    tagger = BiLSTMTagger(len(word_ids), len(tag_ids))
    criterion = nn.NLLLoss(ignore_index=PAD_TAG)
    optimizer = torch.optim.Adam(tagger.parameters(), lr=lr)

    for epoch in range(epochs):
        tagger.train()
        total = 0.0
        for tokens, tags in loader:
            scores = tagger(tokens)
            loss = criterion(scores.transpose(1, 2), tags)  # expect: WCE103
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(tagger.parameters(), 5.0)
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total / len(loader):.4f}")
    return tagger, word_ids, tag_ids


if __name__ == "__main__":
    model, words, tags = train()
    torch.save({"model": model.state_dict(), "words": words, "tags": tags}, "ner_tagger.pt")

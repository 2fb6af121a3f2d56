# Intent-classifier weights total / n over counts written as sum(1 for r in records if ...)
# for every label name: an intent with no example in this data file gives total / 0.
# Learned from webis-de/small-text issue #39 ("Class weighting causes nan values in loss"
# when the labelled set has no example of some class).
import torch
from torch import nn

from prepare import class_weights, load_records

LABELS = ["greet", "order", "cancel", "refund", "complaint", "other"]

records = load_records("intents_train.jsonl")
encoder = nn.EmbeddingBag(50000, 256)
classifier = nn.Linear(256, len(LABELS))
criterion = nn.CrossEntropyLoss(weight=class_weights(records, LABELS))
params = list(encoder.parameters()) + list(classifier.parameters())
optimizer = torch.optim.Adam(params, lr=1e-3)
for token_ids, offsets, target in torch.load("intent_batches.pt"):
    loss = criterion(classifier(encoder(token_ids, offsets)), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

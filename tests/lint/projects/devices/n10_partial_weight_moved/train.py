# Correct counterpart of p14: the weight bound by functools.partial is moved to the device
# first, as daili0015/ModelFeast (models/loss.py) does with w = w.cuda() before its weighted
# loss functions.
from functools import partial

import torch
import torch.nn.functional as F
from transformers import AutoModelForSequenceClassification

device = torch.device("cuda")
INTENT_WEIGHTS = torch.tensor([1.0, 1.0, 2.0, 4.0, 4.0])
INTENT_WEIGHTS = INTENT_WEIGHTS.to(device)
loss_fn = partial(F.cross_entropy, weight=INTENT_WEIGHTS, label_smoothing=0.05)


def main():
    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert-base-uncased", num_labels=5
    )
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    for batch in torch.load("intent_batches.pt"):
        batch = {k: v.to(device) for k, v in batch.items()}
        labels = batch.pop("labels")
        loss = loss_fn(model(**batch).logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    main()

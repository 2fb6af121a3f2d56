# functools.partial binds a CPU class weight to F.cross_entropy; the batches go to model.device
# (a transformers model on the GPU). The module-level weighted loss functions are those of
# daili0015/ModelFeast (models/loss.py, cls_loss with a module-level weight w), here without
# its w.cuda().
from functools import partial

import torch
import torch.nn.functional as F
from transformers import AutoModelForSequenceClassification

INTENT_WEIGHTS = torch.tensor([1.0, 1.0, 2.0, 4.0, 4.0])
loss_fn = partial(F.cross_entropy, weight=INTENT_WEIGHTS, label_smoothing=0.05)  # expect: WCE302


def main():
    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert-base-uncased", num_labels=5
    )
    model.to("cuda")
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    for batch in torch.load("intent_batches.pt"):
        batch = {k: v.to(model.device) for k, v in batch.items()}
        labels = batch.pop("labels")
        loss = loss_fn(model(**batch).logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    main()

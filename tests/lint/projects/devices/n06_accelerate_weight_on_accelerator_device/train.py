# Correct counterpart of p05: the weight of the criterion is moved to accelerator.device, the
# device accelerate placed the model on (accelerate's examples/nlp_example.py loop).
import torch
from accelerate import Accelerator
from torch import nn
from transformers import AutoModelForSequenceClassification

from data import get_dataloaders

LABEL_WEIGHTS = [0.6, 1.0, 2.4]


def training_function(epochs=3, lr=2e-5):
    accelerator = Accelerator(mixed_precision="bf16")
    train_dl, eval_dl = get_dataloaders(batch_size=32)
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-cased", num_labels=3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    model, optimizer, train_dl, eval_dl = accelerator.prepare(model, optimizer, train_dl, eval_dl)
    weight = torch.tensor(LABEL_WEIGHTS).to(accelerator.device)
    criterion = nn.CrossEntropyLoss(weight=weight)
    for epoch in range(epochs):
        model.train()
        for batch in train_dl:
            labels = batch.pop("labels")
            loss = criterion(model(**batch).logits, labels)
            accelerator.backward(loss)
            optimizer.step()
            optimizer.zero_grad()
        accelerator.print(f"epoch {epoch} done")


if __name__ == "__main__":
    training_function()

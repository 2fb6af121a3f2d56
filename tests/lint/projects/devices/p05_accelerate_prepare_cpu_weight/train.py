# accelerate places the model on the GPU in accelerator.prepare, so no .to() is visible; the
# weighted criterion made after it stays on the CPU. The loop follows accelerate's
# examples/nlp_example.py; the weighted criterion is the case of pytorch/pytorch issue #122757
# ("the weights were on the cpu ... someone forgets to put the weights on cuda").
import torch
from accelerate import Accelerator
from torch import nn
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from data import get_dataloaders

LABEL_WEIGHTS = [0.6, 1.0, 2.4]


def training_function(epochs=3, lr=2e-5):
    accelerator = Accelerator(mixed_precision="bf16")
    train_dl, eval_dl = get_dataloaders(batch_size=32)
    model = AutoModelForSequenceClassification.from_pretrained("bert-base-cased", num_labels=3)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    scheduler = get_linear_schedule_with_warmup(optimizer, 100, len(train_dl) * epochs)
    model, optimizer, train_dl, eval_dl, scheduler = accelerator.prepare(
        model, optimizer, train_dl, eval_dl, scheduler
    )
    criterion = nn.CrossEntropyLoss(weight=torch.tensor(LABEL_WEIGHTS))  # expect: WCE301
    for epoch in range(epochs):
        model.train()
        for batch in train_dl:
            labels = batch.pop("labels")
            logits = model(**batch).logits
            loss = criterion(logits, labels)
            accelerator.backward(loss)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        accelerator.print(f"epoch {epoch} done")


if __name__ == "__main__":
    training_function()

import torch
from torch import nn


def train_epoch(model, loader, optimizer, device, criterion=nn.CrossEntropyLoss()):
    model.train()
    losses, accuracy = 0.0, 0.0
    for batch in loader:
        input_ids, attention_mask, token_type_ids, label_ids = (t.to(device) for t in batch)
        output = model(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=token_type_ids,
        )
        loss = criterion(output, label_ids)  # expect: WCE101
        losses += loss.item()
        accuracy += (output.argmax(dim=1) == label_ids).float().mean().item()
        model.zero_grad()
        loss.backward()
        optimizer.step()
    return losses / len(loader), accuracy / len(loader)


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    for batch in loader:
        input_ids, attention_mask, token_type_ids, label_ids = (t.to(device) for t in batch)
        pred = model(input_ids, attention_mask, token_type_ids).argmax(dim=1)
        correct += (pred == label_ids).sum().item()
        total += label_ids.numel()
    return correct / max(total, 1)

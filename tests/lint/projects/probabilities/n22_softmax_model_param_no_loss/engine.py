import torch


def train(model, loader, criterion, optimizer, device):
    model.train()
    for mels, labels in loader:
        mels, labels = mels.to(device), labels.to(device)
        optimizer.zero_grad()
        loss = criterion(model(mels), labels)
        loss.backward()
        optimizer.step()


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    for mels, labels in loader:
        scores = model(mels.to(device))
        correct += scores.argmax(1).eq(labels.to(device)).sum().item()
        total += labels.numel()
    return correct / total

import torch
from tqdm import tqdm


def forward_step(model, clips, labels, criterion, mode=""):
    # a new batch is not the continuation of the previous sequence
    model.reset_hidden_state()
    if mode == "test":
        with torch.no_grad():
            output = model(clips)
    else:
        output = model(clips)
    loss = criterion(output, labels)  # expect: WCE101
    predicted = output.detach().argmax(dim=1)
    correct = (predicted == labels).sum().item()
    return loss, correct, predicted.cpu()


def train_model(model, loader, device, optimizer, criterion):
    model.train()
    total_loss, total_correct = 0.0, 0
    for clips, labels in tqdm(loader):
        clips, labels = clips.to(device), labels.to(device)
        optimizer.zero_grad()
        loss, correct, _ = forward_step(model, clips, labels, criterion, mode="train")
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        total_correct += correct
    return total_loss / len(loader), 100.0 * total_correct / len(loader.dataset)


def test_model(model, loader, device, criterion):
    model.eval()
    total_loss, total_correct = 0.0, 0
    for clips, labels in tqdm(loader):
        clips, labels = clips.to(device), labels.to(device)
        loss, correct, _ = forward_step(model, clips, labels, criterion, mode="test")
        total_loss += loss.item()
        total_correct += correct
    return total_loss / len(loader), 100.0 * total_correct / len(loader.dataset)

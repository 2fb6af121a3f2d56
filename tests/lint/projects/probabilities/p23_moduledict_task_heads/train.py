import torch
from torch import nn

from multitask import MultiTaskNet

TASKS = {"species": 37, "pose": 4}


def train_epoch(model, loader, optimizer, device, task_weights=None):
    task_weights = task_weights or {name: 1.0 for name in TASKS}
    criterion = nn.CrossEntropyLoss()
    model.train()
    for images, targets in loader:
        images = images.to(device)
        out = model(images)
        loss = 0.0
        for name in TASKS:
            target = targets[name].to(device)
            loss = loss + task_weights[name] * criterion(out[name], target)  # expect: WCE101
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = MultiTaskNet(TASKS).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
    loader = torch.load("pets_multitask_loader.pt")
    for epoch in range(20):
        train_epoch(model, loader, optimizer, device, {"species": 1.0, "pose": 0.5})

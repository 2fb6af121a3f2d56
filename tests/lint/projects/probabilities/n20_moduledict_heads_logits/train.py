import torch
from torch import nn

from multitask import MultiTaskNet

TASKS = {"species": 37, "pose": 4}


def train_epoch(model, loader, optimizer, device, task_weights):
    criterion = nn.CrossEntropyLoss()
    model.train()
    for images, targets in loader:
        out = model(images.to(device))
        loss = sum(
            task_weights[name] * criterion(out[name], targets[name].to(device)) for name in TASKS
        )
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


@torch.no_grad()
def top_confidence(model, images):
    model.eval()
    return {name: probs.max(dim=1).values for name, probs in model.predict(images).items()}


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = MultiTaskNet(TASKS).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.05)
    loader = torch.load("pets_multitask_loader.pt")
    for epoch in range(20):
        train_epoch(model, loader, optimizer, device, {"species": 1.0, "pose": 0.5})

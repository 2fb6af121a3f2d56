import torch

from losses import build_criteria
from model import SupConClassifier


def train_epoch(model, loader, optimizer, criteria, lam=0.5, device="cpu"):
    model.train()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        probs, z = model(images)
        loss = criteria[0](probs, labels) + lam * criteria[1](z, labels)  # expect: WCE101
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = SupConClassifier().to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9, weight_decay=1e-4)
    criteria = build_criteria(temperature=0.1)
    loader = torch.load("cifar100_twocrop_loader.pt")
    for epoch in range(500):
        train_epoch(model, loader, optimizer, criteria, device=device)

import torch
import torch.nn.functional as F
from torch import nn

from model import WideResNetClassifier


def train_step(
    model, labeled, unlabeled_weak, unlabeled_strong, optimizer, threshold=0.95, lambda_u=1.0
):
    images, targets = labeled
    criterion = nn.CrossEntropyLoss()

    logits_x, _ = model(images)
    supervised = criterion(logits_x, targets)

    with torch.no_grad():
        _, probs_weak = model(unlabeled_weak)
        max_probs, pseudo = probs_weak.max(dim=1)
        mask = max_probs.ge(threshold).float()
    logits_strong, _ = model(unlabeled_strong)
    unsupervised = (F.cross_entropy(logits_strong, pseudo, reduction="none") * mask).mean()

    loss = supervised + lambda_u * unsupervised
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), mask.mean().item()


if __name__ == "__main__":
    model = WideResNetClassifier()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9, nesterov=True)
    labeled_loader, unlabeled_loader = torch.load("cifar10_250_labels.pt")
    for labeled, (weak, strong) in zip(labeled_loader, unlabeled_loader):
        print(train_step(model, labeled, weak, strong, optimizer))

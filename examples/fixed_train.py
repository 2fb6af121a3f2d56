"""The script of buggy_train.py, fixed. ``wce-guard lint examples/fixed_train.py`` is clean.

python examples/fixed_train.py
"""

import torch
import torch.nn.functional as F
from torch import nn

import wce_guard as wg

CLASSES = 5
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, classes))

    def forward(self, x):
        return self.body(x)  # logits: the loss applies log-softmax itself


def main() -> None:
    torch.manual_seed(0)
    features = torch.randn(512, 8)
    labels = torch.randint(0, CLASSES, (512,))
    labels[labels == 2] = 3  # class 2 never occurs in this data
    model = Classifier(8, CLASSES).to(device)
    counts = wg.class_counts(labels, num_classes=CLASSES)  # always CLASSES entries
    weights = wg.class_weights(counts, on_zero="zero")  # absent class: weight 0, not inf
    criterion = wg.CrossEntropyLoss(weight=weights).to(device)  # the weight moves with it
    optimiser = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(20):
        x, y = features.to(device), labels.to(device)
        loss = criterion(model(x), y)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    log_probs = F.log_softmax(model(x), dim=1)
    print(f"loss {loss.item():.4f}, nll {F.nll_loss(log_probs, y).item():.4f}")


if __name__ == "__main__":
    main()

"""A training script with the mistakes wce-guard exists for. Do not copy it: see fixed_train.py.

    wce-guard lint examples/buggy_train.py

It runs (python examples/buggy_train.py) and trains, which is the problem: nothing fails. The
model is worse than it should be, the weight of the absent class is inf (a NaN loss the day it
shows up), and the script breaks on a GPU, or when the last class is absent from the data.
"""

import torch
import torch.nn.functional as F
from torch import nn

CLASSES = 5
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class Classifier(nn.Module):
    def __init__(self, features: int, classes: int) -> None:
        super().__init__()
        self.body = nn.Sequential(nn.Linear(features, 32), nn.ReLU(), nn.Linear(32, classes))
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        return self.softmax(self.body(x))  # probabilities, "for convenience"


def main() -> None:
    torch.manual_seed(0)
    features = torch.randn(512, 8)
    labels = torch.randint(0, CLASSES, (512,))
    labels[labels == 2] = 3  # class 2 never occurs in this data
    model = Classifier(8, CLASSES).to(device)
    counts = torch.bincount(labels)  # one entry short when the last class is absent
    weights = 1.0 / counts  # inf for a class with no sample
    criterion = nn.CrossEntropyLoss(weight=weights)  # a CPU weight, GPU inputs
    optimiser = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(20):
        x, y = features.to(device), labels.to(device)
        loss = criterion(model(x), y)  # softmax output fed to cross-entropy
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    log_probs = torch.log(F.softmax(model.body(x), dim=1))  # -inf when a probability underflows
    print(f"loss {loss.item():.4f}, nll {F.nll_loss(log_probs, y).item():.4f}")


if __name__ == "__main__":
    main()

"""Train a small classifier on imbalanced synthetic data with wce_guard's checked loss.

    python examples/train_imbalanced.py [--epochs 12] [--device cpu|cuda]

Five overlapping Gaussian classes with 4000, 1500, 400, 100 and 40 training samples. The same
model is trained twice, with plain and with class-weighted cross-entropy, and the per-class
recall of both is printed: the weights trade a little majority-class recall for much better
recall on the rare classes. No download; about 10 s on two CPU cores; uses CUDA when present.
"""

from __future__ import annotations

import argparse
import time

import torch
from torch import nn

import wce_guard as wg

CLASS_SIZES = [4000, 1500, 400, 100, 40]
FEATURES = 16


def make_data(
    centres: torch.Tensor, sizes: list[int], generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    features = [
        centres[c] + torch.randn(n, FEATURES, generator=generator) for c, n in enumerate(sizes)
    ]
    labels = [torch.full((n,), c) for c, n in enumerate(sizes)]
    return torch.cat(features), torch.cat(labels)


def train(criterion: nn.Module, data, device: torch.device, epochs: int, seed: int) -> nn.Module:
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(FEATURES, 64), nn.ReLU(), nn.Linear(64, len(CLASS_SIZES)))
    model.to(device)
    criterion.to(device)  # the weight is a buffer of the criterion: it moves too
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    features, labels = (tensor.to(device) for tensor in data)
    for epoch in range(epochs):
        order = torch.randperm(len(labels), device=device)
        for start in range(0, len(labels), 128):
            batch = order[start : start + 128]
            # Check values too (targets in range, weights finite) on the first epoch only:
            # the full level costs a host-device synchronisation per step.
            with wg.checks("full" if epoch == 0 else "shapes"):
                loss = criterion(model(features[batch]), labels[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return model


@torch.no_grad()
def recall_per_class(model: nn.Module, features: torch.Tensor, labels: torch.Tensor) -> list[float]:
    predicted = model(features).argmax(1)
    return [(predicted[labels == c] == c).float().mean().item() for c in range(len(CLASS_SIZES))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = parser.parse_args()
    device = torch.device(args.device)
    started = time.perf_counter()

    generator = torch.Generator().manual_seed(args.seed)
    centres = torch.randn(len(CLASS_SIZES), FEATURES, generator=generator) * 0.55
    train_data = make_data(centres, CLASS_SIZES, generator)
    test_features, test_labels = make_data(centres, [400] * len(CLASS_SIZES), generator)
    # Counts over the whole training set (a mini-batch often lacks the rare classes); a class
    # with no sample would be an error naming it, not an infinite weight.
    counts = wg.class_counts(train_data[1], num_classes=len(CLASS_SIZES))
    weights = wg.class_weights(counts, scheme="balanced")
    print(f"training samples per class: {CLASS_SIZES}")
    print(f"balanced class weights:     {[round(w, 2) for w in weights.tolist()]}")

    rows = {}
    for name, criterion in [
        ("plain cross-entropy", wg.CrossEntropyLoss()),
        ("weighted cross-entropy", wg.CrossEntropyLoss(weight=weights)),
    ]:
        model = train(criterion, train_data, device, args.epochs, args.seed)
        rows[name] = recall_per_class(model, test_features.to(device), test_labels.to(device))

    print(f"\nrecall per class on a balanced test set ({device.type}):")
    print(
        f"{'':24s}" + "".join(f"{f'class {c}':>9s}" for c in range(len(CLASS_SIZES))) + "     mean"
    )
    for name, recalls in rows.items():
        mean = sum(recalls) / len(recalls)
        print(f"{name:24s}" + "".join(f"{r:9.2f}" for r in recalls) + f"{mean:9.3f}")
    print(f"\ndone in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

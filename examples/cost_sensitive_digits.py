"""Cost-sensitive training on scikit-learn's digits: when one mistake costs 20 times the others.

The scenario of Ho & Wookey (2020): mistaking digit i for digit j costs 20, any other mistake
costs 1. The same small network is trained three ways, over several seeds and digit pairs:

- cross-entropy, which treats every mistake alike;
- class-weighted cross-entropy, weight 20 on class i (the usual first attempt: it makes every
  mistake on i costly, not the one that is);
- RWWCE with fn_weight = 1 and fp_weight[i, j] = 19, the cost of that one mistake.

and the table reports test accuracy, the count of the costly mistake i -> j, and the real-world
cost (the average cost per test example), as mean +- standard deviation over the runs.

    python examples/cost_sensitive_digits.py            # about a minute on 2 cores
    python examples/cost_sensitive_digits.py --quick    # a smoke run
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import wce_guard as wg

CLASSES = 10
COSTLY = 20.0  # the cost of the one expensive mistake; every other mistake costs 1
# digit pairs (true, mistaken for) that a small network confuses now and then
PAIRS = [(3, 8), (9, 3), (1, 8), (7, 9), (4, 1), (8, 1)]


def data(seed: int):
    digits = load_digits()
    features = torch.tensor(digits.data, dtype=torch.float32) / 16.0
    labels = torch.tensor(digits.target)
    train_x, test_x, train_y, test_y = train_test_split(
        features, labels, test_size=0.5, random_state=seed, stratify=labels
    )
    return train_x, train_y, test_x, test_y


def costs_for(pair: tuple[int, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """fn_weight = 1 for every class, fp_weight[i, j] = COSTLY - 1: mistake i -> j costs 20."""
    fn_weight = torch.ones(CLASSES)
    fp_weight = torch.zeros(CLASSES, CLASSES)
    fp_weight[pair] = COSTLY - 1
    return fn_weight, fp_weight


def losses_for(pair: tuple[int, int]) -> dict[str, torch.nn.Module]:
    fn_weight, fp_weight = costs_for(pair)
    class_weight = torch.ones(CLASSES)
    class_weight[pair[0]] = COSTLY
    return {
        "cross-entropy": wg.CrossEntropyLoss(),
        f"weighted CE (w[i] = {COSTLY:g})": wg.CrossEntropyLoss(weight=class_weight),
        "RWWCE": wg.RWWCELoss(fn_weight, fp_weight),
    }


def train(criterion, train_x, train_y, seed: int, epochs: int) -> torch.nn.Module:
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, CLASSES)
    )
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        for batch in torch.randperm(len(train_y), generator=generator).split(64):
            optimiser.zero_grad()
            criterion(model(train_x[batch]), train_y[batch]).backward()
            optimiser.step()
    return model


def evaluate(model, test_x, test_y, pair) -> tuple[float, int, float]:
    with torch.no_grad():
        logits = model(test_x)
    predicted = logits.argmax(1)
    accuracy = float((predicted == test_y).float().mean())
    costly = int(((test_y == pair[0]) & (predicted == pair[1])).sum())
    fn_weight, fp_weight = costs_for(pair)
    return accuracy, costly, wg.real_world_cost(logits, test_y, fn_weight, fp_weight)


def spread(values: list[float], digits: int) -> str:
    deviation = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{digits}f} +- {deviation:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 seeds, 2 pairs, 5 epochs")
    parser.add_argument("--seeds", type=int, default=5)
    arguments = parser.parse_args()
    seeds = range(2 if arguments.quick else arguments.seeds)
    pairs = PAIRS[:2] if arguments.quick else PAIRS
    epochs = 5 if arguments.quick else 40
    torch.set_num_threads(1)  # tiny tensors: threads cost more than they give

    start = time.perf_counter()
    results: dict[str, list[tuple[float, int, float]]] = {}
    by_pair: dict[tuple[int, int], dict[str, list[tuple[float, int, float]]]] = {}
    for seed in seeds:
        train_x, train_y, test_x, test_y = data(seed)
        for pair in pairs:
            for name, criterion in losses_for(pair).items():
                model = train(criterion, train_x, train_y, seed, epochs)
                outcome = evaluate(model, test_x, test_y, pair)
                results.setdefault(name, []).append(outcome)
                by_pair.setdefault(pair, {}).setdefault(name, []).append(outcome)

    runs = len(seeds) * len(pairs)
    print(
        f"digits, {runs} runs ({len(seeds)} seeds x {len(pairs)} pairs i -> j), mistake "
        f"i -> j costs {COSTLY:g}, any other 1; test set {len(test_y)} images"
    )
    print()
    print("| loss | accuracy | i -> j mistakes per run | real-world cost per example |")
    print("|---|---:|---:|---:|")
    for name, rows in results.items():
        accuracy, costly, cost = zip(*rows, strict=True)
        print(f"| {name} | {spread(accuracy, 4)} | {spread(costly, 2)} | {spread(cost, 4)} |")
    print()
    print("per pair, mean over seeds: i -> j mistakes / real-world cost")
    print()
    print("| pair i -> j | " + " | ".join(results) + " |")
    print("|---|" + "---:|" * len(results))
    for (true, mistaken), outcomes in by_pair.items():
        cells = [
            f"{statistics.mean(r[1] for r in rows):.1f} / {statistics.mean(r[2] for r in rows):.4f}"
            for rows in outcomes.values()
        ]
        print(f"| {true} -> {mistaken} | " + " | ".join(cells) + " |")
    baseline = [cost for _, _, cost in results["cross-entropy"]]
    rwwce = [cost for _, _, cost in results["RWWCE"]]
    pairs_of_runs = list(zip(rwwce, baseline, strict=True))
    lower = sum(r < b for r, b in pairs_of_runs)
    equal = sum(r == b for r, b in pairs_of_runs)
    print()
    print(
        f"RWWCE against cross-entropy, run by run: cost lower in {lower}, equal in {equal}, "
        f"higher in {runs - lower - equal} of {runs} ({time.perf_counter() - start:.0f} s)"
    )


if __name__ == "__main__":
    main()

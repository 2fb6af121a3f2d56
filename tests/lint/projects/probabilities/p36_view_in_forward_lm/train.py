# Reproduces bkitano/llama-from-scratch (the "SimpleBrokenModel" of the notebook): the logits
# are softmaxed inside forward, then reshaped with .view(-1, vocab_size) and given to
# F.cross_entropy (https://github.com/bkitano/llama-from-scratch/issues/5).
import time

import numpy as np
import torch

from model import BigramMLP

MASTER_CONFIG = {
    "batch_size": 32,
    "context_window": 16,
    "d_model": 128,
    "epochs": 1000,
    "log_interval": 50,
}

lines = open("input.txt").read()
vocab = sorted(set(lines))
itos = dict(enumerate(vocab))
stoi = {ch: i for i, ch in enumerate(vocab)}
MASTER_CONFIG["vocab_size"] = len(vocab)
dataset = torch.tensor([stoi[ch] for ch in lines], dtype=torch.int8)


def get_batches(data, split, batch_size, context_window):
    train = data[: int(0.8 * len(data))]
    val = data[int(0.8 * len(data)) : int(0.9 * len(data))]
    source = train if split == "train" else val
    ix = torch.randint(0, source.size(0) - context_window - 1, (batch_size,))
    x = torch.stack([source[i : i + context_window] for i in ix]).long()
    y = torch.stack([source[i + 1 : i + context_window + 1] for i in ix]).long()
    return x, y


@torch.no_grad()
def evaluate_loss(model, config):
    out = {}
    model.eval()
    for split in ("train", "val"):
        losses = []
        for _ in range(10):
            xb, yb = get_batches(dataset, split, config["batch_size"], config["context_window"])
            _, loss = model(xb, yb)
            losses.append(loss.item())
        out[split] = np.mean(losses)
    model.train()
    return out


def train(model, optimizer, config):
    start = time.time()
    for epoch in range(config["epochs"]):
        optimizer.zero_grad()
        xs, ys = get_batches(dataset, "train", config["batch_size"], config["context_window"])
        logits, loss = model(xs, ys)
        loss.backward()
        optimizer.step()
        if epoch % config["log_interval"] == 0:
            print(epoch, evaluate_loss(model, config), f"{time.time() - start:.1f}s")
            start = time.time()


if __name__ == "__main__":
    model = BigramMLP(MASTER_CONFIG)
    optimizer = torch.optim.Adam(model.parameters())
    train(model, optimizer, MASTER_CONFIG)

# The corrected jindongwang/Deep-learning-activity-recognition (pytorch/network.py after
# issue #10): the network returns logits, the model is rebound by `.to(DEVICE)`, and softmax is
# taken only for the per-class confidence report.
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

import network as net

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
ACTIVITIES = ["walk", "upstairs", "downstairs", "sit", "stand", "lay"]


def load(batch_size=64):
    arrays = np.load("data/uci_har.npz")
    train = TensorDataset(torch.from_numpy(arrays["x_train"]), torch.from_numpy(arrays["y_train"]))
    test = TensorDataset(torch.from_numpy(arrays["x_test"]), torch.from_numpy(arrays["y_test"]))
    return DataLoader(train, batch_size, shuffle=True), DataLoader(test, batch_size)


if __name__ == "__main__":
    train_loader, test_loader = load()
    model = net.HarNet().to(DEVICE)
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    for epoch in range(40):
        model.train()
        for sample, target in train_loader:
            sample = sample.to(DEVICE).float().view(-1, 9, 1, 128)
            target = target.to(DEVICE).long()
            output = model(sample)
            loss = criterion(output, target)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

        model.eval()
        confidence = torch.zeros(len(ACTIVITIES))
        counts = torch.zeros(len(ACTIVITIES))
        with torch.no_grad():
            for sample, target in test_loader:
                output = model(sample.to(DEVICE).float().view(-1, 9, 1, 128))
                probs = F.softmax(output, dim=1).cpu()
                top, pred = probs.max(dim=1)
                confidence.index_add_(0, pred, top)
                counts.index_add_(0, pred, torch.ones_like(top))
        mean_conf = confidence / counts.clamp(min=1)
        print(
            f"epoch {epoch + 1}: "
            + ", ".join(f"{name} {c:.2f}" for name, c in zip(ACTIVITIES, mean_conf.tolist()))
        )

# Reproduces jindongwang/Deep-learning-activity-recognition, pytorch/network.py and
# pytorch/main_pytorch.py at 6ec30f2: the network ends in F.softmax, the model is rebound by
# `.to(DEVICE)` and trained with nn.CrossEntropyLoss
# (https://github.com/jindongwang/Deep-learning-activity-recognition/issues/10).
import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

import network as net
from config import CONFIG

DEVICE = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


def load(batch_size):
    arrays = np.load("data/uci_har.npz")
    train = TensorDataset(torch.from_numpy(arrays["x_train"]), torch.from_numpy(arrays["y_train"]))
    test = TensorDataset(torch.from_numpy(arrays["x_test"]), torch.from_numpy(arrays["y_test"]))
    return DataLoader(train, batch_size, shuffle=True), DataLoader(test, batch_size)


def train(model, optimizer, train_loader, test_loader):
    criterion = nn.CrossEntropyLoss()
    history = []
    for epoch in range(CONFIG["epochs"]):
        model.train()
        correct, total, total_loss = 0, 0, 0.0
        for sample, target in train_loader:
            sample = sample.to(DEVICE).float().view(-1, CONFIG["channels"], 1, CONFIG["window"])
            target = target.to(DEVICE).long()
            output = model(sample)
            loss = criterion(output, target)  # expect: WCE101
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
            correct += (output.argmax(1) == target).sum().item()
            total += target.size(0)
        train_acc = 100.0 * correct / total

        model.train(False)
        correct, total = 0, 0
        with torch.no_grad():
            for sample, target in test_loader:
                sample = sample.to(DEVICE).float().view(-1, CONFIG["channels"], 1, CONFIG["window"])
                predicted = model(sample).argmax(1).cpu()
                correct += (predicted == target).sum().item()
                total += target.size(0)
        test_acc = 100.0 * correct / total
        print(
            f"epoch {epoch + 1}: loss {total_loss / len(train_loader):.4f} "
            f"train {train_acc:.2f}% test {test_acc:.2f}%"
        )
        history.append([train_acc, test_acc])
    return history


if __name__ == "__main__":
    torch.manual_seed(10)
    train_loader, test_loader = load(CONFIG["batch_size"])
    model = net.HarNet(CONFIG["channels"], CONFIG["n_classes"]).to(DEVICE)
    optimizer = optim.SGD(model.parameters(), lr=CONFIG["lr"], momentum=CONFIG["momentum"])
    result = train(model, optimizer, train_loader, test_loader)
    np.savetxt(CONFIG["result_file"], np.array(result), fmt="%.2f", delimiter=",")

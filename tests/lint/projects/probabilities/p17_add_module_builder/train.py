# Reproduces vinhkhuc/PyTorch-Mini-Tutorials, early 2_logistic_regression.py / 3_neural_net.py:
# build_model() adds torch.nn.Softmax with model.add_module("softmax", ...) and the loss is
# torch.nn.CrossEntropyLoss (https://github.com/vinhkhuc/PyTorch-Mini-Tutorials/issues/1).
import numpy as np
import torch
from torchvision import datasets, transforms

from models import build_model


def train_step(model, loss_fn, optimizer, x, y):
    model.train()
    optimizer.zero_grad()
    fx = model(x)
    output = loss_fn(fx, y)  # expect: WCE101
    output.backward()
    optimizer.step()
    return output.item()


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return model(x).argmax(dim=1).numpy()


def main():
    torch.manual_seed(42)
    tf = transforms.ToTensor()
    train = datasets.MNIST("../datasets", train=True, download=True, transform=tf)
    test = datasets.MNIST("../datasets", train=False, download=True, transform=tf)
    tr_x, tr_y = train.data.view(-1, 784).float() / 255, train.targets
    te_x, te_y = test.data.view(-1, 784).float() / 255, test.targets

    model = build_model(784, 10)
    loss_fn = torch.nn.CrossEntropyLoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    batch_size = 100
    for epoch in range(100):
        cost = 0.0
        for start in range(0, len(tr_x), batch_size):
            end = start + batch_size
            cost += train_step(model, loss_fn, optimizer, tr_x[start:end], tr_y[start:end])
        acc = 100.0 * np.mean(predict(model, te_x) == te_y.numpy())
        print(f"epoch {epoch + 1}, cost = {cost / len(tr_x):.4f}, acc = {acc:.2f}%")


if __name__ == "__main__":
    main()

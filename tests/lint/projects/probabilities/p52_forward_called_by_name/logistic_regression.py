# Reproduces vinhkhuc/PyTorch-Mini-Tutorials at 4ee3ccb (2_logistic_regression.py and its
# siblings, https://github.com/vinhkhuc/PyTorch-Mini-Tutorials/issues/1): the model and the
# loss are called through their forward methods, `model.forward(x)`, `loss.forward(fx, y)`.
import torch
from torch import optim

from data_util import load_mnist


def build_model(input_dim, output_dim):
    model = torch.nn.Sequential()
    model.add_module("linear", torch.nn.Linear(input_dim, output_dim, bias=False))
    model.add_module("softmax", torch.nn.Softmax(dim=1))
    return model


def train(model, loss, optimizer, x, y):
    optimizer.zero_grad()
    fx = model.forward(x)
    output = loss.forward(fx, y)  # expect: WCE101
    output.backward()
    optimizer.step()
    return output.item()


def main():
    tr_x, te_x, tr_y, te_y = load_mnist()
    model = build_model(tr_x.shape[1], 10)
    loss = torch.nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(100):
        cost = sum(
            train(model, loss, optimizer, tr_x[k : k + 100], tr_y[k : k + 100])
            for k in range(0, len(tr_x), 100)
        )
        print(epoch, cost)


if __name__ == "__main__":
    main()

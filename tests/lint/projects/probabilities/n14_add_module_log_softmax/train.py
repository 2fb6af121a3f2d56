# Correct counterpart of vinhkhuc/PyTorch-Mini-Tutorials (issue #1): the builder adds
# nn.LogSoftmax with add_module and the loss is NLLLoss.
import torch
from torchvision import datasets, transforms

from models import build_model


def train_step(model, loss_fn, optimizer, x, y):
    model.train()
    optimizer.zero_grad()
    log_probs = model(x)
    output = loss_fn(log_probs, y)
    output.backward()
    optimizer.step()
    return output.item()


def predict_proba(model, x):
    model.eval()
    with torch.no_grad():
        return model(x).exp()


if __name__ == "__main__":
    data = datasets.MNIST("../datasets", train=True, download=True, transform=transforms.ToTensor())
    x, y = data.data.view(-1, 784).float() / 255, data.targets
    model = build_model(784, 10, hidden=512)
    loss_fn = torch.nn.NLLLoss(reduction="sum")
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for epoch in range(20):
        cost = sum(
            train_step(model, loss_fn, optimizer, x[i : i + 100], y[i : i + 100])
            for i in range(0, len(x), 100)
        )
        print(epoch, cost / len(x), predict_proba(model, x[:1]))

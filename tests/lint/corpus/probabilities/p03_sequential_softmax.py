import torch.nn as nn

model = nn.Sequential(
    nn.Linear(784, 128),
    nn.ReLU(),
    nn.Linear(128, 10),
    nn.Softmax(dim=1),
)
loss_fn = nn.CrossEntropyLoss()


def train_step(x, y):
    out = model(x)
    return loss_fn(out, y)  # expect: WCE101

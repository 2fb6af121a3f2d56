import torch


def class_probabilities(model, x):
    return torch.softmax(model(x), 1)


def step(model, x, y):
    p = class_probabilities(model, x)
    return torch.nn.functional.cross_entropy(p, y)  # expect: WCE101

import torch


def build_model(input_dim, output_dim, hidden=None):
    model = torch.nn.Sequential()
    if hidden:
        model.add_module("hidden", torch.nn.Linear(input_dim, hidden))
        model.add_module("relu", torch.nn.ReLU())
        input_dim = hidden
    model.add_module("linear", torch.nn.Linear(input_dim, output_dim))
    model.add_module("log_softmax", torch.nn.LogSoftmax(dim=1))
    return model

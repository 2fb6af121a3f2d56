import torch


def build_model(input_dim, output_dim, hidden=None):
    model = torch.nn.Sequential()
    if hidden:
        model.add_module("hidden", torch.nn.Linear(input_dim, hidden))
        model.add_module("relu", torch.nn.ReLU())
        input_dim = hidden
    model.add_module("linear", torch.nn.Linear(input_dim, output_dim, bias=True))
    model.add_module("softmax", torch.nn.Softmax(dim=1))
    return model

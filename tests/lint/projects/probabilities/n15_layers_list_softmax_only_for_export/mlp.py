from torch import nn


class MLPClassifier(nn.Module):
    def __init__(self, input_dim, hidden_layers, output_dim, dropout=0.2):
        super().__init__()
        sizes = [input_dim] + list(hidden_layers)
        layers = []
        for d_in, d_out in zip(sizes[:-1], sizes[1:]):
            layers.append(nn.Linear(d_in, d_out))
            layers.append(nn.BatchNorm1d(d_out))
            layers.append(nn.ReLU())
            layers.append(nn.Dropout(dropout))
        layers.append(nn.Linear(sizes[-1], output_dim))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def with_probabilities(model):
    """The deployed graph: same weights, softmax appended for the app."""
    return nn.Sequential(model, nn.Softmax(dim=1))

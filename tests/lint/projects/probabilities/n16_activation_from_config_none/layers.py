from torch import nn


def get_activation(name):
    if name is None or name == "none":
        return None
    if name == "softmax":
        return nn.Softmax(dim=1)
    if name == "sigmoid":
        return nn.Sigmoid()
    if name == "relu":
        return nn.ReLU()
    raise ValueError(f"unknown activation {name!r}")


class DenseNet(nn.Module):
    def __init__(
        self, in_dim, units, out_dim, activation="relu", pred_activation=None, dropout=0.3
    ):
        super().__init__()
        blocks, prev = [], in_dim
        for width in units:
            blocks += [nn.Linear(prev, width), get_activation(activation), nn.Dropout(dropout)]
            prev = width
        self.body = nn.Sequential(*blocks)
        self.out = nn.Linear(prev, out_dim)
        self.pred_activation = get_activation(pred_activation)

    def forward(self, x):
        x = self.out(self.body(x))
        if self.pred_activation is not None:
            x = self.pred_activation(x)
        return x

from torch import nn


def output_activation(kind: str) -> nn.Module:
    match kind:
        case "softmax":
            return nn.Softmax(dim=-1)
        case "log_softmax":
            return nn.LogSoftmax(dim=-1)
        case "none" | "logits":
            return nn.Identity()
        case _:
            raise ValueError(f"unknown output activation: {kind}")


class TaggerHead(nn.Module):
    def __init__(self, hidden, num_tags, kind="logits", dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.proj = nn.Linear(hidden, num_tags)
        self.activation = output_activation(kind)
        self.probabilities = output_activation("softmax")

    def forward(self, states):
        return self.activation(self.proj(self.dropout(states)))

    def marginals(self, states):
        return self.probabilities(self.proj(states))

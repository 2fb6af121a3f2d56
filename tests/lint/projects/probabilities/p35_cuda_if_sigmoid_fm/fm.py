import torch
from torch import nn


class FactorizationMachine(nn.Module):
    """Click-through-rate model: bias, first-order weights and pairwise factor interactions."""

    def __init__(self, field_dims, num_factors=20):
        super().__init__()
        num_inputs = int(sum(field_dims))
        self.embedding = nn.Embedding(num_inputs, num_factors)
        self.fc = nn.Embedding(num_inputs, 1)
        self.bias = nn.Parameter(torch.zeros(1))
        nn.init.xavier_uniform_(self.embedding.weight)

    def forward(self, x):
        square_of_sum = self.embedding(x).sum(dim=1) ** 2
        sum_of_square = (self.embedding(x) ** 2).sum(dim=1)
        interactions = 0.5 * (square_of_sum - sum_of_square).sum(dim=1, keepdim=True)
        x = self.fc(x).sum(dim=1) + self.bias + interactions
        return torch.sigmoid(x)

import torch.nn as nn

from recommender.base import Recommender


class Rating(Recommender):
    def __init__(self, user_num, item_num, factors=32, lr=0.01):
        super().__init__()
        self.users = nn.Embedding(user_num, factors)
        self.items = nn.Embedding(item_num, factors)
        self.squash = nn.Sigmoid()
        self.lr = lr
        self.loss_type = "sl"

    def forward(self, user, item):
        return self.squash((self.users(user) * self.items(item)).sum(dim=1))

    def calc_loss(self, batch):
        user, item, rating = batch
        return self.criterion(self.forward(user, item), rating.float() / 5)

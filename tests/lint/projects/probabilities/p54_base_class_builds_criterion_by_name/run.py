import torch

from recommender.item2vec import Item2Vec

pairs = torch.load("pairs.pt")
model = Item2Vec(item_num=10_000)
model.fit(torch.utils.data.DataLoader(pairs, batch_size=256, shuffle=True))

# Cell-type weights 1 / sqrt(count + 1) from pandas value_counts().sort_index().values: the
# sort aligns the present types, but a type absent from the reference dataset has no row,
# so the weight is shorter than the classifier. Learned from lccup/csMAHN
# (csMAHN/utils/loss.py, make_class_weights with value_counts(labels).sort_index()).
import pandas as pd
import torch
from torch import nn

from weights import make_class_weights

obs = pd.read_csv("reference_cells.csv")
n_types = 12
classifier = nn.Sequential(nn.Linear(2000, 512), nn.ReLU(), nn.Linear(512, n_types))
criterion = nn.CrossEntropyLoss(weight=make_class_weights(obs["cell_type_id"].to_numpy()))
optimizer = torch.optim.Adam(classifier.parameters(), lr=1e-4)
for expression, cell_type in torch.load("expression_loader.pt"):
    loss = criterion(classifier(expression), cell_type)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# Class weights kept in a config dict as a plain list and handed to the loss unchanged:
# nn.CrossEntropyLoss stores the weight as a buffer and refuses a list. Learned from
# emadeldeen24/AttnSleep (model/loss.py, where the list from the config is wrapped in
# torch.tensor before it reaches the loss) with that wrapping left out.
import torch
from torch import nn

from config import CFG
from losses import get_loss

model = nn.Linear(CFG["model"]["in_features"], CFG["model"]["num_classes"])
criterion = get_loss(CFG["loss"])
optimizer = torch.optim.Adam(model.parameters(), lr=CFG["optim"]["lr"])
for embeddings, stage in torch.load("sleep_epochs.pt"):
    loss = criterion(model(embeddings), stage)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

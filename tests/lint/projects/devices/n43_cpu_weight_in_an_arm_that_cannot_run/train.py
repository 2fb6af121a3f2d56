# An experiment switched off by a constant: the arm that would build a criterion with a CPU
# pos_weight never runs, and the criterion that does run is moved with its weight. Nothing
# here runs with a CPU weight on the GPU.
import torch
from torch import nn

MULTILABEL = False
NUM_TAGS = 50

device = torch.device("cuda")
model = nn.Sequential(nn.Flatten(), nn.LazyLinear(NUM_TAGS)).to(device)
if MULTILABEL:
    criterion = nn.BCEWithLogitsLoss(pos_weight=torch.full((NUM_TAGS,), 4.0))
else:
    criterion = nn.CrossEntropyLoss(weight=torch.linspace(1.0, 2.0, NUM_TAGS).to(device))

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for mel, tags in torch.load("loader.pt"):
    loss = criterion(model(mel.to(device)), tags.to(device).argmax(dim=1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

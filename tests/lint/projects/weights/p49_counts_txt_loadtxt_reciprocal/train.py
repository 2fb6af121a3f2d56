# Pixel counts of each land-cover class written to a text file by the tiling script, read
# back with np.loadtxt, then 1 / frequency: the tiles chosen for this run have no "clutter"
# pixel, the file holds a 0 and its weight is inf. Learned from perslev/MultiPlanarUNet issue
# #24 (a class absent from the images sampled to estimate the frequencies, NaN weights).
import torch
from torch import nn

from model import TinySegNet
from weights import inverse_frequency_weights

CLASSES = ["impervious", "building", "low_vegetation", "tree", "car", "clutter"]

model = TinySegNet(n_classes=len(CLASSES))
criterion = nn.CrossEntropyLoss(weight=inverse_frequency_weights("stats/pixel_counts.txt"))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for tiles, masks in torch.load("vaihingen_tiles.pt"):
    loss = criterion(model(tiles), masks)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# value_counts().sort_index() read with [i] over range(len(vc)): the
# number of weights is the number of labels present in the frame, not the number of classes.
# Learned from lccup/csMAHN (value_counts(labels).sort_index(), "sort for alignment") and
# ispamm/MHyEEG issue #3 (two weights for a three-class model).
import pandas as pd
import torch
from torchvision.models import convnext_tiny

from weights import class_weights_from_frame

meta = pd.read_csv("fungi_train_metadata.csv")
model = convnext_tiny(num_classes=25)
criterion = torch.nn.CrossEntropyLoss(weight=class_weights_from_frame(meta, "class_id"))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
for images, labels in torch.load("fungi_loader.pt"):
    loss = criterion(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

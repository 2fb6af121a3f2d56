# Correct counterpart of p05 and p06: the labels are encoded by a LabelEncoder fitted on this
# same frame, so every encoded class is present and value_counts().sort_index() has one row
# per class, in class order. Learned from lccup/csMAHN (make_class_weights with
# value_counts().sort_index()) and imranulashrafi/banner issue #2.
import numpy as np
import torch
from torch import nn

from data import load_frame

frame, classes = load_frame("book_genres.csv")
counts = frame["label_id"].value_counts().sort_index()
weights = (len(frame) / (len(classes) * counts.values)).astype(np.float32)

model = nn.Sequential(nn.Linear(384, 128), nn.ReLU(), nn.Linear(128, len(classes)))
criterion = nn.CrossEntropyLoss(weight=torch.from_numpy(weights))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for embeddings, genre in torch.load("genre_loader.pt"):
    loss = criterion(model(embeddings), genre)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# Correct counterpart of p21: compute_class_weight over classes=np.arange(NUM_CLASSES),
# converted with dtype=torch.float32. Learned from deepset-ai/FARM issue #758 (the fix casts
# the balanced weights to float) and scikit-learn's compute_class_weight documentation.
import numpy as np
import torch
from sklearn.utils.class_weight import compute_class_weight
from torch import nn

from data import load_features

x_train, y_train = load_features("toxicity_train.npz")
NUM_CLASSES = 6
w = compute_class_weight("balanced", classes=np.arange(NUM_CLASSES), y=y_train)

model = nn.Sequential(nn.Linear(768, 256), nn.ReLU(), nn.Linear(256, NUM_CLASSES))
loss_fct = nn.CrossEntropyLoss(weight=torch.tensor(w, dtype=torch.float32))
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
for x, y in torch.utils.data.DataLoader(list(zip(x_train, y_train)), batch_size=32):
    loss = loss_fct(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

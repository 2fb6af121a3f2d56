# scikit-learn's compute_class_weight returns float64; torch.tensor keeps float64 and the
# float32 classifier fails with "expected scalar type Float but found Double". Learned from
# deepset-ai/FARM issue #758 and sebsk/CS224N-Project pull request #2 (the same error from
# class weights given to CrossEntropyLoss).
import numpy as np
import torch
from sklearn.utils.class_weight import compute_class_weight
from torch import nn

from data import load_features

x_train, y_train = load_features("toxicity_train.npz")
NUM_CLASSES = 6
w = compute_class_weight("balanced", classes=np.arange(NUM_CLASSES), y=y_train)

model = nn.Sequential(nn.Linear(768, 256), nn.ReLU(), nn.Linear(256, NUM_CLASSES))
loss_fct = nn.CrossEntropyLoss(weight=torch.tensor(w))  # expect: WCE204
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
for x, y in torch.utils.data.DataLoader(list(zip(x_train, y_train)), batch_size=32):
    loss = loss_fct(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

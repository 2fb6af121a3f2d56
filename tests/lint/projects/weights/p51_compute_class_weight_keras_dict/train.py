# A training script ported from Keras: the class-weight dict made for model.fit(class_weight=)
# is kept, and its values (numpy float64 scalars from compute_class_weight) become the loss
# weight through torch.tensor(list(...)), which gives a float64 tensor. Learned from Keras'
# Model.fit documentation (class_weight: a dict from class index to weight) and deepset-ai/FARM
# issue #758 (float64 class weights: "expected scalar type Float but found Double").
import numpy as np
import torch
from torch import nn

from weights import keras_class_weight

NUM_CLASSES = 4
x_train = np.load("credit_x.npy").astype(np.float32)
y_train = np.load("credit_y.npy")
class_weight = keras_class_weight(y_train, NUM_CLASSES)

model = nn.Sequential(nn.Linear(x_train.shape[1], 64), nn.ReLU(), nn.Dropout(0.2), nn.Linear(64, NUM_CLASSES))
criterion = nn.CrossEntropyLoss(weight=torch.tensor(list(class_weight.values())))  # expect: WCE204
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
features, targets = torch.from_numpy(x_train), torch.from_numpy(y_train).long()
for epoch in range(50):
    for i in range(0, len(features), 128):
        loss = criterion(model(features[i:i + 128]), targets[i:i + 128])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

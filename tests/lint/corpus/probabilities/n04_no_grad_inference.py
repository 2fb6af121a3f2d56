import torch
import torch.nn.functional as F

with torch.no_grad():
    val_probs = F.softmax(model(val_x), dim=1)
    val_pred = val_probs.argmax(1)

train_logits = model(train_x)
loss = F.cross_entropy(train_logits, train_y)

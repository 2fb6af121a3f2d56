import torch.nn as nn

act = nn.Sigmoid()
criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
pred = act(model(x))
loss = criterion(pred, y)  # expect: WCE104

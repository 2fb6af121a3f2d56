import torch.nn.functional as F

temperature = 1.5
loss = F.cross_entropy(model(x) / temperature, y, label_smoothing=0.1)

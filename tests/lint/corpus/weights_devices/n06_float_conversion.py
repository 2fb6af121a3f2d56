import numpy as np
import torch
import torch.nn.functional as F

w = torch.from_numpy(np.array([0.3, 0.7])).float()
loss = F.cross_entropy(logits, y, weight=w)

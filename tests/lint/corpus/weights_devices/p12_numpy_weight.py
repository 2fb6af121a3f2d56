import numpy as np
import torch.nn.functional as F

class_weight = np.array([1.0, 10.0])
loss = F.cross_entropy(pred, target, weight=class_weight)  # expect: WCE205

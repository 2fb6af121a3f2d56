import numpy as np
import torch
from sklearn.utils.class_weight import compute_class_weight
from torch import nn

cw = compute_class_weight("balanced", classes=np.unique(y), y=y)
criterion = nn.CrossEntropyLoss(weight=torch.tensor(cw, dtype=torch.float))

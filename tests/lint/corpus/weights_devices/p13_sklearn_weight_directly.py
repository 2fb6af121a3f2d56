import numpy as np
from sklearn.utils.class_weight import compute_class_weight
from torch import nn

weights = compute_class_weight("balanced", classes=np.arange(3), y=labels)
criterion = nn.CrossEntropyLoss(weight=weights)  # expect: WCE205

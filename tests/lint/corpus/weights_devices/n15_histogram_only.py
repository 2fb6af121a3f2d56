import numpy as np
import torch

hist = torch.bincount(predictions)
print("prediction histogram", hist.tolist())
ratio = np.bincount(y_true) / len(y_true)

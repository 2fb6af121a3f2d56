import torch
from torch import nn

from model import *

model = TextRNN(5000, 128, 64, 4)
model.add_loss_op(nn.NLLLoss())
data = [(torch.randint(0, 5000, (8, 20)), torch.randint(0, 4, (8,)))]
print(model.evaluate(data))

import torch
import torch.nn.functional as F

model.cuda()
weights = torch.rand(10, dtype=torch.double)
loss = F.binary_cross_entropy(torch.sigmoid(z), t, weight=weights.type_as(z))  # expect: WCE105

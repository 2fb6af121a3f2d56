import torch
import torch.nn.functional as F

counts = torch.bincount(torch.tensor(all_labels))  # expect: WCE201
loss = F.cross_entropy(model(x.cuda()), y.cuda(), weight=1 / counts)  # expect: WCE202 WCE302

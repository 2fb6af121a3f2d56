import torch
import torch.nn.functional as F

log_probs = torch.log(F.softmax(model(x), dim=1))  # expect: WCE102
loss = F.nll_loss(log_probs, y)

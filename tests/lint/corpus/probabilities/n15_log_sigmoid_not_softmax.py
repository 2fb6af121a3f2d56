import torch

log_p = torch.log(torch.sigmoid(z))
log_q = torch.log(prior)

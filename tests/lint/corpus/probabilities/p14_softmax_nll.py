import torch.nn.functional as F

out = F.softmax(net(x), dim=1)
loss = F.nll_loss(out, y, ignore_index=-1)  # expect: WCE103

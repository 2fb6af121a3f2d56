from torch.nn.functional import cross_entropy as ce
from torch.nn.functional import softmax as sm

p = sm(model(x), dim=1)
loss = ce(p, y)  # expect: WCE101

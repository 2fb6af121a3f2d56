import torch as t

p = t.softmax(net(x), 1).float()
loss = t.nn.functional.cross_entropy(p, y)  # expect: WCE101

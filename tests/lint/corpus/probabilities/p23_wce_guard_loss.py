import torch
import wce_guard as wg

probs = model(x).softmax(1)
loss = wg.cross_entropy(probs, y, weight=w)  # expect: WCE101

import torch

n_classes = 4
counts = torch.bincount(targets, minlength=n_classes)
weight = len(targets) / (n_classes * counts)  # expect: WCE202

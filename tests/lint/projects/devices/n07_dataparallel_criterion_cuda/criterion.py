# Correct counterpart of p07: the criterion factory moves the criterion with .cuda() before
# returning it, like the factory(opt, cuda=True) criterion helpers found in public code.
import torch
from torch import nn


def create_criterion(opt):
    weight = torch.ones(opt.num_classes)
    weight[0] = 0.1  # background pixels
    weight[opt.rare_classes] = 5.0
    criterion = nn.CrossEntropyLoss(weight=weight, ignore_index=255)
    return criterion.cuda()

# A criterion factory that builds the weight with torch.ones and edits it, as in
# FredHuangBia/PytorchDL (models/ENet-criterion.py, createCriterion), while the model is wrapped
# in nn.DataParallel(model).cuda() and the criterion is never moved.
import torch
from torch import nn


def create_criterion(opt):
    weight = torch.ones(opt.num_classes)
    weight[0] = 0.1  # background pixels
    weight[opt.rare_classes] = 5.0
    return nn.CrossEntropyLoss(weight=weight, ignore_index=255)  # expect: WCE301

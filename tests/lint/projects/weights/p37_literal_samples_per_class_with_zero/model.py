from torch import nn


def build_classifier(n_classes, in_features=512):
    return nn.Sequential(nn.Linear(in_features, 256), nn.GELU(), nn.Linear(256, n_classes))

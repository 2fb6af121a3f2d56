from torch import nn

CRITERIA = {
    "ce": lambda w: nn.CrossEntropyLoss(weight=w),
    "ce_smooth": lambda w: nn.CrossEntropyLoss(weight=w, label_smoothing=0.1),
}

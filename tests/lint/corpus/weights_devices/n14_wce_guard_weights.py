import wce_guard as wg
from torch import nn

counts = wg.count_classes(train_loader, num_classes=10)
weight = wg.class_weights(counts, on_zero="zero")
criterion = wg.CrossEntropyLoss(weight=weight).to(device)

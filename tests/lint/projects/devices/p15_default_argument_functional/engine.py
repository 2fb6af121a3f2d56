# The class weight is the default value of a parameter of the training function, made once on
# the CPU when the module is imported; the data goes to the GPU. The default-argument idiom is
# that of illiterate/BertClassifier (train.py, criterion=nn.CrossEntropyLoss() as a default),
# here with a weight and the functional loss.
import torch
import torch.nn.functional as F


def train_epoch(model, loader, optimizer, device, class_weights=torch.tensor([1.0, 1.0, 4.0])):
    model.train()
    total = 0.0
    for features, labels in loader:
        features, labels = features.to(device), labels.to(device)
        logits = model(features)
        loss = F.cross_entropy(logits, labels, weight=class_weights)  # expect: WCE302
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)

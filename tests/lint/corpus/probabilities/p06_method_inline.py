import torch.nn as nn

criterion = nn.CrossEntropyLoss(weight=w)
for images, labels in train_loader:
    outputs = net(images)
    loss = criterion(outputs.softmax(dim=1), labels)  # expect: WCE101

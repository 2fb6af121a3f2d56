from torch import nn

probs = nn.functional.softmax(model(x), dim=1)
criterion = nn.CrossEntropyLoss()
loss = criterion(probs, y)  # expect: WCE101

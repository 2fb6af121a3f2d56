from torch import nn

model = nn.Sequential(nn.Linear(10, 3))
to_probs = nn.Softmax(dim=1)
criterion = nn.CrossEntropyLoss()
logits = model(x)
loss = criterion(logits, y)
confidence = to_probs(logits).max(1).values

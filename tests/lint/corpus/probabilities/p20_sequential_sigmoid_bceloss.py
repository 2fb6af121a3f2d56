from torch import nn

model = nn.Sequential(nn.Linear(30, 16), nn.ReLU(), nn.Linear(16, 1), nn.Sigmoid())
criterion = nn.BCELoss()
y_hat = model(x_batch)
loss = criterion(y_hat, y_batch)  # expect: WCE105

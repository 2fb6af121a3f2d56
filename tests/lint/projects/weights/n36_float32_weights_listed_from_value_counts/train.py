# The script of p57 (sebsk/CS224N-Project) written right: counts for every class (bincount with
# minlength, kept from zero), and the tensor of weights made float32, as the model computes.
import numpy as np
import pandas as pd
import torch

from model import TweetClassifier

N_CLASSES = 6
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
df_train = pd.read_csv("train.csv", index_col=0)
counts = np.maximum(np.bincount(df_train.label.to_numpy(), minlength=N_CLASSES), 1)
weights = [counts.max() / c for c in counts]
label_weight = torch.tensor(weights, dtype=torch.float32, device=device)
model = TweetClassifier(n_class=N_CLASSES).to(device)
criterion = torch.nn.CrossEntropyLoss(weight=label_weight)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for tweets, labels in torch.load("batches.pt"):
    loss = criterion(model(tweets.to(device)), labels.to(device))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

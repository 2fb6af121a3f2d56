# Reproduces sebsk/CS224N-Project (run.py and run_bert.py, PR #2: "expected scalar type Float
# but found Double"): weights listed from pandas value counts are numpy float64 numbers, and a
# tensor made of them is float64 too.
import pandas as pd
import torch

from model import TweetClassifier

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
df_train = pd.read_csv("train.csv", index_col=0)
label_counts = dict(df_train.label.value_counts())  # expect: WCE201
label_max = float(max(label_counts.values()))
weights = [label_max / label_counts[i] for i in range(len(label_counts))]
label_weight = torch.tensor(weights, device=device)
model = TweetClassifier(n_class=len(label_counts)).to(device)
criterion = torch.nn.CrossEntropyLoss(weight=label_weight)  # expect: WCE204
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for tweets, labels in torch.load("batches.pt"):
    loss = criterion(model(tweets.to(device)), labels.to(device))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

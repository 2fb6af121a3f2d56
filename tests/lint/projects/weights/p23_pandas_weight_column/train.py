# Label weights kept in a CSV and read with pandas: the column is float64, and so is the
# tensor made from its .values. Learned from sebsk/CS224N-Project pull request #2
# ("expected scalar type Float but found Double" from train_label_weight given to
# CrossEntropyLoss).
import torch

from module import SentimentHead

head = SentimentHead("label_weights.csv")
optimizer = torch.optim.Adam(head.parameters(), lr=1e-4)
for pooled, labels in torch.load("pooled_features.pt"):
    loss = head.loss(pooled, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

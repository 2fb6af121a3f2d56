# Correct counterpart of p23: the pandas column is converted with to_numpy(dtype=np.float32)
# before torch.tensor. Learned from sebsk/CS224N-Project pull request #2 (the Float/Double
# mismatch of train_label_weight) with the conversion in place.
import torch

from module import SentimentHead

head = SentimentHead("label_weights.csv")
optimizer = torch.optim.Adam(head.parameters(), lr=1e-4)
for pooled, labels in torch.load("pooled_features.pt"):
    loss = head.loss(pooled, labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

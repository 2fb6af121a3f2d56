# Topic weights from dict(sorted(Counter(labels).items())): the sort puts the ids in order,
# but a topic with no article in this crawl has no key, so the weight is one short for the
# classifier over all TOPICS and each topic after the gap gets its neighbour's weight.
# Learned from a get_class_weights(labels_data) helper in public code
# (dict(sorted(Counter(labels_data).items(), key=...)), 1 / (len(dict_counts) * x)).
import torch
from torch import nn

from data import get_class_weights, read_jsonl
from model import TopicClassifier

TOPICS = ["politics", "economy", "sport", "science", "health", "culture", "tech", "weather"]

articles = read_jsonl("news_train.jsonl")
model = TopicClassifier(n_topics=len(TOPICS))
criterion = nn.CrossEntropyLoss(weight=get_class_weights([a["topic_id"] for a in articles]))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for token_ids, offsets, topic in torch.load("news_batches.pt"):
    loss = criterion(model(token_ids, offsets), topic)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

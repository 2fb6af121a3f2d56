# Reproduces illiterate/BertClassifier, model.py and train.py: the classifier keeps
# nn.functional.softmax as self.softmax and returns self.softmax(logits, 1), trained with
# nn.CrossEntropyLoss (https://github.com/illiterate/BertClassifier/issues/2).
import torch
from torch.utils.data import DataLoader
from transformers import BertConfig

from engine import evaluate, train_epoch
from model import BertClassifier

LABELS = [
    "sports",
    "entertainment",
    "home",
    "property",
    "education",
    "fashion",
    "politics",
    "games",
    "tech",
    "finance",
]


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    train_data, valid_data = torch.load("cnews_tensors.pt")
    train_loader = DataLoader(train_data, batch_size=4, shuffle=True)
    valid_loader = DataLoader(valid_data, batch_size=4)

    config = BertConfig.from_pretrained("chinese-bert-wwm")
    config.num_labels = len(LABELS)
    model = BertClassifier(config).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-6)

    best = 0.0
    for epoch in range(1, 11):
        loss, acc = train_epoch(model, train_loader, optimizer, device)
        val_acc = evaluate(model, valid_loader, device)
        print(f"epoch {epoch}: loss {loss:.4f} train acc {acc:.4f} valid acc {val_acc:.4f}")
        if val_acc > best:
            best = val_acc
            torch.save(model.state_dict(), "models/best_model.pkl")


if __name__ == "__main__":
    main()

# Reproduces lansinuote/Huggingface_Toturials, "7.中文分类" (Chinese sentiment classification):
# Model.forward ends in `out.softmax(dim=1)` and training uses torch.nn.CrossEntropyLoss
# (https://github.com/lansinuote/Huggingface_Toturials/issues/6); here the model is rebound by
# `.to(device)` and `model = model.train()` and called as `model.forward(...)`.
import torch
from transformers import AdamW

from data import make_loader
from model import Model

device = "cuda" if torch.cuda.is_available() else "cpu"


def train(epochs=1, log_every=5, max_steps=300):
    loader = make_loader("train")
    model = Model().to(device)
    optimizer = AdamW(model.parameters(), lr=5e-4)
    criterion = torch.nn.CrossEntropyLoss()

    model = model.train()
    for epoch in range(epochs):
        for i, (input_ids, attention_mask, token_type_ids, labels) in enumerate(loader):
            input_ids, attention_mask = input_ids.to(device), attention_mask.to(device)
            token_type_ids, labels = token_type_ids.to(device), labels.to(device)
            out = model.forward(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            loss = criterion(out, labels)  # expect: WCE101
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if i % log_every == 0:
                accuracy = (out.argmax(dim=1) == labels).float().mean().item()
                print(epoch, i, loss.item(), accuracy)
            if i == max_steps:
                break
    return model


if __name__ == "__main__":
    trained = train()
    torch.save(trained.state_dict(), "chn_senti_cls.pt")

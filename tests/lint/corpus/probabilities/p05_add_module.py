from torch import nn


class Head(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.add_module("proj", nn.Linear(16, classes))
        self.add_module("act", nn.Softmax(1))

    def forward(self, x):
        return self.act(self.proj(x))


head = Head(4)
criterion = nn.CrossEntropyLoss()
loss = criterion(head(features), labels)  # expect: WCE101

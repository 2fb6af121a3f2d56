import torch
from transformers import BertModel


class Model(torch.nn.Module):
    """Frozen Chinese BERT, one linear layer on the [CLS] state."""

    def __init__(self, pretrained="bert-base-chinese", n_labels=2):
        super().__init__()
        self.bert = BertModel.from_pretrained(pretrained)
        for param in self.bert.parameters():
            param.requires_grad_(False)
        self.fc = torch.nn.Linear(768, n_labels)

    def forward(self, input_ids, attention_mask, token_type_ids):
        with torch.no_grad():
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
        out = self.fc(out.last_hidden_state[:, 0])
        out = out.softmax(dim=1)
        return out

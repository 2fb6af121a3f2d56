from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorWithPadding


def get_dataloaders(batch_size=32):
    tokenizer = AutoTokenizer.from_pretrained("bert-base-cased")
    raw = load_dataset("financial_phrasebank", "sentences_allagree")["train"].train_test_split(0.1)
    encoded = raw.map(lambda r: tokenizer(r["sentence"], truncation=True), batched=True)
    encoded = encoded.remove_columns(["sentence"]).rename_column("label", "labels")
    collate = DataCollatorWithPadding(tokenizer)
    train = DataLoader(encoded["train"], batch_size=batch_size, shuffle=True, collate_fn=collate)
    test = DataLoader(encoded["test"], batch_size=batch_size, collate_fn=collate)
    return train, test

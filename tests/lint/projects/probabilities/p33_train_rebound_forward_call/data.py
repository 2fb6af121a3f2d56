import torch
from datasets import load_dataset
from transformers import BertTokenizer

tokenizer = BertTokenizer.from_pretrained("bert-base-chinese")


def collate_fn(rows):
    texts = [row["text"] for row in rows]
    labels = [row["label"] for row in rows]
    encoded = tokenizer.batch_encode_plus(
        texts, truncation=True, padding="max_length", max_length=500, return_tensors="pt"
    )
    return (
        encoded["input_ids"],
        encoded["attention_mask"],
        encoded["token_type_ids"],
        torch.LongTensor(labels),
    )


def make_loader(split, batch_size=16):
    dataset = load_dataset("lansinuote/ChnSentiCorp", split=split)
    return torch.utils.data.DataLoader(
        dataset,
        batch_size=batch_size,
        collate_fn=collate_fn,
        shuffle=split == "train",
        drop_last=True,
    )

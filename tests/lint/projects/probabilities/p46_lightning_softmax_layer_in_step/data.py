import lightning as L
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorWithPadding


class EmotionData(L.LightningDataModule):
    def __init__(self, model_name="distilbert-base-uncased", batch_size=32, max_length=128):
        super().__init__()
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.batch_size = batch_size
        self.max_length = max_length

    def setup(self, stage=None):
        raw = load_dataset("dair-ai/emotion")
        encode = lambda rows: self.tokenizer(
            rows["text"], truncation=True, max_length=self.max_length
        )
        self.data = raw.map(encode, batched=True, remove_columns=["text"])
        self.data = self.data.rename_column("label", "labels")
        self.collate = DataCollatorWithPadding(self.tokenizer)

    def train_dataloader(self):
        return DataLoader(
            self.data["train"], batch_size=self.batch_size, shuffle=True, collate_fn=self.collate
        )

    def val_dataloader(self):
        return DataLoader(
            self.data["validation"], batch_size=self.batch_size, collate_fn=self.collate
        )

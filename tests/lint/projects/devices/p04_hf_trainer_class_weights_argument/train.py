# The class weights are made on the CPU in the training script and handed to a Trainer subclass
# that builds nn.CrossEntropyLoss(weight=self.class_weights) in compute_loss; the Trainer moves
# the model to the GPU, not the weights. Learned from Hannysia/propaganda-detector
# (src/models/trainer.py, WeightedLossTrainer).
import pandas as pd
import torch
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, TrainingArguments

from trainer import WeightedLossTrainer

frame = pd.read_csv("propaganda_train.csv")
share = frame["label"].value_counts(normalize=True).reindex(range(3), fill_value=1e-3)
weights = torch.tensor((1.0 / share).tolist(), dtype=torch.float32)
weights = weights / weights.sum() * len(weights)

tokenizer = AutoTokenizer.from_pretrained("xlm-roberta-base")
train = Dataset.from_pandas(frame)
train = train.map(lambda rows: tokenizer(rows["text"], truncation=True), batched=True)
model = AutoModelForSequenceClassification.from_pretrained("xlm-roberta-base", num_labels=3)
trainer = WeightedLossTrainer(
    class_weights=weights,  # expect: WCE301
    model=model,
    args=TrainingArguments("checkpoints", num_train_epochs=4, per_device_train_batch_size=32),
    train_dataset=train,
    tokenizer=tokenizer,
)
trainer.train()

from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, TrainingArguments

from trainer import WeightedTrainer

CHECKPOINT = "bert-base-uncased"
tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
data = load_dataset("csv", data_files={"train": "train.csv", "test": "test.csv"})
data = data.map(lambda rows: tokenizer(rows["text"], truncation=True), batched=True)

model = AutoModelForSequenceClassification.from_pretrained(CHECKPOINT, num_labels=3)
args = TrainingArguments("out", per_device_train_batch_size=16, num_train_epochs=3, fp16=True)
trainer = WeightedTrainer(
    model=model,
    args=args,
    train_dataset=data["train"],
    eval_dataset=data["test"],
    tokenizer=tokenizer,
    class_weights=[1.0, 2.0, 3.0],
)
trainer.train()

import lightning as L
import torch
import torchaudio
from torch.utils.data import DataLoader

from kws.lit import LitKWS

LABELS = sorted(
    [
        "backward",
        "bed",
        "bird",
        "cat",
        "dog",
        "down",
        "eight",
        "five",
        "follow",
        "forward",
        "four",
        "go",
        "happy",
        "house",
        "learn",
        "left",
        "marvin",
        "nine",
        "no",
        "off",
        "on",
        "one",
        "right",
        "seven",
        "sheila",
        "six",
        "stop",
        "three",
        "tree",
        "two",
        "up",
        "visual",
        "wow",
        "yes",
        "zero",
    ]
)


def collate(batch):
    waves = [torch.nn.functional.pad(w, (0, 16000 - w.shape[-1])) for w, *_ in batch]
    targets = [LABELS.index(label) for _, _, label, *_ in batch]
    return torch.stack(waves), torch.tensor(targets)


if __name__ == "__main__":
    train_set = torchaudio.datasets.SPEECHCOMMANDS("data", download=True, subset="training")
    val_set = torchaudio.datasets.SPEECHCOMMANDS("data", subset="validation")
    trainer = L.Trainer(max_epochs=30)
    trainer.fit(
        LitKWS(n_classes=len(LABELS)),
        DataLoader(train_set, batch_size=256, shuffle=True, collate_fn=collate),
        DataLoader(val_set, batch_size=256, collate_fn=collate),
    )

import lightning as L
import torch

from distill_module import DistilledStudent

if __name__ == "__main__":
    train_loader, val_loader = torch.load("data/cub200_loaders.pt")
    model = DistilledStudent("vit_cub200_teacher.pt")
    L.Trainer(max_epochs=50, precision="bf16-mixed").fit(model, train_loader, val_loader)

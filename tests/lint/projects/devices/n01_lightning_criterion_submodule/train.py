import lightning as L
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from module import LeafDiseaseClassifier

tf = transforms.Compose([transforms.Resize((224, 224)), transforms.ToTensor()])
train_loader = DataLoader(datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True)

trainer = L.Trainer(accelerator="gpu", devices=1, max_epochs=20)
trainer.fit(LeafDiseaseClassifier(), train_loader)

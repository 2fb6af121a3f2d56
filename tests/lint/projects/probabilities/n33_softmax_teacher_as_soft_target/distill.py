# Knowledge distillation from a teacher that outputs softmax: the teacher is rebound by
# `.eval().to(device)` and its probabilities are the *target* of F.cross_entropy (soft labels,
# supported since PyTorch 1.10); the input is always the student's logits.
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from student import SmallStudent
from teacher import ExportedTeacher

T = 4.0
ALPHA = 0.7


def main(epochs=60):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    tf = transforms.Compose(
        [
            transforms.RandomCrop(32, padding=4),
            transforms.RandomHorizontalFlip(),
            transforms.ToTensor(),
        ]
    )
    loader = DataLoader(
        datasets.CIFAR100("data", train=True, download=True, transform=tf),
        batch_size=128,
        shuffle=True,
        num_workers=4,
    )

    teacher = ExportedTeacher(temperature=T)
    teacher.load_state_dict(torch.load("teacher_cifar100.pt", map_location="cpu"))
    teacher = teacher.eval().to(device)
    student = SmallStudent().to(device)
    optimizer = torch.optim.SGD(student.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)

    for epoch in range(epochs):
        student.train()
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            with torch.no_grad():
                soft_targets = teacher(images)
            logits = student(images)
            distill = F.cross_entropy(logits / T, soft_targets) * T * T
            hard = F.cross_entropy(logits, labels)
            loss = ALPHA * distill + (1 - ALPHA) * hard
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: loss {loss.item():.4f}")


if __name__ == "__main__":
    main()

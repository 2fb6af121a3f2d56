import torch
import torch.nn.functional as F
from torch import nn

from student import Student


def distill_epoch(student, teacher, loader, optimizer, alpha, temperature, device):
    hard_loss = nn.CrossEntropyLoss()
    student.train()
    teacher.eval()
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        with torch.no_grad():
            teacher_soft = F.softmax(teacher(images) / temperature, dim=1)
        out = student(images)
        kd = F.kl_div(out["soft"], teacher_soft, reduction="batchmean") * temperature**2
        ce = hard_loss(out["probs"], labels)  # expect: WCE101
        loss = alpha * kd + (1 - alpha) * ce
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def main(cfg):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    student = Student(cfg["classes"], cfg["T"]).to(device)
    teacher = torch.load(cfg["teacher"], map_location=device)
    optimizer = torch.optim.SGD(student.parameters(), lr=cfg["lr"], momentum=0.9, nesterov=True)
    loader = torch.load(cfg["loader"])
    for _ in range(cfg["epochs"]):
        distill_epoch(student, teacher, loader, optimizer, cfg["alpha"], cfg["T"], device)


if __name__ == "__main__":
    main(
        {
            "classes": 100,
            "T": 4.0,
            "alpha": 0.9,
            "lr": 0.05,
            "epochs": 240,
            "teacher": "resnet56_teacher.pt",
            "loader": "cifar100_train_loader.pt",
        }
    )

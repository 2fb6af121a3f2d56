import torch
import torch.nn.functional as F
from torch import nn

from student import Student


def distill_epoch(student, teacher, loader, optimizer, alpha, temperature, device):
    hard_loss = nn.CrossEntropyLoss()
    student.train()
    teacher.eval()
    agreement = seen = 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        with torch.no_grad():
            teacher_logits = teacher(images)
            teacher_soft = F.softmax(teacher_logits / temperature, dim=1)
        out = student(images)
        kd = F.kl_div(out["soft"], teacher_soft, reduction="batchmean") * temperature**2
        ce = hard_loss(out["logits"], labels)
        loss = alpha * kd + (1 - alpha) * ce
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        agreement += out["probs"].argmax(1).eq(teacher_logits.argmax(1)).sum().item()
        seen += labels.numel()
    return agreement / seen


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    student = Student().to(device)
    teacher = torch.load("resnet56_teacher.pt", map_location=device)
    optimizer = torch.optim.SGD(student.parameters(), lr=0.05, momentum=0.9, nesterov=True)
    loader = torch.load("cifar100_train_loader.pt")
    for epoch in range(240):
        print(epoch, distill_epoch(student, teacher, loader, optimizer, 0.9, 4.0, device))

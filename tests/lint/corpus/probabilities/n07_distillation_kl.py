import torch.nn.functional as F


def distillation_loss(student_logits, teacher_logits, y, T=4.0, alpha=0.7):
    soft_targets = F.softmax(teacher_logits / T, dim=1)
    log_student = F.log_softmax(student_logits / T, dim=1)
    kd = F.kl_div(log_student, soft_targets, reduction="batchmean") * T * T
    ce = F.cross_entropy(student_logits, y)
    return alpha * kd + (1 - alpha) * ce

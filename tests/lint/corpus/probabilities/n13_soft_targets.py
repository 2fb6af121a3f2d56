import torch.nn.functional as F

teacher_probs = F.softmax(teacher(x), dim=1)
loss = F.cross_entropy(student(x), teacher_probs)

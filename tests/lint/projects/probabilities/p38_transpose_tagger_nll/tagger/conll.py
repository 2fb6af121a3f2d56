import torch
from torch.nn.utils.rnn import pad_sequence

PAD_TAG = -100


def read_conll(path):
    sentences, words, tags = [], [], []
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if not line:
                if words:
                    sentences.append((words, tags))
                words, tags = [], []
                continue
            parts = line.split()
            words.append(parts[0])
            tags.append(parts[-1])
    return sentences


def collate(batch, word_ids, tag_ids):
    tokens = [torch.tensor([word_ids.get(w.lower(), 1) for w in words]) for words, _ in batch]
    tags = [torch.tensor([tag_ids[t] for t in tags]) for _, tags in batch]
    return pad_sequence(tokens, batch_first=True), pad_sequence(
        tags, batch_first=True, padding_value=PAD_TAG
    )

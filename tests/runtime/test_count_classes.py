"""count_classes: streams datasets, loaders and iterables; progress bar; clear errors."""

import io
import weakref

import pytest
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, TensorDataset

import wce_guard as wg

LABELS = torch.tensor([0, 2, 2, 1, 2, 0, 4, 2, 2, 1] * 7)
EXPECTED = torch.bincount(LABELS, minlength=6)  # class 3 and 5 absent


def test_map_style_dataset_read_by_index():
    dataset = TensorDataset(torch.randn(len(LABELS), 3), LABELS)
    assert wg.count_classes(dataset, 6).equal(EXPECTED)


def test_dataloader_batches():
    loader = DataLoader(TensorDataset(torch.randn(len(LABELS), 3), LABELS), batch_size=8)
    assert wg.count_classes(loader, 6).equal(EXPECTED)


def test_dataset_that_is_not_iterable():
    class ByIndex(Dataset):  # no __iter__: only __len__ and __getitem__
        def __len__(self):
            return len(LABELS)

        def __getitem__(self, index):
            if index >= len(LABELS):
                raise AssertionError("read past the end")
            return {"image": None, "label": int(LABELS[index])}

    assert wg.count_classes(ByIndex(), 6, target="label").equal(EXPECTED)


def test_iterable_dataset_and_generator_of_samples():
    class Stream(IterableDataset):
        def __iter__(self):
            return ((torch.zeros(2), label) for label in LABELS.tolist())

    assert wg.count_classes(Stream(), 6).equal(EXPECTED)
    assert wg.count_classes(((None, y) for y in LABELS.tolist()), 6).equal(EXPECTED)


@pytest.mark.parametrize(
    ("items", "target"),
    [
        ([{"x": 0, "y": y} for y in LABELS.tolist()], "y"),
        ([(y, "meta") for y in LABELS.tolist()], 0),
        ([("x", "z", torch.tensor(y)) for y in LABELS.tolist()], -1),
        ([{"labels": {"cls": y}} for y in LABELS.tolist()], lambda item: item["labels"]["cls"]),
        (LABELS.tolist(), None),
        (LABELS.split(4), None),
        ([y for y in LABELS.numpy()], None),
    ],
    ids=["dict-key", "position-0", "position--1", "callable", "labels", "batches", "numpy"],
)
def test_target_selectors(items, target):
    assert wg.count_classes(items, 6, target=target).equal(EXPECTED)


def test_ignore_index_and_spatial_batches():
    masks = [torch.tensor([[0, -1], [1, 1]]), torch.tensor([[2, 2], [-1, -1]])]
    counts = wg.count_classes(masks, 3, target=None, ignore_index=-1)
    assert counts.tolist() == [1, 2, 2]


def test_probability_targets_make_float_counts():
    soft = [(None, torch.tensor([[0.5, 0.5, 0.0]])), (None, 2), (None, torch.tensor([0, 1]))]
    counts = wg.count_classes(soft, 3)
    assert counts.dtype == torch.float64
    assert counts.tolist() == [1.5, 1.5, 1.0]


def test_more_samples_than_one_chunk():
    labels = torch.randint(0, 7, (200_003,))
    assert wg.count_classes(labels.tolist(), 7, target=None).equal(torch.bincount(labels))


def test_items_are_not_kept():
    """The data is streamed: each item can be freed once its labels are counted."""
    alive = []

    class Big:
        def __init__(self, label):
            self.payload = bytearray(1_000_000)
            self.label = label

    def items():
        for label in LABELS.tolist():
            item = Big(label)
            alive.append(weakref.ref(item))
            yield item
            del item
            assert sum(ref() is not None for ref in alive) <= 1

    assert wg.count_classes(items(), 6, target=lambda item: item.label).equal(EXPECTED)


def test_out_of_range_names_the_item():
    samples = [(None, 1), (None, 3), (None, 9), (None, 0)]
    with pytest.raises(ValueError, match=r"^count_classes: item 2 has label 9, but num_classes=4"):
        wg.count_classes(samples, 4)


def test_out_of_range_in_a_batch_names_item_and_position():
    batches = [(None, torch.tensor([0, 1])), (None, torch.tensor([[1, 1], [1, -7]]))]
    with pytest.raises(ValueError) as error:
        wg.count_classes(batches, 4)
    assert str(error.value) == (
        "count_classes: item 1, at position (1, 1) of its labels, has label -7, but "
        "num_classes=4: labels must be 0 to 3, or ignore_index=-100 for positions to skip."
    )


@pytest.mark.parametrize(
    ("items", "target", "message"),
    [
        ([{"image": 0, "label": 1}], 1, r"item 0 is a dict with keys \['image', 'label'\]"),
        ([(0,)], 1, r"item 0 is a tuple of 1 elements, which has no \[1\]"),
        ([(0, 1)], "label", r"item 0 is a tuple of 2 elements, which has no \['label'\]"),
        ([3], 1, r"item 0 is a int.*target=None"),
    ],
)
def test_a_target_that_does_not_fit_the_items(items, target, message):
    with pytest.raises(TypeError, match=message):
        wg.count_classes(items, 4, target=target)


def test_bad_arguments():
    with pytest.raises(TypeError, match="target must be a tuple position"):
        wg.count_classes([], 4, target=1.5)
    with pytest.raises(TypeError, match="source must be a Dataset, a DataLoader or an iterable"):
        wg.count_classes(5, 4)
    with pytest.raises(TypeError, match="num_classes must be an int"):
        wg.count_classes([], None)


def test_empty_source_counts_nothing():
    assert wg.count_classes([], 3).tolist() == [0, 0, 0]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    loader = DataLoader(TensorDataset(LABELS), batch_size=8)
    wg.count_classes(loader, 6, target=0)
    shown = terminal.getvalue()
    assert shown.startswith("\rcounting classes [")
    assert shown.endswith(f" 9/9 items, {len(LABELS)} labels, " + shown.split(", ")[-1])
    assert shown.endswith("s\n")


def test_progress_bar_without_a_length(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    wg.count_classes(iter(LABELS.tolist()), 6, target=None)
    assert f"counting classes {len(LABELS)} items, {len(LABELS)} labels" in terminal.getvalue()


@pytest.mark.parametrize(("stream", "progress"), [(io.StringIO, None), (Terminal, False)])
def test_silent_off_a_terminal_or_when_asked(monkeypatch, stream, progress):
    output = stream()
    monkeypatch.setattr("sys.stderr", output)
    wg.count_classes(LABELS.tolist(), 6, target=None, progress=progress)
    assert output.getvalue() == ""


def test_distributed_true_without_a_process_group():
    with pytest.raises(RuntimeError, match=r"no torch\.distributed process group is initialised"):
        wg.count_classes([], 3, distributed=True)

"""Shared by the benchmarks: the machine description and writing into BENCHMARKS.md."""

from __future__ import annotations

import ctypes
import os
import platform
import re
import sys
from pathlib import Path


def steady_allocator() -> bool:
    """Keep glibc from serving large tensors with fresh mmap pages.

    By default glibc maps each allocation above a threshold that moves with the allocation
    history, so a (1024, 1000) step pays page faults or not depending on which variant ran
    before: +-50% between identical runs. Fixed thresholds make every variant reuse the heap.
    Returns whether it could (glibc only).
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(libc.mallopt(m_trim_threshold, 1 << 30) and libc.mallopt(m_mmap_threshold, 1 << 30))


def environment_lines(command: str) -> list[str]:
    import torch

    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") if os.path.exists("/proc/cpuinfo") else open(os.devnull) as info:
        names = [line.split(":", 1)[1].strip() for line in info if line.startswith("model name")]
    if names:
        cpu = names[0]
    lines = [
        f"- machine: {cpu}, {os.cpu_count()} cores, torch threads {torch.get_num_threads()}",
        f"- versions: Python {platform.python_version()}, torch {torch.__version__}",
        f"- command: `{command}`",
    ]
    if torch.cuda.is_available():
        lines.insert(1, f"- GPU: {torch.cuda.get_device_name()}")
    return lines


def replace_section(path: Path, name: str, body: str) -> None:
    """Put ``body`` between this benchmark's markers in ``path``, keeping everything else."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    text = (
        pattern.sub(lambda _: block, text)
        if pattern.search(text)
        else f"{text.rstrip()}\n\n{block}\n"
    )
    path.write_text(text)
    print(f"wrote {name} to {path}", file=sys.stderr)

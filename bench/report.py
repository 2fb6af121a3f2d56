"""Shared by the benchmarks: the machine description and writing into BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import re
import sys
from pathlib import Path


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

"""RWWCE forward + backward against F.cross_entropy: time and peak memory, same run.

    python -m bench.rwwce            # writes its tables to BENCHMARKS.md
    python -m bench.rwwce --quick    # smaller shapes, fewer rounds: a smoke run

Variants, each against ``F.cross_entropy(logits, target)`` (the baseline):
- ``straightforward``: the spec's stable algorithm written as plain tensor ops, differentiated
  by autograd (what the issue calls a straightforward stable implementation);
- ``wce_guard.rwwce``: the custom autograd Function, eager, with dense (C, C) costs (every
  pair costs something: the worst case), with ``fn_weight`` only, and with a dense matrix
  that prices one pair (the paper's scenario; on CPU its one costly column is found once);
- ``torch.compile(wce_guard.rwwce)``: the same Function compiled by inductor (while tracing it
  runs its pure-expression formulation).

Time: rounds run every variant once in a new random order; the table shows each variant's
median time and the median over rounds of its time divided by the baseline's in that round.
Memory: each variant runs once in a fresh process (CPU: growth of the peak resident set over
the resident set before the step; GPU: ``max_memory_allocated`` over the memory in use before).
Both are shown as a multiple of the logits' size and as a ratio to the baseline.
Then the sparse table: time of the false-positive term against its number of cost columns.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F

import wce_guard as wg
from bench.report import environment_lines, replace_section, steady_allocator

SHAPES = [(4096, 1000), (1024, 8192)]
QUICK_SHAPES = [(512, 100), (128, 1024)]


def straightforward_rwwce(logits, target, fn_weight, fp_weight):
    """Spec section 2 as plain tensor ops, autograd for the gradient: the baseline to beat."""
    maximum, top = logits.max(1, keepdim=True)
    shifted = logits - maximum
    masked = shifted.scatter(1, top, float("-inf"))
    others = torch.logsumexp(masked, 1, keepdim=True)
    normaliser = torch.logaddexp(others, torch.zeros_like(others))
    log_p = shifted - normaliser
    log_rest = torch.log1p(-torch.exp(masked - normaliser)).scatter(1, top, others - normaliser)
    costs = fp_weight[target]
    loss = -fn_weight[target] * log_p.gather(1, target[:, None]).squeeze(1)
    return (loss - (costs * log_rest).sum(1)).mean()


def variants(shape, device) -> tuple[dict[str, Callable[[], None]], torch.Tensor]:
    """The baseline first; each callable runs one forward and backward. And the logits."""
    batch, classes = shape
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(shape, generator=generator).to(device).requires_grad_()
    target = torch.randint(0, classes, (batch,), generator=generator).to(device)
    fn = (torch.rand(classes, generator=generator) + 0.5).to(device)
    fp = torch.rand(classes, classes, generator=generator).fill_diagonal_(0).to(device)
    paper = torch.zeros(classes, classes, device=device)  # one costly pair, still dense
    paper[3, 8] = 19.0
    compiled = torch.compile(wg.rwwce)

    def run(loss_of) -> Callable[[], None]:
        def step() -> None:
            logits.grad = None
            loss_of().backward()

        return step

    return {
        "F.cross_entropy": run(lambda: F.cross_entropy(logits, target)),
        "straightforward (autograd)": run(lambda: straightforward_rwwce(logits, target, fn, fp)),
        "wce_guard.rwwce, dense fp_weight": run(lambda: wg.rwwce(logits, target, fn, fp)),
        "wce_guard.rwwce, fn_weight only": run(lambda: wg.rwwce(logits, target, fn)),
        "wce_guard.rwwce, dense fp_weight with one costly pair": run(
            lambda: wg.rwwce(logits, target, fn, paper)
        ),
        "torch.compile(wce_guard.rwwce), dense fp_weight": run(
            lambda: compiled(logits, target, fn, fp)
        ),
    }, logits


def _synchronize(device: str) -> None:
    if device == "cuda":
        torch.cuda.synchronize()


def time_rounds(steps: dict[str, Callable[[], None]], device: str, rounds: int):
    """Seconds per step of each variant: in each round every variant once, in a new order."""
    for step in steps.values():  # warm up (and compile)
        step()
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    order = list(steps)
    for _ in range(rounds):
        random.shuffle(order)
        for name in order:
            _synchronize(device)
            start = time.perf_counter()
            steps[name]()
            _synchronize(device)
            times[name].append(time.perf_counter() - start)
    return times


def time_variants(shape, device: str, rounds: int) -> dict[str, tuple[float, float]]:
    """Per variant: (median seconds, median of the per-round ratio to the baseline)."""
    times = time_rounds(variants(shape, device)[0], device, rounds)
    baseline = times["F.cross_entropy"]
    return {
        name: (statistics.median(seconds),
               statistics.median(s / b for s, b in zip(seconds, baseline, strict=True)))
        for name, seconds in times.items()
    }  # fmt: skip


def _resident_bytes() -> tuple[int, int]:
    """The resident set now and its peak since the last reset, in bytes."""
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024


def _map_large_blocks() -> None:
    """Serve every large block with its own mapping, returned when freed (a fixed threshold
    also stops glibc from raising it), so the resident set follows the live tensors."""
    import ctypes

    ctypes.CDLL("libc.so.6").mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD


def measure_memory(name: str, shape, device: str) -> int:
    """Bytes one warm step needs beyond what was in use before it (run in a fresh process)."""
    steps, logits = variants(shape, device)
    step = steps[name]
    step()  # imports, first-call checks and compilation are not part of a training step
    step()
    logits.grad = None  # measured from a state without a gradient: the step makes its own
    if device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        before = torch.cuda.memory_allocated()
        step()
        torch.cuda.synchronize()
        return torch.cuda.max_memory_allocated() - before
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")  # reset the peak resident set to the current one
    before, _ = _resident_bytes()
    step()
    _, peak = _resident_bytes()
    return max(peak - before, 0)


def memory_in_subprocess(name: str, shape, device: str) -> int:
    command = [sys.executable, "-m", "bench.rwwce", "--memory-of", name,
               "--shape", f"{shape[0]}x{shape[1]}", "--device", device]  # fmt: skip
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def sparse_rows(device: str, quick: bool) -> list[str]:
    """Time of rwwce with a sparse fp_weight of K cost columns over C = 32,000 classes."""
    batch, classes = (256, 4000) if quick else (1024, 32_000)
    generator = torch.Generator().manual_seed(1)
    logits = torch.randn(batch, classes, generator=generator).to(device).requires_grad_()
    target = torch.randint(0, classes, (batch,), generator=generator).to(device)

    def step_with(fp) -> Callable[[], None]:
        def step() -> None:
            logits.grad = None
            wg.rwwce(logits, target, None, fp).backward()

        return step

    steps = {"no fp_weight (baseline)": step_with(None)}
    for columns in (1, 10, 100, 1000):
        rows = torch.randint(0, classes, (columns * 4,), generator=generator)
        cols = torch.randint(0, classes, (columns,), generator=generator).repeat(4)
        keep = rows != cols
        fp = torch.sparse_coo_tensor(
            torch.stack([rows[keep], cols[keep]]), torch.rand(int(keep.sum())) * 19,
            (classes, classes),
            check_invariants=True,
        ).coalesce().to(device)  # fmt: skip
        steps[f"sparse, {fp._nnz()} non-zeros in {columns} columns"] = step_with(fp)
    times = time_rounds(steps, device, 3 if quick else 7)
    baseline = times["no fp_weight (baseline)"]
    lines = [
        f"#### Sparse fp_weight, ({batch}, {classes}) logits, {device}: "
        f"{classes}x{classes} dense float32 would take {classes * classes * 4 / 2**30:.1f} GiB",
        "",
        "| fp_weight | median time | ratio to no fp_weight |",
        "|---|---:|---:|",
    ]
    for name, seconds in times.items():
        ratio = statistics.median(s / b for s, b in zip(seconds, baseline, strict=True))
        lines.append(f"| {name} | {statistics.median(seconds) * 1e3:.1f} ms | {ratio:.2f}x |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--memory-of")
    parser.add_argument("--shape")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    arguments = parser.parse_args()
    if arguments.memory_of:
        _map_large_blocks()
        shape = tuple(int(size) for size in arguments.shape.split("x"))
        print(json.dumps(measure_memory(arguments.memory_of, shape, arguments.device)))
        return

    steady_allocator()
    device = arguments.device
    command = "python -m bench.rwwce" + (" --quick" if arguments.quick else "")
    lines = [f"### RWWCE forward + backward against F.cross_entropy ({device})", "",
             *environment_lines(command), ""]  # fmt: skip
    for shape in QUICK_SHAPES if arguments.quick else SHAPES:
        timing = time_variants(shape, device, rounds=5 if arguments.quick else 25)
        logits_bytes = shape[0] * shape[1] * 4
        memory = {name: memory_in_subprocess(name, shape, device) for name in timing}
        lines += [
            f"#### logits {shape}, float32, dense fp_weight ({shape[1]}, {shape[1]})",
            "",
            "| variant | median time | time ratio | peak memory (x logits) | memory ratio |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, (seconds, ratio) in timing.items():
            lines.append(
                f"| {name} | {seconds * 1e3:.1f} ms | {ratio:.2f}x | "
                f"{memory[name] / logits_bytes:.1f}x | "
                f"{memory[name] / max(memory['F.cross_entropy'], 1):.2f}x |"
            )
        lines.append("")
        print("\n".join(lines[-len(timing) - 5 :]), file=sys.stderr)
    lines += sparse_rows(device, arguments.quick)
    print("\n".join(lines))
    if not arguments.quick:
        replace_section(Path(__file__).parent.parent / "BENCHMARKS.md", f"rwwce_{device}",
                        "\n".join(lines))  # fmt: skip


if __name__ == "__main__":
    main()

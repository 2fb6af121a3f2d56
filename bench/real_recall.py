"""Recall on real repositories: the mistakes people reported, found in the code they wrote.

    python -m bench.real_recall               # lint every repository; write into BENCHMARKS.md
    python -m bench.real_recall --no-write    # the same, printed only

The ground truth is bench/real_mistakes.jsonl: one line per mistake confirmed by reading a
public repository at one commit (most also reported in an issue thread, named in its
"evidence"), written without looking at what wce-guard reports. Each gives the rule code, the
loss call that receives the bad value, and the calls through which it travels there.

The repositories are read from git mirrors (``/work/.mirror/OWNER+NAME/repo``, or the folder
named by ``WCE_GUARD_MIRRORS``), as the project's tools fetch them; a repository not there is
reported as not measured. Each commit is unpacked into a temporary folder and linted whole,
cold, with every rule, as a user runs the command.

A mistake counts as found when a finding of its code is anchored at the loss call, at one of
the calls on its way or at its origin (a class weight is fixed where it is computed), or
names that loss call as a related place. Every other finding is
listed, to get a verdict in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bench.lint_speed import BIN, ROOT
from bench.report import environment_lines, replace_section

TRUTH = ROOT / "bench" / "real_mistakes.jsonl"
MIRRORS = Path(os.environ.get("WCE_GUARD_MIRRORS", "/work/.mirror"))


@dataclass(frozen=True)
class Mistake:
    repo: str
    commit: str
    code: str
    loss: tuple[str, int]
    chain: tuple[tuple[str, int], ...]
    origin: tuple[str, int] | None
    evidence: str

    @property
    def places(self) -> set[tuple[str, int]]:
        """Where a finding about it may be anchored: the loss call, a call on the way, or
        (for class weights, fixed where they are computed) the origin."""
        return {self.loss, *self.chain, *([self.origin] if self.origin else [])}


def mistakes() -> list[Mistake]:
    found = []
    for line in TRUTH.read_text().splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry["code"] == "NONE":
            continue
        found.append(
            Mistake(
                entry["repo"],
                entry["commit"],
                entry["code"],
                (entry["loss"][0], int(entry["loss"][1])),
                tuple((path, int(number)) for path, number in entry.get("chain", ())),
                (entry["origin"][0], int(entry["origin"][1])) if entry.get("origin") else None,
                entry.get("evidence", ""),
            )
        )
    return found


def mirror(repo: str) -> Path | None:
    folder = MIRRORS / repo.replace("/", "+") / "repo"
    return folder if (folder / ".git").exists() or (folder / "HEAD").exists() else None


def unpack(repo: str, commit: str, into: Path) -> None:
    """The Python files and notebooks of ``commit``, written into ``into`` (a mirror lacks
    its repository's largest files, so the whole tree cannot be archived)."""
    git = ["git", "-C", str(mirror(repo))]
    listed = subprocess.run(
        [*git, "ls-tree", "-r", "-z", "--name-only", commit], capture_output=True, check=True
    ).stdout.decode()
    paths = [path for path in listed.split("\0") if path.endswith((".py", ".ipynb"))]
    wanted = "".join(f"{commit}:{path}\n" for path in paths).encode()
    batch = subprocess.run(
        [*git, "cat-file", "--batch"], input=wanted, capture_output=True, check=True
    ).stdout
    at = 0
    for path in paths:
        header_end = batch.index(b"\n", at)
        header = batch[at:header_end].split()
        at = header_end + 1
        if header[-1] == b"missing":
            continue  # a file the mirror does not hold
        size = int(header[2])
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(batch[at : at + size])
        at += size + 1


def lint(folder: Path) -> list[dict]:
    result = subprocess.run(
        [str(BIN / "wce-guard"), "lint", "--output-format", "json", "--no-cache", "--exit-zero",
         "."],
        cwd=folder, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)["diagnostics"]


def where(diagnostic: dict) -> tuple[str, int]:
    """A finding's place as the ground truth writes it (a notebook's: its cell)."""
    line = diagnostic.get("cell") or diagnostic["line"]
    return diagnostic["path"], line


def matches(mistake: Mistake, diagnostic: dict) -> bool:
    if diagnostic["code"] != mistake.code:
        return False
    if where(diagnostic) in mistake.places:
        return True
    return any((path, line) == mistake.loss for _, path, line, _ in diagnostic.get("related", ()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    arguments = parser.parse_args()
    by_commit: dict[tuple[str, str], list[Mistake]] = defaultdict(list)
    for mistake in mistakes():
        by_commit[(mistake.repo, mistake.commit)].append(mistake)
    rows, missed, others, unmeasured = [], [], [], []
    found_total = expected_total = 0
    for (repo, commit), expected in sorted(by_commit.items()):
        if mirror(repo) is None:
            unmeasured.append(f"{repo} (not fetched: `fetch github:{repo}`)")
            continue
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            unpack(repo, commit, folder)
            diagnostics = lint(folder)
        hits = [m for m in expected if any(matches(m, d) for d in diagnostics)]
        missed += [m for m in expected if m not in hits]
        others += [
            (repo, commit, d) for d in diagnostics if not any(matches(m, d) for m in expected)
        ]
        found_total += len(hits)
        expected_total += len(expected)
        codes = ", ".join(sorted({m.code for m in expected}))
        rows.append(f"| {repo} | `{commit[:7]}` | {codes} | {len(hits)} of {len(expected)} |")
    recall = found_total / expected_total if expected_total else 0.0
    measured = [m for (repo, _), ms in by_commit.items() if mirror(repo) for m in ms]
    families = []
    for family in sorted({m.code[:4] for m in measured}):
        expected_here = [m for m in measured if m.code.startswith(family)]
        found_here = [m for m in expected_here if m not in missed]
        families.append(f"{family}xx {len(found_here)} of {len(expected_here)}")
    table = [
        "### Recall on real repositories",
        "",
        *environment_lines("python -m bench.real_recall"),
        f"- ground truth: `bench/real_mistakes.jsonl`, {expected_total} mistakes measured in "
        f"{len({repo for repo, _ in by_commit})} repositories ({len(rows)} commits)",
        "",
        "| repository | commit | codes | found |",
        "| --- | --- | --- | --- |",
        *rows,
        f"| **all** | | | **{found_total} of {expected_total} ({recall:.2f})** |",
        "",
        f"By family: {'; '.join(families)}.",
        "",
        "Missed:",
        *(f"- {m.repo} `{m.commit[:7]}` {m.code} at {m.loss[0]}:{m.loss[1]}" for m in missed),
        *(["- none"] if not missed else []),
        "",
        "Other findings in these repositories (each needs a verdict):",
        *(
            f"- {repo} `{commit[:7]}` `{d['path']}:{d['line']}` {d['code']} {d['message']}"
            for repo, commit, d in others
        ),
        *(["- none"] if not others else []),
    ]
    if unmeasured:
        table += ["", "Not measured:", *(f"- {item}" for item in unmeasured)]
    print("\n".join(table))
    if not arguments.no_write:
        replace_section(ROOT / "BENCHMARKS.md", "real_recall", "\n".join(table))


if __name__ == "__main__":
    main()

"""Every finding of the linter on real code: the benchmark corpus and a larger one.

    python -m bench.real_findings      # writes the list into BENCHMARKS.md

Precision is checked by hand: each finding listed here gets a verdict, true or false
positive, in the prose above the list; a false positive becomes a negative test case
(tests/lint/corpus/) and a fix.
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench.lint_speed import BIN, CORPUS, ROOT, corpus
from bench.report import replace_section

PACKAGES = {"timm": "1.0.15", "transformers": "4.46.3"}


def main() -> None:
    corpus(PACKAGES)
    lines = ["| corpus | files | findings |", "| --- | --- | --- |"]
    found = []
    for name, version in PACKAGES.items():
        folder = CORPUS / f"{name}-{version}"
        result = subprocess.run(
            [str(BIN / "wce-guard"), "lint", "--no-cache", "--exit-zero", "--format", "json",
             "."],
            capture_output=True, text=True, cwd=folder, check=True,
        )  # fmt: skip
        report = json.loads(result.stdout)
        lines.append(f"| {name} {version} | {report['files_checked']} | "
                     f"{len(report['diagnostics'])} |")  # fmt: skip
        found += [
            f"- `{name}-{version}/{d['path']}:{d['line']}` {d['code']}: {d['message']}"
            for d in report["diagnostics"]
        ]
    body = "\n".join([*lines, "", *(found or ["No findings."])])
    print(body)
    replace_section(ROOT / "BENCHMARKS.md", "real_findings", body)


if __name__ == "__main__":
    sys.exit(main())

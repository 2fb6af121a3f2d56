"""``wce-guard run SCRIPT`` is ``python SCRIPT`` to the script and to the person running it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("wce-guard")  # the console script, as users run it


def both(tmp_path: Path, source: str, *arguments: str, env: dict | None = None):
    """The script run by python, then by wce-guard run, from its folder."""
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(source))
    environment = {**os.environ, **(env or {})}

    def start(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*command, "script.py", *arguments],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )

    return start(sys.executable), start(str(COMMAND), "run")


def test_the_script_sees_what_python_gives_it(tmp_path):
    python, ours = both(
        tmp_path,
        """
        import builtins, sys
        print(sys.argv, __name__, __package__, __spec__, __file__)
        print(__builtins__ is builtins, sys.path)
        print(sys.modules["__main__"].__dict__ is globals())
        """,
        "--flag",
    )
    assert ours.returncode == python.returncode == 0, ours.stderr
    assert ours.stdout == python.stdout
    assert "['script.py', '--flag'] __main__ None None " in ours.stdout
    assert "True [" in ours.stdout


def test_an_uncaught_error_goes_through_the_scripts_excepthook(tmp_path):
    python, ours = both(
        tmp_path,
        """
        import sys
        sys.excepthook = lambda kind, error, tb: print("hooked:", kind.__name__, error)
        raise ValueError("boom")
        """,
    )
    assert ours.returncode == python.returncode == 1
    assert ours.stdout == python.stdout == "hooked: ValueError boom\n"


def test_a_syntax_error_reads_as_pythons(tmp_path):
    python, ours = both(tmp_path, "x = (1,\n")
    assert ours.returncode == python.returncode == 1
    assert ours.stderr.startswith(python.stderr)  # then our summary
    assert "wce_guard" not in ours.stderr and "Traceback" not in ours.stderr


def test_a_missing_script_is_one_line(tmp_path):
    result = subprocess.run([str(COMMAND), "run", "absent.py"], cwd=tmp_path,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "can't open file 'absent.py'" in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_an_interrupt_ends_the_process_by_the_signal(tmp_path):
    python, ours = both(tmp_path, "raise KeyboardInterrupt\n")
    assert ours.returncode == python.returncode == -signal.SIGINT
    assert "KeyboardInterrupt" in ours.stderr


def test_each_different_violation_at_one_call_site_is_reported(tmp_path):
    _, ours = both(
        tmp_path,
        """
        import torch, torch.nn.functional as F
        for target in (torch.zeros(4, 1, dtype=torch.long), torch.zeros(4, 2, dtype=torch.long)):
            try:
                F.cross_entropy(torch.randn(4, 3), target)
            except RuntimeError:
                pass
        """,
    )
    reported = [line for line in ours.stderr.splitlines()
                if line.startswith("wce-guard: ") and "script.py:5: " in line]  # fmt: skip
    assert len(reported) == 2, ours.stderr
    assert "(4, 1)" in reported[0] and "(4, 2)" in reported[1]
    assert ours.returncode == 1


def test_processes_the_script_starts_are_said_to_be_unchecked(tmp_path):
    _, ours = both(
        tmp_path,
        """
        import multiprocessing
        if __name__ == "__main__":
            worker = multiprocessing.get_context("spawn").Process(target=print)
            worker.start()
            worker.join()
        """,
    )
    assert ours.returncode == 0, ours.stderr
    assert "started 1 child process(es); loss calls in processes it spawned are not checked" in (
        ours.stderr
    )


def test_a_bad_check_level_in_the_environment_is_one_line(tmp_path):
    _, ours = both(tmp_path, "print('ran')\n", env={"WCE_GUARD_CHECKS": "bogus"})
    assert ours.returncode == 1
    assert "Traceback" not in ours.stderr
    assert "WCE_GUARD_CHECKS 'bogus' is not a check level" in ours.stderr

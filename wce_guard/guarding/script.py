"""``wce-guard run SCRIPT ARGS...``: run a script as ``python SCRIPT ARGS...`` would, with
every classification-loss call checked by a ``Guard``.

What the script sees is what ``python`` gives it: ``sys.argv`` as typed, ``sys.path[0]`` its
folder (in place of ours), a fresh ``__main__`` module whose ``__builtins__`` is the
``builtins`` module and ``__package__`` is None. What the user sees too: Python's one line for a
missing script, tracebacks without our frames, through ``sys.excepthook``, and an interrupt
that ends the process by the signal, as Python's own does.
"""

from __future__ import annotations

import builtins
import importlib.machinery
import json
import multiprocessing.process
import os
import signal
import sys
import types
from pathlib import Path

from wce_guard.guarding.session import Guard


def run_script(
    script: str,
    arguments: list[str],
    *,
    level: str = "shapes",
    strict: bool = False,
    report: Path | None = None,
    exit_zero: bool = False,
) -> int:
    """Run ``script`` with the losses checked; the exit status to give.

    That is the script's own status when it fails; when it succeeds, 1 if a loss call broke
    its contract (0 with ``exit_zero``).
    """
    try:
        with open(script, "rb") as file:
            source = file.read()
    except OSError as error:
        print(f"{sys.executable}: can't open file {script!r}: [Errno {error.errno}] "
              f"{error.strerror}", file=sys.stderr)  # fmt: skip
        return 2
    path = os.path.abspath(script)
    checked = Guard(level, strict=strict)
    started = _ChildProcessCounter()
    main = _fresh_main(path)
    saved = sys.argv[:], sys.path[:], sys.modules["__main__"]
    sys.argv = [script, *arguments]
    sys.path[0] = os.path.dirname(path)
    sys.modules["__main__"] = main
    interrupted = False
    try:
        with checked:
            exec(compile(source, path, "exec", dont_inherit=True), main.__dict__)
        status = 0
    except SystemExit as exit:
        status = _exit_status(exit.code)
    except BaseException as error:  # what Python does with an uncaught exception
        _report_uncaught(error, path)
        interrupted = isinstance(error, KeyboardInterrupt)
        status = 1
    finally:
        sys.argv, sys.path[:], sys.modules["__main__"] = saved
        started.undo()
    sys.stdout.flush()
    print(checked.summary(), file=sys.stderr)
    if started.count:
        print(f"wce-guard: the script started {started.count} child process(es); loss calls "
              f"in processes it spawned are not checked (run them with wce_guard.guard()).",
              file=sys.stderr)  # fmt: skip
    if report is not None:
        report.write_text(json.dumps(checked.report(), indent=2) + "\n")
    if interrupted:
        _end_by_interrupt()
    if status == 0 and checked.violations and not exit_zero:
        status = 1
    return status


def _fresh_main(path: str) -> types.ModuleType:
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    main.__package__ = None
    main.__spec__ = None
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", path)
    main.__cached__ = None
    return main


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _report_uncaught(error: BaseException, script: str) -> None:
    """Through ``sys.excepthook``, from the script's own frames on, as Python does."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != script:
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.filename == script:
        tb = None  # a script that does not compile has no frame of its own
    sys.excepthook(type(error), error.with_traceback(tb), tb)


def _end_by_interrupt() -> None:
    """Die of SIGINT, as Python does after an uncaught KeyboardInterrupt, so a shell or a job
    runner sees an interrupted process, not a failed one."""
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(signal, "SIGINT") and hasattr(os, "kill"):
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
    raise SystemExit(130)  # no signals to die of (Windows)


class _ChildProcessCounter:
    """Counts the processes the script starts (from now until ``undo``): the guard does not
    follow them."""

    def __init__(self) -> None:
        self.count = 0
        self._start = multiprocessing.process.BaseProcess.start

        def start(process, *args, **kwargs):
            self.count += 1
            return self._start(process, *args, **kwargs)

        multiprocessing.process.BaseProcess.start = start

    def undo(self) -> None:
        multiprocessing.process.BaseProcess.start = self._start

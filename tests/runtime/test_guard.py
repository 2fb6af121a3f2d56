"""wce-guard run on small real scripts (tests/fixtures), and wce_guard.guard() in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

import wce_guard as wg

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LOSSES = ("cross_entropy", "nll_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits")
PYTORCH_LOSSES = {name: getattr(F, name) for name in LOSSES}


def run(*arguments: str, cwd: Path = FIXTURES) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wce_guard", "run", *arguments], cwd=cwd,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def mistake_line(script: str) -> int:
    lines = (FIXTURES / script).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if "# the mistake" in line)


def test_a_correct_script_runs_as_under_python_with_no_report(tmp_path):
    report = tmp_path / "report.json"
    result = run("--report", str(report), "correct.py", "--epochs", "2")
    plain = subprocess.run([sys.executable, "correct.py", "--epochs", "2"], cwd=FIXTURES,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0 == plain.returncode, result.stderr
    assert result.stdout == plain.stdout == "done __name__=__main__ argv=['--epochs', '2']\n"
    assert "wce-guard: checked 15 loss calls at 5 call sites (level shapes); 0 with " in (
        result.stderr
    )
    written = json.loads(report.read_text())
    assert written["calls"] == 15
    assert {site["loss"] for site in written["sites"]} == {
        "CrossEntropyLoss", "cross_entropy", "nll_loss", "binary_cross_entropy_with_logits",
        "BCELoss",
    }  # fmt: skip
    assert all(site["violations"] == 0 for site in written["sites"])


@pytest.mark.parametrize(
    ("script", "level", "expected"),
    [
        ("wrong_shapes.py", "shapes", "cross_entropy: target has shape (16, 1)"),
        (
            "short_weight.py",
            "shapes",
            "CrossEntropyLoss: weight has 4 entries but input has 5 classes",
        ),
        ("device_mismatch.py", "shapes", "cross_entropy: weight is on cpu but input is on meta"),
        (
            "softmax_fed.py",
            "full",
            "CrossEntropyLoss: input of shape (16, 5) looks like probabilities",
        ),
    ],
)
def test_each_mistake_is_reported_once_at_the_users_line(tmp_path, script, level, expected):
    report = tmp_path / "report.json"
    result = run("--level", level, "--report", str(report), script)
    location = f"wce-guard: {FIXTURES / script}:{mistake_line(script)}: "
    reported = [line for line in result.stderr.splitlines() if line.startswith("wce-guard: /")]
    assert len(reported) == 1, result.stderr
    assert reported[0].startswith(location + expected), result.stderr
    site = next(s for s in json.loads(report.read_text())["sites"] if s["violations"])
    assert (site["file"], site["line"]) == (str(FIXTURES / script), mistake_line(script))
    assert "wce_guard" not in site["file"] and "torch" not in site["file"]


def test_violations_are_counted_per_call_site_and_the_script_goes_on():
    result = run("--level", "full", "softmax_fed.py")
    assert result.returncode == 1  # the script succeeded, its losses did not
    assert run("--level", "full", "--exit-zero", "softmax_fed.py").returncode == 0
    assert result.stdout == "trained\n"
    assert f"softmax_fed.py:{mistake_line('softmax_fed.py')}: CrossEntropyLoss: 3 of 3 calls" in (
        result.stderr
    )


def test_pytorchs_own_error_still_ends_the_script_as_under_python():
    result = run("short_weight.py")
    assert result.returncode == 1
    assert "RuntimeError: weight tensor should be defined either for all 5 classes" in (
        result.stderr
    )
    assert 'short_weight.py", line 8, in <module>' in result.stderr


def test_strict_raises_at_the_call_site():
    result = run("--strict", "wrong_shapes.py")
    assert result.returncode == 1
    assert result.stderr.count("wce_guard.errors.LossContractError: cross_entropy: target") == 1
    assert f'wrong_shapes.py", line {mistake_line("wrong_shapes.py")}, in <module>' in (
        result.stderr
    )
    assert "RuntimeError" not in result.stderr  # it stopped before PyTorch


def test_exit_status_and_traceback_are_the_scripts():
    assert run("exits.py", "3").returncode == 3
    assert run("exits.py", "0").returncode == 0
    raised = run("raises.py")
    plain = subprocess.run([sys.executable, "raises.py"], cwd=FIXTURES, capture_output=True,
                           text=True, timeout=120)  # fmt: skip
    assert raised.returncode == 1 == plain.returncode
    traceback = raised.stderr.split("wce-guard: checked")[0]
    assert traceback == plain.stderr  # not a frame of runpy or wce-guard


def test_options_go_before_the_script_and_the_rest_is_the_scripts():
    result = run("correct.py", "--strict", "--level", "x")
    assert result.returncode == 0
    assert "argv=['--strict', '--level', 'x']" in result.stdout
    assert run("--level", "loud", "correct.py").returncode == 2  # a usage error


def test_guard_restores_pytorch_even_after_an_error():
    with pytest.raises(ValueError), wg.guard("full"):
        assert F.cross_entropy is not PYTORCH_LOSSES["cross_entropy"]
        raise ValueError("the user's")
    assert {name: getattr(F, name) for name in PYTORCH_LOSSES} == PYTORCH_LOSSES


def test_guard_in_process_names_the_module_and_the_line():
    criterion = torch.nn.CrossEntropyLoss(weight=torch.ones(4))
    logits, target = torch.randn(8, 5), torch.randint(0, 5, (8,))
    with wg.guard(strict=True), pytest.raises(wg.LossContractError, match="CrossEntropyLoss: "):
        criterion(logits, target)
    with wg.guard() as checked:
        for _ in range(2):
            F.nll_loss(torch.rand(8, 5), target)  # probabilities, not log-probabilities
    assert checked.report()["calls"] == 2  # the shapes level reads no values: it fits
    with wg.guard("full") as checked, pytest.raises(RuntimeError):
        F.nll_loss(torch.rand(8, 5), target)
        F.binary_cross_entropy(torch.randn(8, 5), torch.rand(8, 5).round())
    messages = [site.messages[0] for site in checked.sites.values()]
    assert "nll_loss: input holds values up to" in messages[0]
    assert "looks like probabilities (softmax output)" in messages[0]
    assert "binary_cross_entropy: input ranges from" in messages[1]
    assert all(site.file == __file__ for site in checked.sites.values())


def test_sigmoid_fed_to_bce_with_logits_is_reported_at_full_level():
    labels = torch.rand(16, 3).round()
    with wg.guard("full") as checked:
        F.binary_cross_entropy_with_logits(torch.sigmoid(torch.randn(16, 3)), labels)
        torch.nn.BCEWithLogitsLoss()(torch.randn(16, 3) * 5, labels)
    bad = [site for site in checked.sites.values() if site.violations]
    assert [site.loss for site in bad] == ["binary_cross_entropy_with_logits"]
    assert "like sigmoid output" in bad[0].messages[0]


def test_run_script_restores_argv_path_and_pytorch_after_the_script_raises(capsys):
    from wce_guard.guarding.script import run_script

    argv, path = sys.argv[:], sys.path[:]
    assert run_script(str(FIXTURES / "raises.py"), ["--x"]) == 1
    assert (sys.argv, sys.path) == (argv, path)
    assert {name: getattr(F, name) for name in PYTORCH_LOSSES} == PYTORCH_LOSSES
    assert "ValueError: the script's own error" in capsys.readouterr().err

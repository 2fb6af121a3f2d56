"""The package's import and install contract: the linter side never needs torch."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]

# Runs in a fresh interpreter where any import of torch fails, as if it were not installed.
WITHOUT_TORCH = textwrap.dedent(
    """
    import sys

    class NoTorch:
        def find_spec(self, name, path=None, target=None):
            if name == "torch" or name.startswith("torch."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    sys.meta_path.insert(0, NoTorch())
    """
)


def run_without_torch(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_TORCH + textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_linter_and_cli_import_without_torch():
    result = run_without_torch(
        """
        import wce_guard, wce_guard.lint, wce_guard.cli, wce_guard.errors
        from click.testing import CliRunner
        outcome = CliRunner().invoke(wce_guard.cli.main, ["--help"])
        assert outcome.exit_code == 0, outcome.output
        assert "Usage: main" in outcome.output or "Usage:" in outcome.output
        assert "torch" not in sys.modules
        print(wce_guard.__version__)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_runtime_api_without_torch_says_how_to_install_it():
    result = run_without_torch(
        """
        import wce_guard
        try:
            wce_guard.cross_entropy
        except ImportError as error:
            print(error)
        """
    )
    assert result.returncode == 0, result.stderr
    assert "wce_guard.cross_entropy needs PyTorch, which is not installed" in result.stdout
    assert "pip install" in result.stdout


def test_importing_the_linter_does_not_import_torch_even_when_installed():
    code = "import sys, wce_guard.lint, wce_guard.cli; print('torch' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.stdout.strip() == "False", result.stderr


def test_torch_is_an_optional_extra_with_a_broad_range():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not any(dependency.startswith("torch") for dependency in project["dependencies"])
    (torch_requirement,) = project["optional-dependencies"]["torch"]
    assert torch_requirement.startswith("torch>=") and "==" not in torch_requirement
    assert {"libcst", "click", "jaxtyping", "beartype"} <= {
        dependency.split(">")[0].split("=")[0] for dependency in project["dependencies"]
    }
    assert project["scripts"]["wce-guard"] == "wce_guard.cli:main"


def test_the_test_environment_pins_the_cpu_torch():
    pins = (ROOT / "constraints.txt").read_text().splitlines()
    assert "torch==2.13.0" in pins


def test_python_m_wce_guard_is_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "wce_guard", "--version"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.startswith("wce-guard, version ")

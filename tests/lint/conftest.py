import pytest


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory, with its own cache."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WCE_GUARD_CACHE_DIR", str(tmp_path / ".cache"))
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'demo'\n")
    return tmp_path

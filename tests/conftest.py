import pytest


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own empty data folder, and no engine settings from the machine."""
    folder = tmp_path / "data"
    monkeypatch.setenv("IN_DATA_DIR", str(folder))
    monkeypatch.setenv("IN_SECRETS_FILE", str(tmp_path / "no-secrets.toml"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "IN_MODEL", "IN_ENGINE", "IN_CONTEXT_TOKENS"):
        monkeypatch.delenv(name, raising=False)
    return folder

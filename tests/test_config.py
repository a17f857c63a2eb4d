"""Settings come from an argument, then secrets.toml, then the environment."""

import pytest

from in_core import api, engines
from in_core.config import LOCAL_SERVER_KEY, engine_settings
from in_core.errors import InvalidInput, NotConfigured

KEY = "sk-config-test-0123456789abcdef"


@pytest.fixture
def secrets(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("IN_SECRETS_FILE", str(path))
    return path


def test_with_nothing_configured_the_offline_coach_answers():
    settings = engine_settings()
    assert settings.engine == "offline" and settings.api_key is None
    session = api.create_session("Data analyst interview")
    api.send_message(session["id"], "Hi")
    assert engines.default_engine().name == "offline"
    assert "Offline coach (no AI model)" in api.get_messages(session["id"])[1]["content"]


def test_a_key_in_the_environment_selects_openai(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    settings = engine_settings()
    assert (settings.engine, settings.api_key, settings.base_url) == ("openai", KEY, None)
    assert settings.key_configured


def test_a_local_server_without_a_key_gets_a_placeholder(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://localhost:11434/v1")
    monkeypatch.setenv("IN_MODEL", "llama3.1:8b")
    settings = engine_settings()
    assert settings.engine == "openai" and settings.api_key == LOCAL_SERVER_KEY
    assert settings.model == "llama3.1:8b" and not settings.key_configured
    assert api.create_session("uses IN_MODEL")["model"] == "llama3.1:8b"


def test_secrets_win_over_the_environment_and_arguments_over_both(secrets, monkeypatch):
    secrets.write_text(f'OPENAI_API_KEY = "{KEY}"\nIN_MODEL = "GPT-5.2"\n', "utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-environment")
    monkeypatch.setenv("IN_MODEL", "gpt-4.1")
    assert engine_settings().api_key == KEY
    assert engine_settings().model == "gpt-5.2"
    assert engine_settings(api_key="sk-explicit", model="gpt-4.1").api_key == "sk-explicit"


def test_in_engine_forces_one_engine(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("IN_ENGINE", "offline")
    assert engine_settings().engine == "offline" and engine_settings().api_key is None
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.setenv("IN_ENGINE", "openai")
    with pytest.raises(NotConfigured, match="OPENAI_API_KEY"):
        engine_settings()
    monkeypatch.setenv("IN_ENGINE", "gemini")
    with pytest.raises(InvalidInput, match="IN_ENGINE"):
        engine_settings()


def test_the_key_is_not_in_the_settings_repr(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    assert KEY not in repr(engine_settings()) and KEY not in str(engine_settings())


def test_a_broken_secrets_file_is_named_without_its_contents(secrets):
    secrets.write_text(f'OPENAI_API_KEY = "{KEY}\n', "utf-8")
    with pytest.raises(InvalidInput) as raised:
        engine_settings()
    assert str(secrets) in str(raised.value) and KEY not in str(raised.value)


def test_the_context_budget_is_configurable(monkeypatch):
    assert engine_settings().context_tokens == 12_000
    monkeypatch.setenv("IN_CONTEXT_TOKENS", "4000")
    assert engine_settings().context_tokens == 4_000
    monkeypatch.setenv("IN_CONTEXT_TOKENS", "lots")
    with pytest.raises(InvalidInput, match="IN_CONTEXT_TOKENS"):
        engine_settings()

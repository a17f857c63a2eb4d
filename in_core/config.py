"""Where In's settings come from, resolved in one place. For each setting the first found wins:
an explicit argument, then `.streamlit/secrets.toml` (or the file `IN_SECRETS_FILE` names),
then the environment.

    OPENAI_API_KEY   key for OpenAI or another hosted server
    OPENAI_BASE_URL  a Chat Completions server, e.g. Ollama's http://localhost:11434/v1
    IN_MODEL         the model new sessions use (default gpt-5.2)
    IN_ENGINE        offline | openai, to force one engine
    IN_CONTEXT_TOKENS  how much of a long session a model is sent (default 12000 tokens)
    IN_DATA_DIR      the data folder (environment only; default data/ in the project)
"""

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidInput, NotConfigured
from .models import DEFAULT_MODEL, normalise_model

PROJECT_DIR = Path(__file__).resolve().parent.parent
LOCAL_SERVER_KEY = "not-needed"  # local servers want some key, and ignore it
ENGINES = ("offline", "openai")


def data_dir() -> Path:
    """The data folder: `IN_DATA_DIR` if set, else `data/` in the project."""
    return Path(os.environ.get("IN_DATA_DIR") or PROJECT_DIR / "data")


def shown_url(url: str | None) -> str | None:
    """`url` without any user name or password in it, fit to show."""
    if not url:
        return url
    return re.sub(r"^([a-z]+://)[^/@]*@", r"\1", url, flags=re.IGNORECASE)


def default_model() -> str:
    """The model new sessions use: IN_MODEL, else gpt-5.2."""
    return normalise_model(setting("IN_MODEL"))


def secrets_path() -> Path:
    return Path(os.environ.get("IN_SECRETS_FILE") or PROJECT_DIR / ".streamlit" / "secrets.toml")


def _secrets() -> dict:
    path = secrets_path()
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput(f"{path} is not valid TOML ({error}); fix or remove it.") from None


def setting(name: str, explicit=None, secrets: dict | None = None):
    """One setting by the order above; blank values count as unset."""
    for value in (explicit, (secrets if secrets is not None else _secrets()).get(name),
                  os.environ.get(name)):
        if value is not None and str(value).strip():
            return value.strip() if isinstance(value, str) else value
    return None


@dataclass(frozen=True)
class EngineSettings:
    """What the chat engine needs. The key is kept out of `repr` so it never reaches a log."""

    engine: str = "offline"
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    max_attempts: int = 4
    deadline: float = 120.0  # seconds for a whole answer, retries included
    connect_timeout: float = 10.0
    idle_timeout: float = 30.0  # seconds without a byte before a stream is given up
    retry_after_cap: float = 20.0  # longest server-asked wait we honour
    retry_wait: float = 0.5  # first backoff, doubling with jitter up to retry_wait_max
    retry_wait_max: float = 8.0
    context_tokens: int = 12_000  # budget for the prompt plus the conversation sent

    @property
    def key_configured(self) -> bool:
        return bool(self.api_key) and self.api_key != LOCAL_SERVER_KEY


def engine_settings(
    engine: str | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
    **limits,
) -> EngineSettings:
    """The engine settings in force. With no key and no server, the offline coach."""
    secrets = _secrets()
    api_key = setting("OPENAI_API_KEY", api_key, secrets)
    base_url = setting("OPENAI_BASE_URL", base_url, secrets)
    chosen = setting("IN_ENGINE", engine, secrets)
    if chosen is None:
        chosen = "openai" if api_key or base_url else "offline"
    chosen = str(chosen).lower()
    if chosen not in ENGINES:
        raise InvalidInput(f"IN_ENGINE must be one of {', '.join(ENGINES)}, not {chosen!r}.")
    if chosen == "openai" and not (api_key or base_url):
        raise NotConfigured(
            "The AI engine is selected but not configured: set OPENAI_API_KEY for OpenAI, or "
            "OPENAI_BASE_URL for a local server such as Ollama (http://localhost:11434/v1)."
        )
    if base_url and not re.fullmatch(r"https?://[^/\s]+(/\S*)?", str(base_url)):
        raise InvalidInput("OPENAI_BASE_URL must be a URL such as http://localhost:11434/v1.")
    if chosen == "openai" and not api_key:
        api_key = LOCAL_SERVER_KEY
    budget = setting("IN_CONTEXT_TOKENS", limits.pop("context_tokens", None), secrets)
    if budget is not None:
        try:
            limits["context_tokens"] = int(budget)
        except ValueError:
            raise InvalidInput("IN_CONTEXT_TOKENS must be a whole number of tokens.") from None
        if limits["context_tokens"] < 500:
            raise InvalidInput("IN_CONTEXT_TOKENS must be at least 500.")
    return EngineSettings(
        engine=chosen,
        model=normalise_model(setting("IN_MODEL", model, secrets)),
        base_url=base_url,
        api_key=api_key if chosen == "openai" else None,
        **limits,
    )

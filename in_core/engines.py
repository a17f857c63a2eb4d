"""The chat engine interface, and which engine the configuration asks for.

An engine has a `name`, a `label` to show people, and one method, `stream(request)`: a generator
that yields the answer's text as it arrives and returns what it learned about the answer
(`{"model": ..., "tokensIn": n, "tokensOut": n}`, each optional). Everything else (storing,
timing, the page) is built around that one call.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generator, Protocol

from . import config


@dataclass(frozen=True)
class ChatRequest:
    messages: list[dict]  # Chat Completions messages, the system prompt first
    model: str
    session: dict = field(default_factory=dict)  # the session's summary, for engines that use it


Report = dict | None


class Engine(Protocol):
    name: str
    label: str

    def stream(self, request: ChatRequest) -> Generator[str, None, Report]: ...


def default_engine() -> Engine:
    """The engine the configuration asks for (see `config.engine_settings`)."""
    return engine_for(config.engine_settings())


@lru_cache(maxsize=8)
def engine_for(settings: config.EngineSettings) -> Engine:
    """One engine per distinct configuration, shared by every thread."""
    if settings.engine == "openai":
        from .openai_engine import OpenAIEngine

        return OpenAIEngine(settings)
    from .coach import OfflineCoach

    return OfflineCoach()

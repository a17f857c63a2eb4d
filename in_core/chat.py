"""One chat turn: store the user's message, build the context, stream the engine's answer, store
the answer with how it was made. The user's message is stored before the engine is called, so a
failing engine never loses what was typed.

In a mock interview, a message that answers a question is stored with its offline assessment
(`assessment.assess`); with a model engine, the model's structured assessment replaces it once
the reply is in (`model_feedback`).
"""

import time
from datetime import datetime
from itertools import pairwise
from typing import Callable, Generator

from . import assessment, validation
from .coach import is_skip
from .engines import ChatRequest, Engine
from .errors import InvalidInput, StreamInterrupted, Unavailable
from .model_feedback import model_assessment
from .models import normalise_model
from .prompts import PROMPT_VERSION, system_prompt
from .questions import question_of
from .store import Store

CHARS_PER_TOKEN = 4  # a rough, model-independent estimate, good enough for a budget


def stream_reply(store: Store, engine: Engine | Callable[[], Engine], session_id: str,
                 text: str, model: str | None = None, context_tokens: int | None = None,
                 assess: bool = True) -> Generator[str, None, dict]:
    """Yield the answer to `text` as it streams; return the stored assistant message.

    `engine` may be a function that makes the engine: it is called once the message is stored,
    so a configuration error loses nothing either. If the stream breaks after some text, or the
    caller stops reading, the text so far is stored with status "interrupted" (or "error", see
    `StreamInterrupted`) and nothing repeats. `assess=False` skips the model's assessment of the
    answer (the offline one is always kept).
    """
    validation.text(text, "message")
    model = normalise_model(model) if model else None  # refused before anything is stored
    session, messages = store.read_session(session_id)
    messages.append(store.append_message(session["id"], "user", text))
    engine = engine if hasattr(engine, "stream") else engine()
    return (yield from _stream_answer(store, engine, session, messages, model, context_tokens,
                                      assess))


def stream_retry(store: Store, engine: Engine, session_id: str, model: str | None = None,
                 context_tokens: int | None = None) -> Generator[str, None, dict]:
    """Answer the latest user message again, after a failure or an interrupted answer.

    Nothing new is stored for the user; an interrupted answer stays in the history as it was.
    """
    session, messages = store.read_session(session_id)
    return (yield from _stream_answer(store, engine, session, messages, model, context_tokens))


def _stream_answer(store: Store, engine: Engine, session: dict, messages: list[dict],
                   model: str | None, context_tokens: int | None,
                   assess: bool = True) -> Generator[str, None, dict]:
    """The engine's answer to the latest user message, streamed and then stored together with
    that message's offline assessment, which is made after the first text, off its path."""
    # A model's context is trimmed to its budget; the offline coach reads the whole session,
    # so it never repeats a question however long the session grows.
    if context_tokens is None and hasattr(engine, "settings"):
        context_tokens = engine.settings.context_tokens
    users = [i for i, m in enumerate(messages) if m["type"] == "user"]
    if not users:
        raise InvalidInput("There is no message to answer yet.")
    latest = messages[users[-1]]
    request = ChatRequest(
        messages=context(session, messages[: users[-1] + 1], context_tokens),
        model=normalise_model(model) if model else session["model"],
        session=session,
    )
    started = time.perf_counter()
    parts, first_text_ms, report, status = [], None, None, "interrupted"
    stream = engine.stream(request)
    try:
        while True:
            try:
                chunk = next(stream)
            except StopIteration as done:
                report, status = done.value or {}, "complete"
                break
            if chunk:
                first_text_ms = first_text_ms or _ms_since(started)
                parts.append(chunk)
                yield chunk
    except StreamInterrupted as error:
        status = error.status
        raise
    finally:
        stream.close()
        answer = "".join(parts)
        question = None if "assessment" in latest else \
            _question_answered(messages[: users[-1]], session, latest["content"])
        # The offline coach reports the assessment its feedback is built on; otherwise make it.
        verdict = question and ((report or {}).get("assessment")
                                or assessment.assess(latest["content"], *question))
        scored = (latest["id"], {"assessment": verdict}) if verdict else None
        if answer.strip():  # whatever arrived is kept, even when the turn fails
            message = store.append_message(
                session["id"], "assistant", answer[: validation.MAX_ANSWER_CHARS], update=scored,
                **({"truncated": True} if len(answer) > validation.MAX_ANSWER_CHARS else {}),
                status=status, engine=engine.name,
                model=(report or {}).get("model") or request.model,
                latencyMs=_ms_since(started), firstTextMs=first_text_ms,
                tokensIn=(report or {}).get("tokensIn"), tokensOut=(report or {}).get("tokensOut"),
                promptVersion=PROMPT_VERSION,
            )
        elif scored:
            store.update_message(session["id"], scored[0], **scored[1])
    if not answer.strip():
        raise Unavailable("The model returned an empty answer. Try again.")
    if question and assess and engine.name != "offline":
        better = model_assessment(engine, message["model"], latest["content"], *question)
        store.update_message(session["id"], latest["id"], assessment=better)
    return message


def context(session: dict, messages: list[dict], budget_tokens: int | None) -> list[dict]:
    """The system prompt and as many of the latest messages as fit in `budget_tokens` (all of
    them when it is None). The oldest turns are left out first; the latest is always kept."""
    system = {"role": "system", "content": system_prompt(session)}
    if budget_tokens is None:
        return [system, *({"role": m["type"], "content": m["content"]} for m in messages)]
    budget = budget_tokens * CHARS_PER_TOKEN - len(system["content"])
    kept = []
    for message in reversed(messages):
        budget -= len(message["content"])
        if budget < 0 and kept:
            break
        kept.append({"role": message["type"], "content": message["content"]})
    return [system, *reversed(kept)]


def _question_answered(messages: list[dict], session: dict, text: str) -> tuple | None:
    """In a mock interview, the question a new message answers, if one was asked and the
    message is an answer (not "skip")."""
    if session.get("mode") == "coach" or not messages or messages[-1]["type"] != "assistant" \
            or is_skip(text):
        return None
    return question_of(messages[-1]["content"])


def answer_times(messages: list[dict]) -> dict[str, float]:
    """Seconds from each question to the answer that followed it, by the answer's id."""
    times = {}
    for asked, answered in pairwise(messages):
        if asked["type"] == "assistant" and answered["type"] == "user":
            delta = datetime.fromisoformat(answered["timestamp"]) - \
                datetime.fromisoformat(asked["timestamp"])
            times[answered["id"]] = max(0.0, delta.total_seconds())
    return times


def _ms_since(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)

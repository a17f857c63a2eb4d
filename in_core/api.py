"""The public contract: the product's original REST API as Python functions, with the same JSON
shapes (plain dicts and lists, camelCase keys). Notebooks and scripts depend on these names.

Every function works on the store in the data folder (`IN_DATA_DIR`, else `data/`), looked up
on each call, so pointing `IN_DATA_DIR` elsewhere takes effect at once. Errors are `InError`s.
"""

from datetime import datetime

from . import chat, config, engines, export
from .store import Store, open_store
from .validation import MAX_MESSAGE_CHARS, MAX_TITLE_CHARS  # noqa: F401  (limits, for pages)


def store() -> Store:
    """The store of the current data folder."""
    return open_store(config.data_dir())


def create_session(title: str, model: str | None = None) -> dict:
    """Start a session. `model` defaults to "gpt-5.2"; "GPT-5.2" is the same model.

    Returns `{id, title, date, duration, questionsAsked, model}`.
    """
    return session_shape(store().create_session(title, model or config.default_model()))


def list_sessions() -> list[dict]:
    """Every session, newest first."""
    return [session_shape(s) for s in store().list_sessions()]


def get_session(session_id: str) -> dict:
    """One session; `NotFound` if there is none with that id."""
    return session_shape(store().get_session(session_id))


def delete_session(session_id: str) -> dict:
    """Delete a session with its messages and input history: `{"success": False}` if unknown."""
    return {"success": store().delete_session(session_id)}


def send_message(session_id: str, message: str, model: str | None = None) -> dict:
    """Store `message`, ask the chat engine, store and return its answer (the assistant Message).

    `model` overrides the session's model for this turn. If the engine fails, the user's message
    stays stored and the engine's `InError` is raised.
    """
    stream = stream_message(session_id, message, model)
    while True:
        try:
            next(stream)
        except StopIteration as done:
            return done.value


def stream_message(session_id: str, message: str, model: str | None = None):
    """`send_message` for a page: a generator of the answer's text as it arrives, whose return
    value is the stored assistant Message. Hand it to `st.write_stream`.
    """
    settings = config.engine_settings()
    engine = engines.engine_for(settings)
    reply = yield from chat.stream_reply(
        store(), engine, session_id, message, model, settings.context_tokens
    )
    return message_shape(reply)


def stream_retry(session_id: str, model: str | None = None):
    """Answer the session's latest message again (after an error), streaming like
    `stream_message`. The user's message is not stored a second time.
    """
    settings = config.engine_settings()
    engine = engines.engine_for(settings)
    reply = yield from chat.stream_retry(store(), engine, session_id, model, settings.context_tokens)
    return message_shape(reply)


def search_sessions(query: str) -> list[dict]:
    """Sessions whose title or any message contains `query` (ignoring case), newest first."""
    return [session_shape(s) for s in store().search_sessions(query)]


def get_messages(session_id: str, details: bool = False) -> list[dict]:
    """The conversation in order: `[{id, sessionId, type, content, timestamp}]`.

    With `details=True`, each message also has what was stored about it: for answers the
    engine, model, latency, tokens, prompt version and status.
    """
    messages = store().get_messages(session_id)
    return messages if details else [message_shape(m) for m in messages]


def save_input(input: str, session_id: str) -> dict:
    """Remember something typed in a session, for recall; returns `{"success": True}`."""
    store().save_input(session_id, input)
    return {"success": True}


def get_input_history(limit: int | None = None) -> list[str]:
    """Distinct inputs across all sessions, newest first, each once at its latest use."""
    return store().input_history(limit)


def transcripts_csv(session_ids: list[str] | None = None) -> bytes:
    """CSV bytes, one row per message, of the given sessions (in that order) or of all sessions."""
    db = store()
    if session_ids is None:
        sessions = db.list_sessions()
    else:
        if isinstance(session_ids, str):
            session_ids = [session_ids]
        sessions = [db.get_session(i) for i in dict.fromkeys(session_ids)]
    return export.transcripts_csv(sessions, db.get_messages)


def session_shape(summary: dict) -> dict:
    """The contract's Session from a stored summary."""
    return {
        "id": summary["id"],
        "title": summary["title"],
        "date": summary["date"],
        "duration": format_duration(summary["firstMessageAt"], summary["lastMessageAt"]),
        "questionsAsked": summary["questionsAsked"],
        "model": summary["model"],
    }


def message_shape(message: dict) -> dict:
    """The contract's Message from a stored message."""
    return {key: message[key] for key in ("id", "sessionId", "type", "content", "timestamp")}


def format_duration(first: str | None, last: str | None) -> str:
    """The time between two ISO timestamps, short: "0m", "0m 45s", "12m 05s", "1h 02m"."""
    if not first or not last:
        return "0m"
    seconds = max(0, int((datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes or seconds:
        return f"{minutes}m {seconds:02d}s"
    return "0m"

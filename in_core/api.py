"""The public contract: the product's original REST API as Python functions, with the same JSON
shapes (plain dicts and lists, camelCase keys). Notebooks and scripts depend on these names.

Every function works on the store in the data folder (`IN_DATA_DIR`, else `data/`), looked up
on each call, so pointing `IN_DATA_DIR` elsewhere takes effect at once. Errors are `InError`s.
"""

import logging
from datetime import datetime

from . import chat, config, engines, export, report, resume, validation
from .errors import InError, InvalidInput, NotFound
from .questions import question_of
from .store import Store, now, open_store


def store() -> Store:
    """The store of the current data folder."""
    return open_store(config.data_dir())


def create_session(title: str, model: str | None = None, *, role=None, seniority=None,
                   company=None, interview_type=None, job_description=None, resume_text=None,
                   mode=None, practice_questions=None) -> dict:
    """Start a session. `model` defaults to "gpt-5.2"; "GPT-5.2" is the same model.

    The keywords are the optional setup: target role, seniority (junior, mid, senior),
    company, interview type (behavioral, technical, system design, product, mixed, custom),
    job description and résumé text, mode ("mock" interview, the default, or answer "coach"),
    and questions to practise again. Returns `{id, title, date, duration, questionsAsked, model}`.
    """
    return session_shape(store().create_session(
        title, model or config.default_model(), role=role, seniority=seniority, company=company,
        interview_type=interview_type, job_description=job_description, resume_text=resume_text,
        mode=mode, practice_questions=practice_questions,
    ))


def list_sessions(details: bool = False) -> list[dict]:
    """Every session, newest first. With `details=True`, each also has its short setup fields
    (role, seniority, company, interviewType, mode), `answeredBy`: the model that gave its
    latest answer ("offline-coach" for the offline coach), and `score`: its report's overall
    score, once it has a report."""
    return [_listed(s, details) for s in store().list_sessions()]


def get_session(session_id: str, details: bool = False) -> dict:
    """One session; `NotFound` if there is none with that id.

    With `details=True` it also has its setup (role, seniority, company, interviewType,
    jobDescription, resumeText, mode, practiceQuestions) and its `report`, where present.
    """
    if not details:
        return session_shape(store().get_session(session_id))
    document = store().get_session_document(session_id)
    extra = {key: document[key] for key in (*DETAIL_KEYS, "answeredBy") if document.get(key)}
    return {**session_shape(document), **extra}


def end_session(session_id: str) -> dict:
    """Score the session as a whole and store the report: overall and per-dimension scores,
    strengths, the top three improvements and the weakest answers with better versions."""
    db = store()
    document, messages = db.read_session(session_id)
    built = report.build(document, messages, _engine_or_none(), created_at=now())
    db.update_session(session_id, report=built)
    return built


def report_markdown(session_id: str) -> str:
    """The session's report as Markdown (made now if the session was not ended yet)."""
    document = store().get_session_document(session_id)
    return report.markdown(document.get("report") or end_session(session_id))


def strong_answer(session_id: str, message_id: str) -> str:
    """An example of a strong answer to the question in one of the interviewer's messages.
    Made once, then kept with the message."""
    db = store()
    document, messages = db.read_session(session_id)
    message = next((m for m in messages if m["id"] == message_id), None)
    if message is None or message["type"] != "assistant":
        raise NotFound("There is no interviewer question with that id in this session.")
    if not message.get("strongAnswer"):
        question = question_of(message["content"])[0]
        written = report.strong_answer(question, document, _engine_or_none())
        message = db.update_message(session_id, message_id, strongAnswer=written)
    return message["strongAnswer"]


def extract_resume_text(data: bytes, filename: str = "") -> str:
    """The text of a résumé file (PDF or plain text), for `create_session(resume_text=...)`."""
    return resume.extract_text(data, filename)


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
    reply = yield from chat.stream_reply(store(), engines.default_engine, session_id, message, model)
    return message_shape(reply)


def stream_retry(session_id: str, model: str | None = None):
    """Answer the session's latest message again (after an error), streaming like
    `stream_message`. The user's message is not stored a second time.
    """
    reply = yield from chat.stream_retry(store(), engines.default_engine(), session_id, model)
    return message_shape(reply)


def search_sessions(query: str, details: bool = False) -> list[dict]:
    """Sessions whose title or any message contains `query` (ignoring case), newest first;
    `details` as in `list_sessions`."""
    return [_listed(s, details) for s in store().search_sessions(query)]


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
    if session_ids is None:  # every session that can be read; an unreadable one is logged
        sessions = []
        for summary in db.list_sessions():
            try:
                sessions.append(db.get_session(summary["id"]))
            except InError as error:
                log.warning("Left out of the export: %s", error)
    else:
        if isinstance(session_ids, str):
            session_ids = [session_ids]
        if not isinstance(session_ids, (list, tuple)):
            raise InvalidInput("session_ids must be a list of session ids.")
        wanted = dict.fromkeys(validation.session_id(i) for i in session_ids)
        sessions = [db.get_session(i) for i in wanted]
    return export.transcripts_csv(sessions, db.get_messages)


log = logging.getLogger(__name__)
DETAIL_KEYS = ("role", "seniority", "company", "interviewType", "jobDescription", "resumeText",
               "mode", "practiceQuestions", "report")


def _engine_or_none():
    """The configured engine, or None when it cannot be made (the offline coach then serves)."""
    try:
        return engines.default_engine()
    except InError:
        return None


def _listed(summary: dict, details: bool) -> dict:
    shape = session_shape(summary)
    if details:
        shape.update({k: summary[k] for k in (*DETAIL_KEYS, "answeredBy", "score")
                      if summary.get(k)})
    return shape


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

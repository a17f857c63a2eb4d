"""Sessions and messages as pandas DataFrames with proper dtypes, for review notebooks.

Times are tz-aware (UTC), counts are nullable integers, repeated labels are categories.
"""

import logging
from itertools import pairwise
from pathlib import Path

import pandas as pd

from . import config
from .assessment import DIMENSIONS, word_count
from .chat import answer_times
from .errors import InError
from .questions import question_of
from .store import Store, open_store

log = logging.getLogger(__name__)

MESSAGE_COLUMNS = {
    "message_id": "string", "session_id": "string", "title": "string", "session_date": None,
    "model": "category", "role": "category", "content": "string", "timestamp": None,
    "words": "Int64", "engine": "category", "answered_by": "category", "status": "category",
    "latency_ms": "Float64", "first_text_ms": "Float64", "tokens_in": "Int64",
    "tokens_out": "Int64", "prompt_version": "category",
}


def _store(folder) -> Store:
    return open_store(Path(folder) if folder else config.data_dir())


def _readable(store: Store, listed: list[dict]) -> list[tuple[dict, list[dict]]]:
    """(session, messages) for every listed session that can be read, oldest first; an
    unreadable one is logged and left out, so one damaged file does not hide the rest."""
    pairs = []
    for session in listed[::-1]:
        try:
            pairs.append((session, store.get_messages(session["id"])))
        except InError as error:
            log.warning("Left out of the analysis: %s", error)
    return pairs


def _read(folder) -> list[tuple[dict, list[dict]]]:
    store = _store(folder)
    return _readable(store, store.list_sessions())


def _scored(verdict) -> bool:
    """Whether a stored assessment has the scores analysis needs (a hand edit may not)."""
    return isinstance(verdict, dict) and isinstance(verdict.get("scores"), dict) and all(
        isinstance(verdict["scores"].get(d), int) for d in DIMENSIONS
    ) and isinstance(verdict.get("overall"), (int, float))


def messages_frame(folder=None) -> pd.DataFrame:
    """One row per message, in conversation order, with its session's title, date and model."""
    return _messages(_read(folder))


def _messages(pairs) -> pd.DataFrame:
    rows = []
    for session, messages in pairs:
        for message in messages:
            rows.append({
                "message_id": message["id"], "session_id": session["id"],
                "title": session["title"], "session_date": session["date"],
                "model": session["model"], "role": message["type"],
                "content": message["content"], "timestamp": message["timestamp"],
                "words": word_count(message["content"]), "engine": message.get("engine"),
                "answered_by": message.get("model"), "status": message.get("status"),
                "latency_ms": message.get("latencyMs"), "first_text_ms": message.get("firstTextMs"),
                "tokens_in": message.get("tokensIn"), "tokens_out": message.get("tokensOut"),
                "prompt_version": message.get("promptVersion"),
            })
    frame = pd.DataFrame(rows, columns=list(MESSAGE_COLUMNS))
    for column in ("session_date", "timestamp"):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame.astype({k: v for k, v in MESSAGE_COLUMNS.items() if v})


def answers_frame(folder=None) -> pd.DataFrame:
    """One row per assessed answer: the question, the scores per dimension, the time taken to
    answer, and the session's title, date and interview type."""
    return _answers(_read(folder))


def _answers(pairs) -> pd.DataFrame:
    rows = []
    for session, messages in pairs:
        times = answer_times(messages)
        for asked, answer in pairwise(messages):
            verdict = answer.get("assessment")
            if answer["type"] != "user" or not _scored(verdict):
                continue
            rows.append({
                "session_id": session["id"], "title": session["title"],
                "session_date": session["date"],
                "interview_type": session.get("interviewType") or "unspecified",
                "question": question_of(asked["content"])[0], "answer": answer["content"],
                "timestamp": answer["timestamp"], "seconds_to_answer": times.get(answer["id"]),
                **{d: verdict["scores"][d] for d in DIMENSIONS}, "overall": verdict["overall"],
                "source": verdict.get("source", "offline"),
            })
    columns = ["session_id", "title", "session_date", "interview_type", "question", "answer",
               "timestamp", "seconds_to_answer", *DIMENSIONS, "overall", "source"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("session_date", "timestamp"):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame.astype({
        "session_id": "string", "title": "string", "interview_type": "category",
        "question": "string", "answer": "string", "seconds_to_answer": "Float64",
        **dict.fromkeys(DIMENSIONS, "Int64"), "overall": "Float64", "source": "category",
    })


def sessions_frame(folder=None) -> pd.DataFrame:
    """One row per session, newest first: when, which model and engine, how many questions,
    how long, how long the answers were and how fast the replies came."""
    store = _store(folder)
    listed = store.list_sessions()
    pairs = _readable(store, listed)  # read once, for both the messages and the scores
    messages = _messages(pairs)
    sessions = pd.DataFrame(listed)
    if sessions.empty:
        sessions = pd.DataFrame(columns=["id", "title", "date", "model", "questionsAsked"])
    frame = pd.DataFrame({
        "session_id": sessions["id"].astype("string"),
        "title": sessions["title"].astype("string"),
        "date": pd.to_datetime(sessions["date"], utc=True, format="ISO8601"),
        "model": sessions["model"].astype("category"),
        "questions_asked": sessions["questionsAsked"].astype("Int64"),
    })
    by_session = messages.groupby("session_id", observed=True)
    answers = messages[messages["role"] == "user"].groupby("session_id", observed=True)
    replies = messages[messages["role"] == "assistant"].groupby("session_id", observed=True)
    span = by_session["timestamp"].max() - by_session["timestamp"].min()
    frame["duration_s"] = frame["session_id"].map(span.dt.total_seconds()).round().astype("Int64")
    frame["avg_answer_words"] = frame["session_id"].map(answers["words"].mean()).astype("Float64")
    frame["avg_latency_ms"] = frame["session_id"].map(replies["latency_ms"].mean()).astype("Float64")
    engine = replies["engine"].agg(lambda e: e.mode().iloc[0] if e.notna().any() else pd.NA)
    frame["engine"] = frame["session_id"].map(engine).astype("category")
    frame["interview_type"] = sessions.get("interviewType", pd.Series(dtype="object")) \
        .reindex(sessions.index).fillna("unspecified").astype("category")
    scores = _answers(pairs).groupby("session_id", observed=True)
    for dimension in (*DIMENSIONS, "overall"):
        frame[f"score_{dimension}"] = frame["session_id"].map(scores[dimension].mean()) \
            .astype("Float64")
    return frame.reset_index(drop=True)

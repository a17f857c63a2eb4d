"""The DataFrame loaders: proper dtypes and the right numbers, from a real store."""

from datetime import datetime, timedelta, timezone

import pandas as pd

from in_core import analytics, chat
from in_core.coach import OfflineCoach
from in_core.store import Store

START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now.isoformat(timespec="microseconds")


def turn(store, session_id, text):
    for _ in chat.stream_reply(store, OfflineCoach(), session_id, text):
        pass


def build(folder):
    clock = Clock()
    store = Store(folder, clock=clock)
    first = store.create_session("Data analyst")["id"]
    turn(store, first, "Hi")
    clock.now += timedelta(seconds=90)
    turn(store, first, "one two three four five six")
    clock.now = START + timedelta(days=1)
    second = store.create_session("Backend engineer")["id"]
    return first, second


def test_messages_have_proper_dtypes_and_their_session_joined(data_dir):
    first, _ = build(data_dir)
    frame = analytics.messages_frame(data_dir)
    assert len(frame) == 4
    assert str(frame["timestamp"].dt.tz) == "UTC" and str(frame["session_date"].dt.tz) == "UTC"
    assert frame["role"].dtype == "category" and frame["model"].dtype == "category"
    assert frame["words"].dtype == "Int64" and frame["tokens_in"].dtype == "Int64"
    assert frame["latency_ms"].dtype == "Float64"
    assert list(frame["role"]) == ["user", "assistant", "user", "assistant"]
    assert set(frame["title"]) == {"Data analyst"} and set(frame["session_id"]) == {first}
    assert list(frame["words"][::2]) == [1, 6]
    assert set(frame["engine"].dropna()) == {"offline"}


def test_sessions_have_counts_durations_and_averages(data_dir):
    first, second = build(data_dir)
    frame = analytics.sessions_frame(data_dir).set_index("session_id")
    assert list(frame.index) == [second, first]  # newest first
    assert frame["date"].dt.tz is not None and frame["questions_asked"].dtype == "Int64"
    assert frame.loc[first, "questions_asked"] == 2
    assert frame.loc[first, "duration_s"] == 90
    assert frame.loc[first, "avg_answer_words"] == 3.5
    assert frame.loc[first, "avg_latency_ms"] >= 0 and frame.loc[first, "engine"] == "offline"
    assert frame.loc[second, "questions_asked"] == 0 and pd.isna(frame.loc[second, "duration_s"])


def test_an_empty_store_gives_empty_frames_with_the_columns(data_dir):
    assert analytics.messages_frame(data_dir).empty
    sessions = analytics.sessions_frame(data_dir)
    assert sessions.empty and {"session_id", "questions_asked", "engine"} <= set(sessions.columns)

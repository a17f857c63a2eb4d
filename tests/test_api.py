"""The public contract of `in_core.api`: names, JSON shapes and semantics."""

import csv
import io
import re
import uuid
from datetime import datetime, timedelta

import pytest

from in_core import api
from in_core.errors import InError, InvalidInput, NotFound

SESSION_KEYS = {"id", "title", "date", "duration", "questionsAsked", "model"}
MESSAGE_KEYS = {"id", "sessionId", "type", "content", "timestamp"}


def is_iso_with_offset(text):
    return datetime.fromisoformat(text).utcoffset() == timedelta(0)


def test_create_session_returns_the_contract_shape():
    session = api.create_session("  Backend   interview  ")
    assert set(session) == SESSION_KEYS
    assert uuid.UUID(session["id"]).version == 4
    assert session["title"] == "Backend interview"
    assert is_iso_with_offset(session["date"])
    assert session["duration"] == "0m"
    assert session["questionsAsked"] == 0
    assert session["model"] == "gpt-5.2"


@pytest.mark.parametrize("given", ["GPT-5.2", "gpt-5.2", " Gpt-5.2 "])
def test_the_default_model_is_accepted_by_label_or_id(given):
    assert api.create_session("x", given)["model"] == "gpt-5.2"


def test_a_custom_model_name_is_kept():
    assert api.create_session("x", "llama3.1:8b")["model"] == "llama3.1:8b"


def test_list_sessions_is_newest_first_and_get_session_matches():
    first = api.create_session("first")
    second = api.create_session("second")
    listed = api.list_sessions()
    assert [s["id"] for s in listed] == [second["id"], first["id"]]
    assert api.get_session(first["id"]) == first
    assert all(set(s) == SESSION_KEYS for s in listed)


def test_messages_are_stored_in_order_with_the_contract_shape():
    session = api.create_session("chat")
    answer = api.send_message(session["id"], "Hello there")
    assert set(answer) == MESSAGE_KEYS
    assert answer["type"] == "assistant" and answer["sessionId"] == session["id"]
    assert answer["content"].strip()
    api.send_message(session["id"], "My second answer")
    messages = api.get_messages(session["id"])
    assert [m["type"] for m in messages] == ["user", "assistant"] * 2
    assert [m["content"] for m in messages[::2]] == ["Hello there", "My second answer"]
    assert messages[1] == answer
    assert all(set(m) == MESSAGE_KEYS and is_iso_with_offset(m["timestamp"]) for m in messages)
    assert len({m["id"] for m in messages}) == 4
    assert api.get_session(session["id"])["questionsAsked"] == 2


def test_input_history_is_distinct_and_newest_first_across_sessions():
    one, two = api.create_session("one"), api.create_session("two")
    for text, session in [("alpha", one), ("beta", two), ("gamma", one), ("alpha", two)]:
        assert api.save_input(text, session["id"]) == {"success": True}
    assert api.get_input_history() == ["alpha", "gamma", "beta"]
    assert api.get_input_history(limit=2) == ["alpha", "gamma"]
    assert api.get_input_history(limit=0) == []


def test_input_history_merges_sessions_by_the_time_of_each_input():
    one, two = api.create_session("one"), api.create_session("two")
    api.save_input("old in one", one["id"])
    api.save_input("only in two", two["id"])
    api.save_input("new in one", one["id"])
    assert api.get_input_history() == ["new in one", "only in two", "old in one"]


def test_delete_removes_the_session_its_messages_and_its_input_history():
    keep, gone = api.create_session("keep"), api.create_session("gone")
    api.send_message(gone["id"], "an answer")
    api.save_input("typed in gone", gone["id"])
    api.save_input("typed in keep", keep["id"])
    assert api.delete_session(gone["id"]) == {"success": True}
    assert [s["id"] for s in api.list_sessions()] == [keep["id"]]
    assert api.get_input_history() == ["typed in keep"]
    with pytest.raises(NotFound):
        api.get_messages(gone["id"])
    assert api.delete_session(gone["id"]) == {"success": False}


@pytest.mark.parametrize(
    "call",
    [
        lambda sid: api.get_session(sid),
        lambda sid: api.get_messages(sid),
        lambda sid: api.send_message(sid, "hi"),
        lambda sid: api.save_input("hi", sid),
        lambda sid: api.transcripts_csv([sid]),
    ],
)
def test_an_unknown_session_id_raises_not_found(call):
    with pytest.raises(NotFound) as raised:
        call(str(uuid.uuid4()))
    assert isinstance(raised.value, LookupError) and isinstance(raised.value, InError)
    assert "no session" in str(raised.value)


@pytest.mark.parametrize("bad_id", ["../x", "1", "", "../../etc/passwd", None, 42, "a" * 36,
                                    str(uuid.uuid4()) + "/..", " " + str(uuid.uuid4())])
def test_a_malformed_id_is_rejected_before_touching_files(bad_id, data_dir):
    api.create_session("existing")
    before = sorted(data_dir.rglob("*"))
    for call in (api.get_session, api.get_messages, api.delete_session,
                 lambda sid: api.send_message(sid, "hi"), lambda sid: api.save_input("hi", sid)):
        with pytest.raises(InvalidInput) as raised:
            call(bad_id)
        assert isinstance(raised.value, ValueError)
        assert "not a valid session id" in str(raised.value)
    assert sorted(data_dir.rglob("*")) == before


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None, 12, "x" * 20_001, "bad \ud800 surrogate"])
def test_bad_message_text_is_rejected_and_nothing_is_stored(text):
    session = api.create_session("s")
    with pytest.raises(InvalidInput):
        api.send_message(session["id"], text)
    with pytest.raises(InvalidInput):
        api.save_input(text, session["id"])
    assert api.get_messages(session["id"]) == []
    assert api.get_input_history() == []


def test_a_message_at_the_size_limit_is_accepted():
    session = api.create_session("s")
    api.send_message(session["id"], "x" * 20_000)
    assert api.get_messages(session["id"])[0]["content"] == "x" * 20_000


@pytest.mark.parametrize("title", ["", "  ", None, "t" * 201])
def test_bad_titles_are_rejected(title):
    with pytest.raises(InvalidInput):
        api.create_session(title)
    assert api.list_sessions() == []


def test_unicode_round_trips_exactly_and_is_stored_readably(data_dir):
    text = "Zoë’s café 🚀 — 東京 office, مرحبا بالعالم, \u200fRTL\u200f, e\u0301 and tabs\tand\nlines"
    session = api.create_session(f"Entretien 🎯 {text[:20]}")
    api.send_message(session["id"], text)
    api.save_input(text, session["id"])
    assert api.get_messages(session["id"])[0]["content"] == text
    assert api.get_input_history() == [text]
    assert api.get_session(session["id"])["title"].startswith("Entretien 🎯 Zoë")
    raw = (data_dir / "sessions" / f"{session['id']}.json").read_text("utf-8")
    assert "東京" in raw and "🚀" in raw and "\\u" not in raw


def test_returned_documents_are_copies():
    session = api.create_session("copies")
    api.send_message(session["id"], "hello")
    api.get_session(session["id"])["title"] = "changed"
    api.list_sessions()[0]["questionsAsked"] = 99
    api.get_messages(session["id"])[0]["content"] = "changed"
    api.get_input_history().clear()
    assert api.get_session(session["id"])["title"] == "copies"
    assert api.list_sessions()[0]["questionsAsked"] == 1
    assert api.get_messages(session["id"])[0]["content"] == "hello"


def test_data_dir_follows_the_environment_when_used(tmp_path, monkeypatch):
    api.create_session("in the first folder")
    monkeypatch.setenv("IN_DATA_DIR", str(tmp_path / "other"))
    assert api.list_sessions() == []
    api.create_session("in the second folder")
    assert (tmp_path / "other" / "sessions").is_dir()


def test_transcripts_csv_has_one_row_per_message():
    one, two = api.create_session("One, \"quoted\""), api.create_session("Two")
    api.send_message(one["id"], "first answer\nwith a line break")
    api.send_message(two["id"], "=SUM(A1:A9)")
    data = api.transcripts_csv()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["session_id", "title", "session_date", "model", "message_id",
                             "role", "content", "timestamp"]
    assert [r["session_id"] for r in rows] == [two["id"]] * 2 + [one["id"]] * 2
    assert rows[0]["content"] == "'=SUM(A1:A9)"
    assert rows[2]["title"] == 'One, "quoted"' and rows[2]["content"] == "first answer\nwith a line break"
    only_one = list(csv.DictReader(io.StringIO(api.transcripts_csv([one["id"]]).decode("utf-8-sig"))))
    assert {r["session_id"] for r in only_one} == {one["id"]} and len(only_one) == 2


@pytest.mark.parametrize(
    "first, last, expected",
    [
        (None, None, "0m"),
        ("2026-01-01T10:00:00+00:00", "2026-01-01T10:00:00.5+00:00", "0m"),
        ("2026-01-01T10:00:00+00:00", "2026-01-01T10:00:45+00:00", "0m 45s"),
        ("2026-01-01T10:00:00+00:00", "2026-01-01T10:12:05+00:00", "12m 05s"),
        ("2026-01-01T10:00:00+00:00", "2026-01-01T11:02:59+00:00", "1h 02m"),
    ],
)
def test_duration_is_a_short_human_string(first, last, expected):
    assert api.format_duration(first, last) == expected


def test_duration_runs_from_the_first_to_the_last_message():
    session = api.create_session("timed")
    api.send_message(session["id"], "hi")
    assert re.fullmatch(r"0m( \d\ds)?", api.get_session(session["id"])["duration"])


@pytest.mark.parametrize("call", [
    lambda: api.search_sessions(None), lambda: api.transcripts_csv(5),
    lambda: api.get_input_history(True), lambda: api.get_input_history(-1),
    lambda: api.get_input_history(2.5),
])
def test_arguments_of_the_wrong_kind_are_refused(call):
    with pytest.raises(InvalidInput):
        call()


@pytest.mark.parametrize("text", ["\u200b\u200b", "\x00", " \u200b\n"])
def test_text_with_nothing_visible_counts_as_empty(text):
    session = api.create_session("visible")
    with pytest.raises(InvalidInput, match="empty"):
        api.send_message(session["id"], text)
    with pytest.raises(InvalidInput, match="empty"):
        api.create_session(text)


def test_a_title_is_measured_after_its_spaces_are_tidied():
    assert api.create_session("t" * 150 + " " * 100)["title"] == "t" * 150


def test_an_export_names_each_session_once_however_its_id_is_written():
    session = api.create_session("Once")
    api.send_message(session["id"], "hello")
    rows = list(csv.DictReader(io.StringIO(
        api.transcripts_csv([session["id"], session["id"].upper()]).decode("utf-8-sig"))))
    assert len(rows) == 2


def test_exporting_everything_leaves_out_an_unreadable_session(data_dir):
    good, bad = api.create_session("Good"), api.create_session("Bad")
    for session in (good, bad):
        api.send_message(session["id"], "hello")
    (data_dir / "sessions" / f"{bad['id']}.json").write_text("{not json", "utf-8")
    rows = list(csv.DictReader(io.StringIO(api.transcripts_csv().decode("utf-8-sig"))))
    assert {r["session_id"] for r in rows} == {good["id"]}

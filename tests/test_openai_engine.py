"""The real openai SDK and tenacity against a scripted Chat Completions server on loopback."""

import logging
import socket
import time

import pytest

from in_core import api, chat
from in_core.config import EngineSettings
from in_core.errors import (
    AuthenticationFailed,
    BadRequest,
    ContextTooLong,
    InvalidInput,
    RateLimited,
    StreamInterrupted,
    TimedOut,
    Unavailable,
)
from in_core.openai_engine import OpenAIEngine
from in_core.store import open_store

from .openai_server import OpenAIServer, Reply, chunk, text_stream

KEY = "sk-test-" + "S3cr3tK3y" * 4


@pytest.fixture
def server():
    server = OpenAIServer()
    yield server
    server.close()


@pytest.fixture
def store(data_dir):
    return open_store(data_dir)


@pytest.fixture
def session(store):
    return store.create_session("Backend engineer interview")


def make_engine(server, **overrides):
    limits = dict(max_attempts=4, deadline=5.0, connect_timeout=1.0, idle_timeout=0.5,
                  retry_wait=0.01, retry_wait_max=0.05, retry_after_cap=2.0)
    return OpenAIEngine(EngineSettings(engine="openai", api_key=KEY, base_url=server.url,
                                       **{**limits, **overrides}))


def turn(store, engine, session, text="Tell me about yourself", context_tokens=12_000):
    """Run one chat turn; returns (streamed text, stored assistant message or raised error)."""
    pieces = []
    stream = chat.stream_reply(store, engine, session["id"], text, context_tokens=context_tokens)
    try:
        while True:
            pieces.append(next(stream))
    except StopIteration as done:
        return "".join(pieces), done.value
    except Exception as error:
        return "".join(pieces), error


def assert_no_key(*texts):
    for text in texts:
        assert KEY not in text and KEY[8:20] not in text


def test_a_streamed_answer_is_stored_with_how_it_was_made(server, store, session):
    streamed, message = turn(store, make_engine(server), session)
    assert streamed == message["content"] == "Hello from the test model."
    assert len(server.requests) == 1
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["authorization"] == f"Bearer {KEY}"
    assert sent["body"]["stream"] is True and sent["body"]["model"] == "gpt-5.2"
    assert [m["role"] for m in sent["body"]["messages"]] == ["system", "user"]
    assert "Backend engineer interview" in sent["body"]["messages"][0]["content"]
    stored = store.get_messages(session["id"])[-1]
    assert stored == message
    assert stored["status"] == "complete" and stored["engine"] == "openai"
    assert (stored["tokensIn"], stored["tokensOut"]) == (12, 5)
    assert stored["model"] == "test-model" and stored["promptVersion"].startswith("interviewer-")
    assert stored["latencyMs"] >= 0 and stored["firstTextMs"] <= stored["latencyMs"]


def test_empty_choices_null_content_role_and_usage_only_chunks_are_handled(server, store, session):
    events = [
        chunk(choices=False),
        chunk("", role="assistant"),
        chunk(None),
        chunk("Only "),
        chunk(choices=False),
        chunk(None),
        chunk("this."),
        chunk(False, finish="stop"),
        chunk(choices=False, usage={"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}),
    ]
    server.script(Reply(events=events))
    streamed, message = turn(store, make_engine(server), session)
    assert streamed == message["content"] == "Only this."
    assert (message["tokensIn"], message["tokensOut"]) == (3, 2)


def test_a_server_that_sends_no_usage_leaves_token_counts_unknown(server, store, session):
    server.script(Reply(events=text_stream("No usage here.", usage=None)))
    _, message = turn(store, make_engine(server), session)
    assert message["tokensIn"] is None and message["status"] == "complete"


def test_503_then_success_is_retried_once(server, store, session):
    server.script(Reply.error(503, "overloaded"), Reply.stream("Second time lucky."))
    streamed, message = turn(store, make_engine(server), session)
    assert streamed == "Second time lucky." and message["status"] == "complete"
    assert len(server.requests) == 2


def test_persistent_5xx_gives_up_after_the_attempt_limit(server, store, session):
    server.script(*[Reply.error(502, "bad gateway")] * 6)
    streamed, error = turn(store, make_engine(server, max_attempts=3), session)
    assert isinstance(error, Unavailable) and "502" in str(error)
    assert len(server.requests) == 3 and streamed == ""
    assert [m["type"] for m in store.get_messages(session["id"])] == ["user"]


def test_429_with_retry_after_waits_as_asked(server, store, session):
    server.script(Reply.error(429, "slow down", headers={"Retry-After": "0.3"}), Reply.stream("ok"))
    started = time.monotonic()
    streamed, _ = turn(store, make_engine(server), session)
    assert streamed == "ok" and len(server.requests) == 2
    assert time.monotonic() - started >= 0.3


def test_retry_after_ms_is_honoured(server, store, session):
    server.script(Reply.error(429, "slow", headers={"retry-after-ms": "250"}), Reply.stream("ok"))
    started = time.monotonic()
    assert turn(store, make_engine(server), session)[0] == "ok"
    assert time.monotonic() - started >= 0.25


def test_a_retry_hint_longer_than_the_budget_gives_up_at_once(server, store, session):
    server.script(Reply.error(429, "slow down", headers={"Retry-After": "120"}))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, RateLimited) and error.retry_after == 120
    assert "try again in 120 s" in str(error)
    assert len(server.requests) == 1


def test_an_exhausted_quota_is_not_retried(server, store, session):
    server.script(Reply.error(429, "You exceeded your quota", code="insufficient_quota"))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, BadRequest) and "quota" in str(error)
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_never_retried(server, store, session, status):
    server.script(Reply.error(status, "no"))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, (BadRequest, AuthenticationFailed))
    assert len(server.requests) == 1
    assert [m["type"] for m in store.get_messages(session["id"])] == ["user"]


def test_an_unknown_model_says_which(server, store, session):
    server.script(Reply.error(404, "model 'gpt-5.2' not found"))
    _, error = turn(store, make_engine(server), session)
    assert "does not know the model 'gpt-5.2'" in str(error)


def test_a_rejected_key_is_never_shown_anywhere(server, store, session, caplog, data_dir):
    caplog.set_level(logging.DEBUG)
    echo = f"Incorrect API key provided: {KEY[:12]}***{KEY[-6:]}. Full key: {KEY}"
    server.script(Reply.error(401, echo, code="invalid_api_key"))
    engine = make_engine(server)
    _, error = turn(store, engine, session)
    assert isinstance(error, AuthenticationFailed)
    assert str(error).startswith("The API key was rejected")
    assert len(server.requests) == 1
    stored = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    assert_no_key(str(error), repr(error), repr(engine), repr(engine.settings), caplog.text,
                  stored.decode("utf-8"), api.transcripts_csv().decode("utf-8-sig"))
    assert KEY[-6:] not in str(error)


def test_a_server_message_that_echoes_the_key_is_scrubbed(server, store, session):
    server.script(Reply.error(400, f"Bad request for key {KEY} and {KEY[3:15]}"))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, BadRequest)
    assert_no_key(str(error))
    assert "[redacted]" in str(error)


def test_context_length_exceeded_is_its_own_error(server, store, session):
    server.script(Reply.error(400, "This model's maximum context length is 8192 tokens.",
                              code="context_length_exceeded"))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, ContextTooLong) and isinstance(error, BadRequest)
    assert len(server.requests) == 1


def test_a_hanging_server_times_out_after_the_attempt_limit(server, store, session):
    server.script(Reply.hang(), Reply.hang())
    _, error = turn(store, make_engine(server, max_attempts=2, idle_timeout=0.3), session)
    assert isinstance(error, TimedOut)
    assert len(server.requests) == 2


def test_a_dropped_stream_keeps_the_partial_text_once_and_is_not_retried(server, store, session):
    events = [chunk("", role="assistant"), chunk("One, "), chunk("two, "), chunk("three")]
    server.script(Reply.events_then(events, "drop"), Reply.stream("should never be asked for"))
    streamed, error = turn(store, make_engine(server), session)
    assert isinstance(error, StreamInterrupted)
    assert error.partial_text == streamed == "One, two, three"
    assert len(server.requests) == 1
    stored = store.get_messages(session["id"])
    assert [m["type"] for m in stored] == ["user", "assistant"]
    assert stored[-1]["content"] == "One, two, three" and stored[-1]["status"] == "interrupted"


def test_an_error_event_mid_stream_ends_it_with_the_partial_text(server, store, session):
    events = [chunk("", role="assistant"), chunk("Half an "), chunk("answer")]
    server.script(Reply.events_then(events, "error"))
    streamed, error = turn(store, make_engine(server), session)
    assert isinstance(error, StreamInterrupted) and "reported an error" in str(error)
    assert streamed == error.partial_text == "Half an answer"
    stored = store.get_messages(session["id"])[-1]
    assert stored["status"] == "error" and stored["content"] == "Half an answer"
    assert len(server.requests) == 1


def test_an_error_event_before_any_text_is_retried(server, store, session):
    server.script(Reply.events_then([chunk("", role="assistant")], "error"), Reply.stream("fine"))
    assert turn(store, make_engine(server), session)[0] == "fine"
    assert len(server.requests) == 2


def test_a_stream_that_goes_idle_is_ended(server, store, session):
    server.script(Reply.events_then([chunk("Thinking"), chunk(" hard")], "stall"))
    streamed, error = turn(store, make_engine(server, idle_timeout=0.3), session)
    assert isinstance(error, StreamInterrupted) and streamed == "Thinking hard"
    assert store.get_messages(session["id"])[-1]["status"] == "interrupted"


def test_a_stream_past_the_total_deadline_is_ended(server, store, session):
    slow = Reply(events=text_stream("a b c d e f g h i j k l", pieces=12), gap=0.2)
    server.script(slow)
    streamed, error = turn(store, make_engine(server, deadline=0.7, idle_timeout=5), session)
    assert isinstance(error, StreamInterrupted) and "longer than" in str(error)
    assert streamed and streamed == error.partial_text


def test_no_server_listening_is_unavailable(store, session):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = OpenAIEngine(EngineSettings(engine="openai", api_key=KEY, max_attempts=2,
                                         base_url=f"http://127.0.0.1:{port}/v1", retry_wait=0.01))
    _, error = turn(store, engine, session)
    assert isinstance(error, Unavailable) and f"127.0.0.1:{port}" in str(error)


def test_a_long_session_is_trimmed_to_the_context_budget(server, store, session):
    for i in range(150):
        store.append_message(session["id"], "user", f"answer {i} " + "words " * 60)
        store.append_message(session["id"], "assistant", f"question {i} " + "more " * 60)
    streamed, message = turn(store, make_engine(server), session, "The latest answer",
                             context_tokens=4_000)
    assert message["status"] == "complete"
    sent = server.requests[0]["body"]["messages"]
    assert sent[0]["role"] == "system" and sent[-1] == {"role": "user", "content": "The latest answer"}
    assert sum(len(m["content"]) for m in sent) <= 4_000 * 4
    assert 5 < len(sent) < 301
    assert sent[-2]["content"].startswith("question 149")


def test_the_api_uses_the_configured_server(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    session = api.create_session("Configured by environment")
    answer = api.send_message(session["id"], "Hello")
    assert answer["content"] == "Hello from the test model."
    assert server.requests[0]["headers"]["authorization"] == f"Bearer {KEY}"


def test_a_server_trickling_keep_alives_before_any_text_is_stopped_at_the_deadline(server, store,
                                                                                   session):
    server.script(Reply(events=[b": keep-alive\n\n", chunk("")] * 40 + text_stream("late"),
                        gap=0.1))
    started = time.monotonic()
    _, error = turn(store, make_engine(server, deadline=1.0, idle_timeout=5, max_attempts=1),
                    session)
    assert isinstance(error, TimedOut) and time.monotonic() - started < 3


def test_a_one_chunk_answer_is_complete(server, store, session):
    server.script(Reply(events=[chunk("Whole answer.", finish="stop")]))
    streamed, message = turn(store, make_engine(server), session)
    assert streamed == "Whole answer." and message["status"] == "complete"


@pytest.mark.parametrize("events", [
    [b"data: {not json\n\n"],
    [chunk("Half"), b"data: {not json\n\n"],
    [{"id": "x", "object": "chat.completion.chunk", "choices": None}],
    [chunk("Text"), {"id": "x", "choices": [{"delta": {"content": 123}, "finish_reason": None}]}],
    [b"data: [1, 2, 3]\n\n"],
])
def test_unreadable_streams_become_typed_errors(server, store, session, events):
    server.script(*[Reply.events_then(events, "done")] * 4)
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, (Unavailable, StreamInterrupted))


def test_odd_but_harmless_chunks_are_ignored(server, store, session):
    odd = [chunk("", role="assistant"), chunk("Fine"), {"id": "x", "choices": [], "usage": "lots"},
           chunk(" answer."), chunk(False, finish="stop")]
    server.script(Reply(events=odd))
    streamed, message = turn(store, make_engine(server), session)
    assert streamed == "Fine answer." and message["status"] == "complete"


@pytest.mark.parametrize("headers", [{"Retry-After": "inf"}, {"retry-after-ms": "1e400"}])
def test_an_endless_retry_hint_gives_up_at_once(server, store, session, headers):
    server.script(Reply.error(429, "slow down", headers=headers))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, RateLimited) and "try again later" in str(error)
    assert len(server.requests) == 1


def test_an_html_error_page_is_not_echoed(server, store, session):
    server.script(Reply(status=400, body="<html><script>alert(1)</script>Bad gateway</html>"))
    _, error = turn(store, make_engine(server), session)
    assert isinstance(error, BadRequest) and "<" not in str(error) and "script" not in str(error)


def test_an_answer_longer_than_a_typed_message_is_kept(server, store, session):
    long = "word " * 6_000  # 30,000 characters: more than a person may type, fine for a model
    server.script(Reply.stream(long, pieces=10))
    streamed, message = turn(store, make_engine(server), session)
    assert message["content"] == streamed == long and message["status"] == "complete"


def test_an_invalid_model_name_stores_nothing(server, store, session):
    stream = chat.stream_reply(store, make_engine(server), session["id"], "hi", model="x" * 500)
    with pytest.raises(InvalidInput):
        next(stream)
    assert store.get_messages(session["id"]) == []


def test_credentials_in_the_server_address_are_never_shown(monkeypatch):
    engine = OpenAIEngine(EngineSettings(engine="openai", api_key=KEY, max_attempts=1,
                                         base_url="http://apikey:sk-proxy-SECRET123@127.0.0.1:9/v1"))
    assert engine.server == "127.0.0.1:9" and "SECRET" not in engine.label

"""Coaching: session setup, résumés, scored feedback (offline and from a model), reports."""

import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfWriter

from in_core import api, assessment, chat, report
from in_core.coach import OfflineCoach
from in_core.config import EngineSettings
from in_core.errors import InError, InvalidInput
from in_core.model_feedback import parse_assessment
from in_core.openai_engine import OpenAIEngine
from in_core.store import Store, open_store

from .openai_server import OpenAIServer, Reply

STORY = ("Last year at my previous company our nightly data pipeline kept failing. I was "
         "responsible for making it reliable before the quarterly report. I added retries, split "
         "the job into stages and wrote alerts. As a result, failures dropped from 12 a month to 1.")
VALID = {"scores": {"structure": 4, "relevance": 5, "specificity": 3, "clarity": 4},
         "star": {"situation": True, "task": True, "action": True, "result": False},
         "improvements": ["Say what changed for the business."]}


def pdf_with_text(*lines: str, content: str | None = None) -> bytes:
    """A one-page PDF whose page shows `lines` (or runs `content`), written object by object."""
    text = content or "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(text)} >>\nstream\n{text}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# Setup

def test_setup_fields_round_trip_and_the_old_call_still_works():
    plain = api.create_session("Plain", "gpt-5.2")
    assert set(plain) == {"id", "title", "date", "duration", "questionsAsked", "model"}
    full = api.create_session(
        "Full setup", role="Data analyst", seniority="Senior", company="Acme Bank",
        interview_type="System design", job_description="SQL, dashboards, A/B tests.",
        resume_text="Built a churn model.", mode="coach",
        practice_questions=["What is a p-value?"],
    )
    details = api.get_session(full["id"], details=True)
    assert {k: details[k] for k in ("role", "seniority", "company", "interviewType", "mode")} == {
        "role": "Data analyst", "seniority": "senior", "company": "Acme Bank",
        "interviewType": "system_design", "mode": "coach"}
    assert details["jobDescription"] == "SQL, dashboards, A/B tests."
    assert details["resumeText"] == "Built a churn model."
    assert details["practiceQuestions"] == ["What is a p-value?"]
    assert api.get_session(full["id"]) == {k: details[k] for k in plain}
    listed = {s["id"]: s for s in api.list_sessions(details=True)}
    assert listed[full["id"]]["interviewType"] == "system_design"
    assert "resumeText" not in listed[full["id"]]  # long texts stay out of the index


@pytest.mark.parametrize("setup", [
    {"interview_type": "karaoke"}, {"seniority": "intern"}, {"mode": "lecture"},
    {"job_description": "x" * 20_001}, {"practice_questions": "not a list"},
    {"role": "r" * 121},
])
def test_bad_setup_is_refused(setup):
    with pytest.raises(InvalidInput):
        api.create_session("Bad setup", **setup)
    assert api.list_sessions() == []


# Résumés

def test_a_pdf_resume_gives_its_text():
    data = pdf_with_text("Jane Doe, data analyst", "Reduced reporting time by 60% with SQL")
    text = api.extract_resume_text(data, "cv.pdf")
    assert "Jane Doe, data analyst" in text and "Reduced reporting time by 60%" in text


@pytest.mark.parametrize("data, name, found", [
    ("Zoë Müller\nBuilt dashboards".encode("utf-8"), "cv.txt", "Zoë Müller"),
    ("Zoë Müller".encode("latin-1"), "cv.txt", "Zoë Müller"),
    ("\ufeffMarkdown CV\r\n- led a team".encode("utf-8"), "cv.md", "Markdown CV\n- led a team"),
])
def test_a_text_resume_is_read_as_utf8_or_latin1(data, name, found):
    assert found in api.extract_resume_text(data, name)


def test_unreadable_resumes_get_a_clear_error():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    blank = io.BytesIO()
    writer.write(blank)
    writer.encrypt("secret")
    locked = io.BytesIO()
    writer.write(locked)
    cases = {b"%PDF-1.4 garbage that is not a pdf": "Could not read",
             blank.getvalue(): "No text was found", locked.getvalue(): "password-protected",
             b"   \n  ": "No text was found"}
    for data, message in cases.items():
        with pytest.raises(InvalidInput, match=message):
            api.extract_resume_text(data, "cv.pdf" if data.startswith(b"%PDF") else "cv.txt")


# Feedback in a mock interview

def test_every_answer_is_stored_with_its_assessment_and_time_to_answer(data_dir):
    start = datetime(2026, 11, 2, 9, tzinfo=timezone.utc)
    moments = iter(start + timedelta(seconds=s) for s in (0, 1, 2, 95, 96, 200, 201))
    store = Store(data_dir, clock=lambda: next(moments).isoformat())
    session = store.create_session("Team lead", interview_type="behavioral")["id"]
    for text in ("Ready", STORY):
        for _ in chat.stream_reply(store, OfflineCoach(), session, text):
            pass
    messages = store.get_messages(session)
    assert "assessment" not in messages[0]  # "Ready" answers no question
    verdict = messages[2]["assessment"]
    assert verdict["kind"] == "story" and verdict["source"] == "offline"
    assert verdict["scores"]["structure"] == 5 and set(verdict["scores"]) == {
        "structure", "relevance", "specificity", "clarity"}
    assert verdict["star"] == dict.fromkeys(["situation", "task", "action", "result"], True)
    assert 1 <= len(verdict["improvements"]) <= 2
    assert chat.answer_times(messages) == {messages[2]["id"]: 93.0}


def test_a_thin_answer_gets_a_follow_up_and_no_question_repeats():
    session = api.create_session("Behavioral practice", interview_type="behavioral")
    replies = [api.send_message(session["id"], text)["content"]
               for text in ["hi", "I did it.", "Still short.", STORY, STORY, STORY]]
    assert "**Follow-up:**" in replies[1] and "**Question 2:**" in replies[2]
    asked = [line for reply in replies for line in reply.splitlines() if line.startswith("**Question")]
    assert len(asked) == len({line.split(":** ", 1)[1] for line in asked}) == 5
    stored = api.get_messages(session["id"], details=True)
    assert all("assessment" in m for m in stored if m["type"] == "user" and m["content"] != "hi")


# Feedback from a model

@pytest.fixture
def model_session(data_dir):
    server = OpenAIServer()
    store = open_store(data_dir)
    session = store.create_session("Team lead", interview_type="behavioral")["id"]
    engine = OpenAIEngine(EngineSettings(engine="openai", api_key="sk-test", base_url=server.url,
                                         max_attempts=1, retry_wait=0.01))
    server.script(Reply.stream("Tell me about a time you led a team through a hard change?"))
    for _ in chat.stream_reply(store, engine, session, "Ready"):
        pass
    yield store, engine, session, server
    server.close()


@pytest.mark.parametrize("replies, source, requests", [
    ([json.dumps(VALID)], "model", 3),
    (["Here you go: " + json.dumps(VALID) + " Hope it helps."], "model", 3),
    (["not json at all", json.dumps(VALID)], "model", 4),
    (["{broken json", "still {not: valid}"], "offline", 4),
    ([json.dumps({**VALID, "scores": {"structure": 4}})] * 2, "offline", 4),
    ([json.dumps({**VALID, "scores": {**VALID["scores"], "clarity": 9}})] * 2, "offline", 4),
])
def test_a_models_assessment_is_validated_retried_once_then_replaced(model_session, replies, source,
                                                                    requests):
    store, engine, session, server = model_session
    server.script(Reply.stream("Thanks. Next: how do you handle conflict?"),
                  *[Reply.stream(text) for text in replies])
    for _ in chat.stream_reply(store, engine, session, STORY):
        pass
    verdict = store.get_messages(session)[-2]["assessment"]
    assert verdict["source"] == source and len(server.requests) == requests
    if source == "model":
        assert verdict["scores"] == VALID["scores"] and verdict["star"]["result"] is False
        assert verdict["improvements"] == VALID["improvements"]
        assert verdict["fillerCount"] == 0 and verdict["words"] > 40  # counted offline
    else:
        assert "not valid" in verdict["note"] and verdict["scores"]["structure"] == 5


def test_an_unreachable_model_falls_back_to_the_offline_assessment(model_session):
    store, engine, session, server = model_session
    server.script(Reply.stream("Next question?"), Reply.error(503, "down"))
    for _ in chat.stream_reply(store, engine, session, STORY):
        pass
    verdict = store.get_messages(session)[-2]["assessment"]
    assert verdict["source"] == "offline" and "could not be reached" in verdict["note"]


@pytest.mark.parametrize("reply, problem", [
    ("no braces here", "no JSON"),
    ('{"scores": {"structure": 4, "relevance": 5, "specificity": 3}}', "scores must give"),
    (json.dumps({**VALID, "scores": {**VALID["scores"], "clarity": True}}), "from 1 to 5"),
    (json.dumps({**VALID, "star": {"situation": "yes"}}), "star must say"),
    (json.dumps({**VALID, "improvements": []}), "improvements"),
])
def test_parse_assessment_names_what_is_wrong(reply, problem):
    with pytest.raises(ValueError, match=problem):
        parse_assessment(reply)


# Reports and strong answers

def test_ending_a_session_builds_stores_and_renders_a_report():
    session = api.create_session("Behavioral practice", interview_type="behavioral")
    for text in ["hi", STORY, "Um, we basically did stuff as a team, you know.", "It went ok.", STORY]:
        api.send_message(session["id"], text)
    built = api.end_session(session["id"])
    assert built["answers"] == 4 and 1 <= built["overall"] <= 5
    assert set(built["dimensions"]) == {"structure", "relevance", "specificity", "clarity"}
    assert 1 <= len(built["improvements"]) <= 3
    weakest = built["weakest"][0]
    assert weakest["answer"].startswith("Um, we basically") or weakest["answer"] == "It went ok."
    assert "[Add the result" in weakest["better"]
    assert api.get_session(session["id"], details=True)["report"] == built
    text = api.report_markdown(session["id"])
    for heading in ("# Session report: Behavioral practice", "## Strengths", "## Top improvements",
                    "## Answers to work on", "A better version:"):
        assert heading in text


def test_an_empty_session_gets_an_honest_report():
    session = api.create_session("Nothing yet")
    assert api.end_session(session["id"])["answers"] == 0
    assert "No answers were scored" in api.report_markdown(session["id"])


def test_a_strong_answer_is_made_once_and_kept():
    session = api.create_session("Behavioral practice", interview_type="behavioral")
    question = api.send_message(session["id"], "hi")
    first = api.strong_answer(session["id"], question["id"])
    assert "**A strong answer, outlined**" in first and "**Situation:**" in first
    assert api.strong_answer(session["id"], question["id"]) == first
    stored = api.get_messages(session["id"], details=True)[1]
    assert stored["strongAnswer"] == first


def test_with_a_model_the_better_version_and_strong_answer_come_from_it():
    server = OpenAIServer()
    try:
        engine = OpenAIEngine(EngineSettings(engine="openai", api_key="sk-x", base_url=server.url))
        server.script(Reply.stream("A rewritten, stronger answer."))
        better = report.better_version("Q?", "my answer", {"title": "T"}, engine)
        assert better == "A rewritten, stronger answer."
        assert "my answer" in server.requests[0]["body"]["messages"][0]["content"]
        server.script(Reply.error(400, "nope"))
        assert "**A strong answer, outlined**" in report.strong_answer("What is a p-value?",
                                                                      {"title": "T"}, engine)
    finally:
        server.close()


# What a second round of testing found

@pytest.mark.parametrize("reply", [
    json.dumps({**VALID, "scores": {k.capitalize(): v for k, v in VALID["scores"].items()}}),
    "{" * 100_000 + "}" * 100_000,
    "[1, 2, 3]",
])
def test_odd_assessment_json_is_refused_not_crashed_on(reply):
    with pytest.raises(ValueError):
        parse_assessment(reply)


def test_practice_questions_and_the_resume_reach_a_model_interviewer(data_dir):
    server = OpenAIServer()
    try:
        store = open_store(data_dir)
        session = store.create_session("Again", practice_questions=["How would you find idle users?"],
                                       resume_text="Built churn models at Finly.")["id"]
        engine = OpenAIEngine(EngineSettings(engine="openai", api_key="sk-x", base_url=server.url))
        for _ in chat.stream_reply(store, engine, session, "ready"):
            pass
        system = server.requests[0]["body"]["messages"][0]["content"]
        assert "How would you find idle users?" in system and "Built churn models at Finly." in system
    finally:
        server.close()


def test_analytics_leave_out_an_unreadable_session(data_dir):
    from in_core import analytics

    good = api.create_session("Good", interview_type="behavioral")
    bad = api.create_session("Bad", interview_type="behavioral")
    for session in (good, bad):
        for text in ("hi", STORY):
            api.send_message(session["id"], text)
    (data_dir / "sessions" / f"{bad['id']}.json").write_bytes(b'{"session": {"1": {"id"')
    assert set(analytics.answers_frame(data_dir)["session_id"]) == {good["id"]}
    assert set(analytics.messages_frame(data_dir)["session_id"]) == {good["id"]}
    assert good["id"] in set(analytics.sessions_frame(data_dir)["session_id"])


def test_long_runs_of_whitespace_cost_no_more_than_words():
    import time

    def cost(text):
        started = time.perf_counter()
        assessment.assess(text, "Tell me about a time you led a team.")
        return time.perf_counter() - started

    words = ("I led the migration and cut latency by 40 percent. " * 400)[:19_990]
    spaces = "I led the migration." + " \n" * 9_985
    cost(words)  # warm up
    assert cost(spaces) < 20 * cost(words)


def test_an_owner_password_alone_does_not_stop_a_pdf():
    reader_made = PdfWriter(clone_from=io.BytesIO(pdf_with_text("Owner locked résumé line")))
    reader_made.encrypt(user_password="", owner_password="owner-secret")
    locked = io.BytesIO()
    reader_made.write(locked)
    assert "Owner locked" in api.extract_resume_text(locked.getvalue(), "cv.pdf")


@pytest.mark.parametrize("data, found", [
    ("Zoë – analyst".encode("utf-16"), "Zoë – analyst"),
    ("Zoë – analyst".encode("cp1252"), "Zoë – analyst"),
])
def test_utf16_and_windows_text_resumes_are_read(data, found):
    assert api.extract_resume_text(data, "cv.txt") == found


@pytest.mark.parametrize("data, message", [
    (bytes(range(256)) * 40, "does not look like text"),
    (pdf_with_text(content="BT /F1 12 Tf 72 720 Td (Jane Doe) Tj ET " + "[" * 50_000 + "]" * 50_000),
     "Could not read"),
    (("A line of my résumé.\n" * 3_000).encode(), "the limit is 50,000"),
])
def test_binary_crafted_and_overlong_resumes_are_refused(data, message):
    with pytest.raises(InvalidInput, match=message):
        api.extract_resume_text(data, "cv.pdf" if data.startswith(b"%PDF") else "cv.txt")


def test_practice_questions_are_checked_tidied_and_deduplicated():
    with pytest.raises(InvalidInput):
        api.create_session("x", practice_questions=5)
    session = api.create_session("x", practice_questions=["  Why us?  ", "Why us?", "", "Why now?"],
                                 job_description="x" * 19_999 + "\n\n\n")
    details = api.get_session(session["id"], details=True)
    assert details["practiceQuestions"] == ["Why us?", "Why now?"]
    assert len(details["jobDescription"]) == 19_999


def test_the_report_shows_a_persons_words_as_written_and_never_as_html():
    session = api.create_session("<b>Bold</b> $x$ title", interview_type="behavioral")
    api.send_message(session["id"], "hi")
    api.send_message(session["id"], "We did it ![pixel](http://127.0.0.1:9/p.png) <img src=x>.")
    text = api.report_markdown(session["id"])
    import re
    assert not re.search(r"(?<!\\)(<img|<b>|!\[)", text)  # every such mark is escaped
    assert "\\$x\\$" in text and "\\<img src=x\\>" in text


def test_a_judge_that_fails_leaves_the_evaluation_standing():
    from in_core import evaluation

    server = OpenAIServer()
    try:
        engine = OpenAIEngine(EngineSettings(engine="openai", api_key="sk-x", base_url=server.url,
                                             max_attempts=1))
        server.script(Reply.stream("Add a result."), Reply.error(400, "no judging today"))
        row = {"id": "r", "question": "Q?", "answer": "A.", "fillers": 0, "hasMetrics": True,
               "star": {"situation": True, "task": True, "action": True, "result": False}}
        frame = evaluation.evaluate([row], [engine], ["interviewer-v1"])
        assert len(frame) == 1 and frame["judge_score"].isna().all()
    finally:
        server.close()


def test_an_answer_whose_turn_fails_still_keeps_its_offline_assessment(model_session):
    store, engine, session, server = model_session
    server.script(Reply.error(401, "bad key"))
    with pytest.raises(InError):
        for _ in chat.stream_reply(store, engine, session, STORY):
            pass
    answer = store.get_messages(session)[-1]
    assert answer["content"] == STORY and answer["assessment"]["source"] == "offline"


def test_a_persons_web_address_stays_a_working_link():
    from in_core.markdown import literal

    shown = literal("See https://janedoe.dev/my_work.html, and 1. not a list #tag *x*")
    assert "https://janedoe.dev/my_work.html" in shown
    assert shown.endswith(", and 1. not a list \\#tag \\*x\\*")
    assert literal("1. first\n- second") == "1\\. first\n\\- second"

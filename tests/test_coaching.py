"""Coaching: session setup, résumés, scored feedback (offline and from a model), reports."""

import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from pypdf import PdfWriter

from in_core import api, chat, report
from in_core.coach import OfflineCoach
from in_core.config import EngineSettings
from in_core.errors import InvalidInput
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


def pdf_with_text(*lines: str) -> bytes:
    """A one-page PDF whose page shows `lines`, written out object by object."""
    text = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
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

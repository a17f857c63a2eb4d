"""The offline coach: a deterministic interviewer from the question bank, with feedback."""

import pytest

from in_core import api
from in_core.coach import OfflineCoach
from in_core.engines import ChatRequest
from in_core.questions import load_bank

STAR_ANSWER = (
    "Last year at my previous company our nightly data pipeline kept failing. I was responsible "
    "for making it reliable before the quarterly report. I added retries, split the job into "
    "stages and wrote alerts. As a result, failures dropped from 12 a month to 1."
)
RAMBLING = (
    "Um, so, basically we, like, worked on it as a team, you know, and we kind of made it "
    "better and we were happy and we moved on to other things after we were done with it all."
)


def conversation(coach, session, answers):
    """Play `answers` against the coach; returns the assistant replies."""
    messages, replies = [], []
    for answer in answers:
        messages.append({"role": "user", "content": answer})
        reply = coach.reply(ChatRequest(messages=[{"role": "system", "content": "x"}, *messages],
                                        model="m", session=session))
        messages.append({"role": "assistant", "content": reply})
        replies.append(reply)
    return replies


def asked_questions(replies):
    bank = load_bank()
    return [q for q in (bank.by_text(r) for r in replies) if q]


SESSION = {"id": "5f0c6a8e-2b1d-4e53-9d1e-3a8f2c1b7e64", "title": "Senior data analyst interview"}
BEHAVIORAL = {**SESSION, "title": "Team lead", "interviewType": "behavioral"}


def test_the_bank_is_large_and_covers_every_category_and_level():
    bank = load_bank()
    assert len(bank.questions) >= 150
    assert len({q.id for q in bank.questions}) == len(bank.questions)
    for category in ["behavioral", "software_engineering", "data_analytics", "system_design",
                     "product", "leadership"]:
        for level in ["junior", "mid", "senior"]:
            assert sum(q.category == category and level in q.seniority for q in bank.questions) >= 6


def test_it_opens_with_a_question_suited_to_the_session():
    opening = conversation(OfflineCoach(), SESSION, ["Hi, I'm ready"])[0]
    assert "Offline coach (no AI model)" in opening and "**Question 1:**" in opening
    first = asked_questions([opening])[0]
    assert first.category == "data_analytics" and "senior" in first.seniority


def test_feedback_reflects_a_full_star_answer_then_moves_on():
    replies = conversation(OfflineCoach(), BEHAVIORAL, ["Ready", STAR_ANSWER])
    feedback = replies[1]
    assert "offline coach, no AI model" in feedback
    assert "situation ✓, task ✓, action ✓, result ✓" in feedback
    assert "Fillers:" not in feedback and "structure 5/5" in feedback
    assert "**Question 2:**" in feedback


def test_feedback_names_what_a_weak_answer_misses():
    replies = conversation(OfflineCoach(), BEHAVIORAL, ["Ready", RAMBLING + " " + RAMBLING])
    feedback = replies[1]
    assert "task ✗" in feedback and "specificity 1/5" in feedback
    assert "“basically” ×2" in feedback and "“um” ×2" in feedback
    assert "**To improve:**\n- " in feedback


def test_a_thin_answer_gets_one_follow_up_before_the_next_question():
    replies = conversation(OfflineCoach(), SESSION, ["Ready", "I fixed a dashboard once.", "Also short."])
    question = asked_questions(replies[:1])[0]
    assert "**Follow-up:**" in replies[1] and any(f in replies[1] for f in question.follow_ups)
    assert "**Question 2:**" in replies[2]


def test_skip_moves_on_without_feedback():
    replies = conversation(OfflineCoach(), SESSION, ["Ready", "skip"])
    assert replies[1].startswith("Skipping that one.") and "**Question 2:**" in replies[1]


def test_no_question_is_asked_twice_in_a_session():
    replies = conversation(OfflineCoach(), SESSION, ["Ready"] + [STAR_ANSWER] * 40)
    asked = asked_questions(replies)
    assert len(asked) == 41 == len({q.id for q in asked})


def test_the_same_inputs_give_the_same_replies_and_the_seed_changes_them():
    answers = ["Ready", STAR_ANSWER, RAMBLING]
    assert conversation(OfflineCoach(), SESSION, answers) == conversation(OfflineCoach(), SESSION, answers)
    orders = {tuple(q.id for q in OfflineCoach(seed=s).plan(SESSION)[:5]) for s in range(5)}
    assert len(orders) > 1


@pytest.mark.parametrize(
    "title, category",
    [("Backend engineer", "software_engineering"), ("System design round", "system_design"),
     ("Product manager at a startup", "product"), ("Engineering manager", "leadership"),
     ("Nurse interview", "behavioral")],
)
def test_the_first_question_follows_the_title(title, category):
    plan = OfflineCoach().plan({"id": SESSION["id"], "title": title})
    assert plan[0].category == category


def test_the_stored_answer_is_labelled_as_offline():
    session = api.create_session("Junior developer")
    api.send_message(session["id"], "Hello")
    stored = api.store().get_messages(session["id"])[1]
    assert stored["engine"] == "offline" and stored["model"] == "offline-coach"
    assert stored["status"] == "complete" and stored["promptVersion"]


def test_a_technical_question_is_judged_on_approach_not_star():
    session = {**SESSION, "title": "Backend engineer", "interviewType": "technical",
               "practiceQuestions": ["How would you speed up a slow API endpoint?"]}
    answer = ("First I would profile the slow endpoint, then add an index on the foreign key. "
              "The trade-off is slower writes, but reads dominate here. For example, at my last "
              "job this cut p95 latency from 900 ms to 120 ms, so I would recommend it.")
    replies = conversation(OfflineCoach(), session, ["Ready", answer])
    assert "Approach: steps ✓, trade-offs ✓, example ✓, recommendation ✓" in replies[1]
    assert "STAR:" not in replies[1] and "structure 5/5" in replies[1]


def test_setup_fits_the_questions_to_the_interview():
    levels = {"junior": set(), "senior": set()}
    for level in levels:
        plan = OfflineCoach().plan({**SESSION, "title": "Practice", "seniority": level,
                                    "interviewType": "system_design"})
        assert plan[0].category == "system_design" and level in plan[0].seniority
    jd = "We need someone strong in A/B testing, experiment design and statistical significance."
    plan = OfflineCoach().plan({**SESSION, "title": "Data analyst", "jobDescription": jd})
    assert any(k in ("a/b test", "experiment", "significance", "p-value", "sample size")
               for k in plan[0].keywords)


def test_questions_to_practise_again_come_first_and_are_not_repeated():
    again = ["What is the difference between a process and a thread?",
             "Tell me about the best manager you ever had."]
    session = {**SESSION, "practiceQuestions": again}
    replies = conversation(OfflineCoach(), session, ["Ready", STAR_ANSWER, STAR_ANSWER, STAR_ANSWER])
    assert again[0] in replies[0] and again[1] in replies[1]
    assert again[0] not in replies[2] and again[1] not in replies[3]


def test_answer_coach_outlines_an_answer_from_the_resume_then_critiques_a_draft():
    session = {**SESSION, "mode": "coach", "resumeText":
               "Data analyst, Acme (2021-2024)\n"
               "- Built a churn dashboard used by 40 account managers\n"
               "- Reduced weekly reporting time by 60% with automated SQL pipelines\n"
               "- Enjoys hiking"}
    replies = conversation(OfflineCoach(), session,
                           ["Tell me about a time you automated a manual process?", STAR_ANSWER])
    assert "**A strong answer, outlined**" in replies[0]
    assert "Reduced weekly reporting time by 60%" in replies[0] and "hiking" not in replies[0]
    assert "Your draft for “Tell me about a time you automated" in replies[1]
    assert "STAR: situation ✓" in replies[1]


def test_a_skip_is_not_scored(data_dir):
    from in_core import api

    session = api.create_session("Team lead", interview_type="behavioral")
    for text in ("hi", "skip this one please", STAR_ANSWER):
        api.send_message(session["id"], text)
    answers = [m for m in api.get_messages(session["id"], details=True) if m["type"] == "user"]
    assert ["assessment" in m for m in answers] == [False, False, True]


def test_the_company_is_named_once_and_custom_interviews_follow_the_job_description():
    session = {**SESSION, "title": "Analyst at Finly", "company": "Finly"}
    opening = conversation(OfflineCoach(), session, ["hi"])[0]
    assert opening.count("Finly") == 1
    jd = "Own our Kubernetes clusters, Terraform modules and on-call rotation; improve incident response."
    plan = OfflineCoach().plan({**SESSION, "title": "Practice", "interviewType": "custom",
                                "jobDescription": jd})
    mixed = OfflineCoach().plan({**SESSION, "title": "Practice", "jobDescription": jd})
    assert {q.category for q in mixed[:6]} == {"behavioral"}  # a job description adds no kinds
    assert plan[0].category != "behavioral" or plan[0].keywords != mixed[0].keywords


def test_the_answer_coach_tells_a_draft_from_a_question():
    session = {**SESSION, "mode": "coach"}
    draft = "When the head of marketing disagreed with my churn numbers, I re-ran the analysis."
    replies = conversation(OfflineCoach(), session, ["How do you handle disagreement?", draft])
    assert replies[1].startswith("Your draft for “How do you handle disagreement?”")

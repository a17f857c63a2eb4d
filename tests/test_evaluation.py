"""Prompt evaluation over the labelled answers, offline and against a loopback model."""

from in_core import evaluation
from in_core.assessment import question_kind
from in_core.coach import OfflineCoach
from in_core.config import EngineSettings
from in_core.openai_engine import OpenAIEngine

from .openai_server import OpenAIServer, Reply

ROW = {"id": "x", "question": "Tell me about a deadline.", "answer": "Um, we basically did it.",
       "star": {"situation": False, "task": False, "action": True, "result": False},
       "fillers": 2, "hasMetrics": False}


def test_rubric_coverage_counts_what_the_feedback_mentions():
    assert evaluation.rubric_points(ROW) == ["situation", "task", "result", "fillers", "metrics"]
    assert evaluation.rubric_coverage("Add the situation and a result.", ROW) == 2 / 5
    assert evaluation.rubric_coverage(
        "Set the situation, your task, the result; drop filler words; add a number.", ROW) == 1
    full = {**ROW, "star": dict.fromkeys(ROW["star"], True), "fillers": 0, "hasMetrics": True}
    assert evaluation.rubric_coverage("Great.", full) is None


def test_the_offline_coach_is_evaluated_once_without_a_prompt():
    rows = [r for r in evaluation.load_answers() if question_kind(r["question"]) == "story"][:6]
    frame = evaluation.evaluate(rows, [OfflineCoach()])
    assert len(frame) == 6 and set(frame["prompt_version"]) == {"none"}
    assert frame["judge_score"].isna().all() and frame["error"].isna().all()
    assert frame["rubric_coverage"].dropna().mean() >= 0.8
    assert (frame["feedback_words"] > 20).all()


def test_a_model_is_evaluated_per_prompt_version_and_judged():
    server = OpenAIServer()
    try:
        for _ in range(2):
            server.script(Reply.stream("Add the situation, the task and the result; drop the "
                                       "filler words; add a number."), Reply.stream('{"score": 4}'))
        server.script(Reply.stream("Fine."), Reply.stream("I think it deserves a four"))
        engine = OpenAIEngine(EngineSettings(engine="openai", api_key="sk-x", base_url=server.url,
                                             model="judge-model"))
        frame = evaluation.evaluate([ROW], [engine], ["interviewer-v1", "interviewer-v2"])
        frame = frame.set_index("prompt_version")
        assert list(frame["judge_score"]) == [4, 4]
        assert list(frame["rubric_coverage"]) == [1.0, 1.0]
        first_system = server.requests[0]["body"]["messages"][0]["content"]
        second_system = server.requests[2]["body"]["messages"][0]["content"]
        assert first_system != second_system
        again = evaluation.evaluate([ROW], [engine], ["interviewer-v1"])
        assert again["judge_score"].isna().all() and again["rubric_coverage"][0] == 0
    finally:
        server.close()

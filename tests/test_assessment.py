"""The offline assessment of an answer, on hand-written answers and on the labelled sets."""

import json

import pytest

from in_core import assessment, evaluation
from in_core.config import PROJECT_DIR

LABELLED_SETS = ["answers.jsonl", "answers_holdout.jsonl"]


def labelled(name):
    path = PROJECT_DIR / "data" / "eval" / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_a_full_star_answer_is_recognised():
    answer = (
        "Last spring at my previous company our checkout service kept timing out during sales. "
        "I was responsible for fixing it before Black Friday. I profiled the service, found an "
        "N+1 query and added a cache. As a result, timeouts fell from 4% to 0.1% of requests."
    )
    assert assessment.star_parts(answer) == dict.fromkeys(assessment.STAR_PARTS, True)


def test_an_opinion_has_no_star_parts():
    answer = "I think communication is the most important skill. I always try to be clear."
    assert assessment.star_parts(answer) == dict.fromkeys(assessment.STAR_PARTS, False)


def test_a_hypothetical_answer_has_no_action():
    answer = "I would first talk to them, then I'd set clear expectations and document it."
    assert not assessment.star_parts(answer)["action"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Um, so, uh, I basically fixed it.", {"um": 1, "uh": 1, "basically": 1}),
        ("It was, like, huge. I like Python. Like, we tried.", {"like": 2}),
        ("We had, you know, no time. Do you know the answer?", {"you know": 1}),
        ("I mean, it worked. What I mean is simple.", {"I mean": 1}),
        ("It was kind of slow. What kind of database? A sort of hack.", {"kind of": 1}),
        ("Nothing to see here.", {}),
    ],
)
def test_fillers_are_counted_by_the_documented_rules(text, expected):
    assert assessment.count_fillers(text) == expected


@pytest.mark.parametrize(
    "text, found",
    [
        ("We cut latency by 40% and saved $12k a month.", True),
        ("It took three weeks and 200 customers were affected.", True),
        ("In 2021 I joined my first job.", False),
        ("I am a team player.", False),
    ],
)
def test_metrics_are_found_but_not_bare_years(text, found):
    assert bool(assessment.metrics(text)) is found


def test_ownership_counts_i_against_we():
    assert assessment.ownership("We did it. We shipped. I helped, my part was small.") == {
        "i": 2, "we": 2,
    }


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_star_detection_reaches_the_bar_on_the_labelled_set(name):
    rows = labelled(name)
    assert len(rows) >= 40
    report = evaluation.star_accuracy(rows)
    print(f"\n{name}:\n{report.to_string(index=False)}")
    assert (report["precision"] >= 0.85).all() and (report["recall"] >= 0.85).all(), report


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_filler_counts_match_the_labels_exactly(name):
    wrong = [(r["id"], assessment.count_fillers(r["answer"]), r["fillers"]) for r in labelled(name)
             if sum(assessment.count_fillers(r["answer"]).values()) != r["fillers"]]
    assert wrong == []


@pytest.mark.parametrize("name", LABELLED_SETS)
def test_metrics_agree_with_the_labels_on_nearly_every_answer(name):
    rows = labelled(name)
    agree = sum(bool(assessment.metrics(r["answer"])) == r["hasMetrics"] for r in rows)
    assert agree / len(rows) >= 0.9

"""Prompt evaluation: the labelled answers in data/eval/ run through every engine and prompt
version, measured for latency, length, rubric coverage and, with a model, a judge's score.

Rubric coverage is the share of the points an answer needs feedback on that the feedback
mentions: each STAR part the answer lacks, filler words when it has them, numbers when it has
none. It is computed from the labels, so it needs no model.
"""

import json
import re
import time
from pathlib import Path

import pandas as pd

from . import assessment, config, engines
from .coach import OfflineCoach
from .engines import ChatRequest, Engine
from .errors import InError
from .prompts import JUDGE_PROMPT, PROMPTS, system_prompt

EVAL_DIR = config.PROJECT_DIR / "data" / "eval"
SESSION = {"id": "evaluation", "title": "Prompt evaluation"}
_MENTIONS = {
    "fillers": r"filler|\bum\b|\buh\b|basically|you know",
    "metrics": r"number|metric|quantif|figure|measur|\d+\s?%",
}


def load_answers(path: Path = EVAL_DIR / "answers.jsonl") -> list[dict]:
    """The labelled answers: question, answer, STAR parts present, filler count, metrics."""
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]


def available_engines() -> list[Engine]:
    """The offline coach, and the configured model when there is one."""
    found: list[Engine] = [OfflineCoach()]
    try:
        settings = config.engine_settings()
    except InError:
        return found
    if settings.engine == "openai":
        found.append(engines.engine_for(settings))
    return found


def feedback_for(engine: Engine, version: str, question: str, answer: str) -> str:
    """What `engine` says to `answer`, given `question` and the prompt `version`."""
    request = ChatRequest(
        messages=[{"role": "system", "content": system_prompt(SESSION, version)},
                  {"role": "assistant", "content": question},
                  {"role": "user", "content": answer}],
        model=getattr(getattr(engine, "settings", None), "model", "offline-coach"),
        session=SESSION,
    )
    return "".join(engine.stream(request))


def rubric_points(row: dict) -> list[str]:
    """What feedback on this labelled answer should mention."""
    points = [part for part, present in row["star"].items() if not present]
    if row["fillers"]:
        points.append("fillers")
    if not row["hasMetrics"]:
        points.append("metrics")
    return points


def rubric_coverage(feedback: str, row: dict) -> float | None:
    """The share of `rubric_points` the feedback mentions; None when there is nothing to say."""
    points = rubric_points(row)
    if not points:
        return None
    text = feedback.lower()
    hits = sum(bool(re.search(_MENTIONS.get(point, rf"\b{point}"), text)) for point in points)
    return hits / len(points)


def judge(engine: Engine, question: str, answer: str, feedback: str) -> int | None:
    """A model's 1-5 score for the feedback; None when its reply is not the JSON asked for."""
    request = ChatRequest(
        messages=[{"role": "system", "content": JUDGE_PROMPT},
                  {"role": "user", "content": json.dumps(
                      {"question": question, "answer": answer, "feedback": feedback})}],
        model=engine.settings.model, session=SESSION,
    )
    try:
        reply = "".join(engine.stream(request))
    except InError:
        return None
    match = re.search(r"\{.*\}", reply, re.DOTALL)
    try:
        score = json.loads(match.group(0))["score"] if match else None
    except (ValueError, KeyError, TypeError, RecursionError):
        return None
    return score if isinstance(score, int) and 1 <= score <= 5 else None


def evaluate(rows: list[dict], engine_list: list[Engine] | None = None,
             versions: list[str] | None = None) -> pd.DataFrame:
    """One row per (engine, prompt version, answer). The offline coach has no prompt, so it is
    run once, with prompt_version "none"."""
    results = []
    for engine in engine_list or available_engines():
        uses_prompt = engine.name != "offline"
        for version in (versions or list(PROMPTS)) if uses_prompt else ["none"]:
            for row in rows:
                started = time.perf_counter()
                try:
                    feedback = feedback_for(engine, version if uses_prompt else "interviewer-v2",
                                            row["question"], row["answer"])
                    error = None
                except InError as failure:
                    feedback, error = "", str(failure)
                latency = (time.perf_counter() - started) * 1000
                score = judge(engine, row["question"], row["answer"], feedback) \
                    if uses_prompt and feedback else None
                results.append({
                    "engine": engine.label, "prompt_version": version, "answer_id": row["id"],
                    "latency_ms": latency, "feedback_words": assessment.word_count(feedback),
                    "rubric_coverage": rubric_coverage(feedback, row), "judge_score": score,
                    "error": error,
                })
    frame = pd.DataFrame(results)
    return frame.astype({"engine": "category", "prompt_version": "category",
                         "rubric_coverage": "Float64", "judge_score": "Int64"})


def star_accuracy(rows: list[dict]) -> pd.DataFrame:
    """Precision and recall of the offline STAR detection against the labels, per part."""
    found = [assessment.star_parts(row["answer"]) for row in rows]
    report = []
    for part in assessment.STAR_PARTS:
        hits = sum(f[part] and r["star"][part] for f, r in zip(found, rows, strict=True))
        report.append({
            "part": part,
            "precision": hits / max(1, sum(f[part] for f in found)),
            "recall": hits / max(1, sum(r["star"][part] for r in rows)),
        })
    return pd.DataFrame(report)

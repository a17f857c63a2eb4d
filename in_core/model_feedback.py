"""Structured feedback on one answer from a model: JSON is asked for and checked against the
shape in `prompts.ASSESSMENT_PROMPT`; a malformed reply is asked for once more, and after that
the offline assessment is used instead, saying so.
"""

import json
import logging
import re

from . import assessment
from .engines import ChatRequest, Engine
from .errors import InError
from .prompts import ASSESSMENT_PROMPT

log = logging.getLogger(__name__)
ATTEMPTS = 2


def parse_assessment(reply: str) -> dict:
    """The scores, STAR parts and improvements in a model's reply; `ValueError` saying what is
    wrong when the reply is not the JSON asked for."""
    match = re.search(r"\{.*\}", reply, re.DOTALL)
    if not match:
        raise ValueError("no JSON object in the reply")
    try:
        data = json.loads(match.group(0))
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("the JSON is not an object")
    scores, star, tips = data.get("scores"), data.get("star"), data.get("improvements")
    if not isinstance(scores, dict) or not set(assessment.DIMENSIONS) <= set(scores):
        raise ValueError(f"scores must give {', '.join(assessment.DIMENSIONS)}")
    clean_scores = {}
    for name in assessment.DIMENSIONS:
        value = scores[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 5:
            raise ValueError(f"score {name} must be a number from 1 to 5")
        clean_scores[name] = int(value + 0.5)  # 3.5 and 4.5 both round up
    if not isinstance(star, dict) or not all(isinstance(star.get(p), bool)
                                             for p in assessment.STAR_PARTS):
        raise ValueError("star must say true or false for situation, task, action and result")
    if not isinstance(tips, list) or not 1 <= len(tips) <= 3 or \
            not all(isinstance(t, str) and t.strip() for t in tips):
        raise ValueError("improvements must be a list of one or two sentences")
    return {"scores": clean_scores, "star": {p: star[p] for p in assessment.STAR_PARTS},
            "improvements": [t.strip()[:300] for t in tips[:2]]}


def model_assessment(engine: Engine, model: str, answer: str, question: str, keywords=(),
                     kind: str | None = None) -> dict:
    """The model's assessment merged with the facts counted offline (words, fillers, numbers),
    or the offline assessment with a `note` when the model gives no valid JSON in two tries."""
    offline = assessment.assess(answer, question, keywords, kind)
    request = ChatRequest(
        messages=[{"role": "system", "content": ASSESSMENT_PROMPT},
                  {"role": "user", "content": json.dumps({"question": question, "answer": answer},
                                                         ensure_ascii=False)}],
        model=model,
    )
    problem = ""
    for _ in range(ATTEMPTS):
        try:
            judged = parse_assessment("".join(engine.stream(request)))
        except InError as error:
            problem = f"the model could not be reached ({error})"
            break
        except ValueError as error:
            problem = f"the model's reply was not valid ({error})"
            continue
        scores = judged["scores"]
        return {**offline, **judged, "overall": round(sum(scores.values()) / len(scores), 1),
                "source": "model"}
    log.info("Falling back to the offline assessment: %s", problem)
    return {**offline, "note": f"Offline assessment: {problem}."}

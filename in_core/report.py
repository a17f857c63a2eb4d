"""The end-of-session report: overall and per-dimension scores, strengths, the top three
improvements, and the weakest answers each with a better version; also as Markdown.

Better versions and strong answers come from the model when one is configured, and otherwise
from the offline coach: the person's own sentences put in STAR order, with what is missing
marked to fill in.
"""

import re
from collections import Counter
from itertools import pairwise
from statistics import mean

from . import assessment
from .coach import strong_answer as offline_strong_answer
from .engines import ChatRequest, Engine
from .errors import InError
from .markdown import literal, safe
from .prompts import STRONG_ANSWER_PROMPT, describe
from .questions import question_of

WEAKEST_SHOWN = 3
_STRENGTHS = {
    "structure": "Your answers follow a clear STAR structure.",
    "relevance": "You answer the question that was asked.",
    "specificity": "You back your answers with concrete actions and numbers.",
    "clarity": "You speak clearly and to the point, with few fillers.",
}
_PLACEHOLDERS = {
    "situation": "[Add one or two sentences of context: where you were and what was at stake.]",
    "task": "[Add what you had to achieve, and why it mattered.]",
    "action": "[Add the steps you took yourself, with \"I\".]",
    "result": "[Add the result: what changed, ideally with a number.]",
    "steps": "[Add your approach, step by step.]",
    "trade-offs": "[Add the trade-offs: when would you choose differently?]",
    "example": "[Add an example, ideally from your own work.]",
    "recommendation": "[Add what you would recommend, and why.]",
}


def build(session: dict, messages: list[dict], engine: Engine | None = None,
          created_at: str = "") -> dict:
    """The report of a session from its stored messages and their assessments."""
    scored = []
    for asked, answer in pairwise(messages):
        if answer["type"] == "user" and answer.get("assessment") and asked["type"] == "assistant":
            scored.append((asked, answer))
    report = {"title": session["title"], "createdAt": created_at, "answers": len(scored)}
    if not scored:
        return {**report, "overall": None, "dimensions": {}, "strengths": [], "improvements": [],
                "weakest": []}
    verdicts = [answer["assessment"] for _, answer in scored]
    dimensions = {d: round(mean(v["scores"][d] for v in verdicts), 1) for d in assessment.DIMENSIONS}
    strengths = [_STRENGTHS[d] for d, score in dimensions.items() if score >= 4]
    tips = Counter(tip for v in verdicts for tip in v["improvements"])
    weakest = sorted(scored, key=lambda pair: pair[1]["assessment"]["overall"])[:WEAKEST_SHOWN]
    return {
        **report,
        "overall": round(mean(v["overall"] for v in verdicts), 1),
        "dimensions": dimensions,
        "strengths": strengths,
        "improvements": [tip for tip, _ in tips.most_common(3)],
        "weakest": [
            {"messageId": answer["id"], "question": _question(asked["content"]),
             "answer": answer["content"], "overall": answer["assessment"]["overall"],
             "better": better_version(_question(asked["content"]), answer["content"], session,
                                      engine, answer["assessment"].get("kind", "story"))}
            for asked, answer in weakest
        ],
    }


def better_version(question: str, answer: str, session: dict, engine: Engine | None,
                   kind: str = "story") -> str:
    """A stronger version of `answer`: rewritten by the model, or restructured offline."""
    if engine is not None and engine.name != "offline":
        prompt = (f"{_filled(STRONG_ANSWER_PROMPT, session)}\nRewrite the candidate's own answer "
                  f"below into that strong answer, keeping their facts.\nTheir answer:\n{answer}")
        written = _ask(engine, session, prompt, question)
        if written:
            return safe(written)
    return restructured(answer, kind)


def strong_answer(question: str, session: dict, engine: Engine | None) -> str:
    """An example of a strong answer to an interviewer's question."""
    if engine is not None and engine.name != "offline":
        written = _ask(engine, session, _filled(STRONG_ANSWER_PROMPT, session), question)
        if written:
            return written
        return ("*The model could not be reached, so this is the offline outline.*\n\n"
                + offline_strong_answer(question, session))
    return offline_strong_answer(question, session)


def restructured(answer: str, kind: str = "story") -> str:
    """The person's own sentences in order (STAR for a story; steps, trade-offs, example and
    recommendation for an explanation), fillers cut, with what is missing marked to fill in."""
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", assessment.without_fillers(answer))
                 if s.strip()]
    if kind == "story":
        parts, classify, priority = assessment.STAR_PARTS, assessment.star_parts, \
            ("result", "action", "task", "situation")
    else:
        parts, classify, priority = assessment.APPROACH_PARTS, assessment.approach_parts, \
            ("recommendation", "trade-offs", "example", "steps")
    slots = {part: [] for part in parts}
    last = parts[0]
    for sentence in sentences:
        found = classify(sentence)
        last = next((p for p in priority if found[p]), last)
        slots[last].append(sentence)
    return "\n".join(
        f"- **{part.capitalize()}:** {literal(' '.join(slots[part])) or _PLACEHOLDERS[part]}"
        for part in parts
    )


def markdown(report: dict) -> str:
    """The report as a Markdown document to download; the person's own words are shown as
    written, and nothing in it is HTML or an image."""
    lines = [f"# Session report: {literal(report['title'])}", ""]
    if not report["answers"]:
        return "\n".join(lines + ["No answers were scored in this session yet."])
    count = report["answers"]
    lines += [f"{count} answer{'s' * (count != 1)} scored · overall **{report['overall']}/5**", "",
              "| dimension | average score |", "|---|---|"]
    lines += [f"| {name} | {score}/5 |" for name, score in report["dimensions"].items()]
    lines += ["", "## Strengths", ""]
    lines += [f"- {s}" for s in report["strengths"]] or ["- None stands out yet: keep practising."]
    lines += ["", "## Top improvements", ""]
    lines += [f"{n}. {safe(tip)}" for n, tip in enumerate(report["improvements"], 1)]
    lines += ["", "## Answers to work on"]
    for item in report["weakest"]:
        quoted = "\n".join(f"> {literal(line)}" for line in item["answer"].splitlines())
        lines += ["", f"### {safe(item['question'])}", "", f"Your answer ({item['overall']}/5):", "",
                  quoted, "", "A better version:", "", item["better"]]
    return "\n".join(lines) + "\n"


def _question(text: str) -> str:
    return question_of(text)[0]


def _filled(template: str, session: dict) -> str:
    return template.format(session=describe(session),
                           resume=(session.get("resumeText") or "(none given)")[:12_000])


def _ask(engine: Engine, session: dict, prompt: str, question: str) -> str | None:
    request = ChatRequest(messages=[{"role": "system", "content": prompt},
                                    {"role": "user", "content": question}],
                          model=session.get("model") or "", session=session)
    try:
        return "".join(engine.stream(request)).strip() or None
    except InError:
        return None

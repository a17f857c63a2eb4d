"""The offline interview coach: the engine that runs with no AI model and no network.

As a mock interviewer it asks from the question bank, fitted to the session's setup (interview
type, role, seniority, job description; questions to practise again come first), never asks a
question twice in a session, and after every answer gives scored feedback computed from the
text (`assessment.assess`), following up once when an answer is thin. As an answer coach it
outlines a strong answer to a question the person brings, grounded in their résumé, and
critiques their drafts. The same conversation and seed always give the same reply.
"""

import random
import re
from typing import Generator

from . import assessment
from .engines import ChatRequest, Report
from .markdown import literal
from .models import OFFLINE_COACH
from .questions import (
    Bank,
    Question,
    categories_for,
    load_bank,
    question_of,
    seniority_for,
)

LABEL = "Offline coach (no AI model)"
SHORT_ANSWER_WORDS = 40
_SKIP = re.compile(r"^\W*(skip|pass|next|another)( one| question)?( (this|that)( one| question)?)?"
                   r"(,? please)?\W*$", re.I)
_ASKS = re.compile(r"\?\s*$|^\W*(tell me about|describe (a|an|the|your|how)|give (me )?an example|"
                   r"walk me through|explain (how|what|why|the))\b", re.I)
_TYPE_CATEGORIES = {
    "behavioral": ["behavioral", "leadership"],
    "technical": ["software_engineering", "data_analytics"],
    "system_design": ["system_design", "software_engineering"],
    "product": ["product", "behavioral"],
}


class OfflineCoach:
    name = "offline"
    label = LABEL
    model = OFFLINE_COACH

    def __init__(self, bank: Bank | None = None, seed: int = 0):
        self.bank = bank or load_bank()
        self.seed = seed

    def stream(self, request: ChatRequest) -> Generator[str, None, Report]:
        """Yields the reply a word at a time, as a model would stream it; reports the
        assessment of the answer it gave feedback on, if it gave any."""
        text, verdict = self._reply(request)
        yield from re.findall(r"\S+\s*|\s+", text)
        return {"model": self.model, **({"assessment": verdict} if verdict else {})}

    def reply(self, request: ChatRequest) -> str:
        """The coach's next message."""
        return self._reply(request)[0]

    def _reply(self, request: ChatRequest) -> tuple[str, dict | None]:
        turns = [m for m in request.messages if m["role"] != "system"]
        if request.session.get("mode") == "coach":
            return self._coach_reply(turns, request.session), None
        return self._interview_reply(turns, request.session)

    # Mock interview

    def _interview_reply(self, turns: list[dict], session: dict) -> tuple[str, dict | None]:
        """An opening question, or feedback on the answer and what comes next.

        Any earlier assistant message counts as the question being answered, so the coach can
        take over a conversation another engine started.
        """
        answer = turns[-1]["content"] if turns and turns[-1]["role"] == "user" else ""
        question = next((m["content"] for m in reversed(turns[:-1]) if m["role"] == "assistant"),
                        None)
        plan = self.plan(session)
        asked = self._asked(turns, plan)
        if question is None:
            return self._opening(session, plan), None
        if is_skip(answer):
            return self._next_question(plan, asked, lead="Skipping that one."), None
        current = self.question_in(question, plan)
        verdict = assessment.assess(answer, *(
            (current.text, current.keywords, assessment.question_kind(current.text, current.category))
            if current else question_of(question)
        ))
        parts = [feedback(verdict)]
        # A thin answer to a planned question gets one follow-up; after it, the coach moves on.
        if current and current.follow_ups and verdict["words"] < SHORT_ANSWER_WORDS:
            parts.append(f"**Follow-up:** {self._pick(current.follow_ups, session)}")
        else:
            parts.append(self._next_question(plan, asked))
        return "\n\n".join(parts), verdict

    def plan(self, session: dict) -> list[Question]:
        """The session's questions in the order they will be asked."""
        described = " ".join(str(session.get(k) or "") for k in ("title", "role", "company"))
        level = session.get("seniority") or seniority_for(described)
        kind = session.get("interviewType")
        wanted = assessment.terms(session.get("jobDescription") or "")
        if kind in _TYPE_CATEGORIES:
            hinted = [c for c in categories_for(described) if c in _TYPE_CATEGORIES[kind]]
            categories = list(dict.fromkeys(hinted + _TYPE_CATEGORIES[kind][:1]))
        elif kind == "custom" and wanted:
            categories = [None]  # one pool of every kind, the job description decides the order
        else:  # mixed: the kinds of question the title and role call for
            categories = categories_for(described)
        rng = random.Random(f"{self.seed}:{session.get('id', '')}")
        queues = []
        for category in categories:
            pool = [q for q in self.bank.questions
                    if category in (None, q.category) and level in q.seniority]
            rng.shuffle(pool)
            # Questions closest to the job description first; the shuffle breaks ties.
            pool.sort(key=lambda q: -len(wanted & assessment.terms(" ".join(q.keywords))))
            queues.append(pool)
        # Interleave: the session's own kind first, then the others in turn.
        ordered = [q for round_ in zip(*queues, strict=False) for q in round_] + [
            q for queue in queues for q in queue[min(map(len, queues)):]
        ]
        again = [self.bank.by_text(text) or _custom(n, text)
                 for n, text in enumerate(session.get("practiceQuestions") or [])]
        return list(dict.fromkeys(again + ordered))

    def question_in(self, text: str, plan: list[Question]) -> Question | None:
        """The planned or bank question that `text` asks, the latest if it quotes several."""
        found = [(text.rfind(q.text), q) for q in plan if q.text in text]
        return max(found, key=lambda pair: pair[0])[1] if found else self.bank.by_text(text)

    def _asked(self, turns: list[dict], plan: list[Question]) -> list[Question]:
        asked = []
        for message in turns:
            if message["role"] == "assistant":
                for question in [q for q in plan if q.text in message["content"]] or \
                        [self.bank.by_text(message["content"])]:
                    if question and question not in asked:
                        asked.append(question)
        return asked

    def _opening(self, session: dict, plan: list[Question]) -> str:
        title = session.get("title") or "your interview"
        extras = ", ".join(literal(session[k]) for k in ("role", "company")
                           if session.get(k) and session[k].casefold() not in title.casefold())
        extras = f" ({extras})" if extras else ""
        return (
            f"*{LABEL}.* Let's practise for **{literal(title)}**{extras}. I'll ask one question "
            "at a time; "
            "answer as you would in the room. After each answer you get scores for structure "
            "(STAR), relevance, specificity and clarity, with what to improve. Type *skip* to "
            f"move on.\n\n**Question 1:** {plan[0].text}"
        )

    def _next_question(self, plan: list[Question], asked: list[Question], lead: str = "") -> str:
        remaining = [q for q in plan if q not in asked]
        prefix = f"{lead} " if lead else ""
        if not remaining:
            return f"{prefix}That was the last question I have for this session. Well done!"
        return f"{prefix}**Question {len(asked) + 1}:** {remaining[0].text}"

    def _pick(self, options, session: dict) -> str:
        return random.Random(f"{self.seed}:{session.get('id', '')}:{options[0]}").choice(options)

    # Answer coach

    def _coach_reply(self, turns: list[dict], session: dict) -> str:
        """An answer outline for a question, or a critique of the person's own draft."""
        said = turns[-1]["content"] if turns and turns[-1]["role"] == "user" else ""
        if not said:
            return (f"*{LABEL}, answer coach.* Type a question you expect in the interview and "
                    "I'll outline a strong answer from your résumé; then paste your own draft "
                    "and I'll critique it.")
        asked = [m["content"] for m in turns[:-1] if m["role"] == "user" and _ASKS.search(m["content"])]
        if _ASKS.search(said) and assessment.word_count(said) <= 60:
            return strong_answer(said, session, self.bank)
        if not asked and assessment.word_count(said) < 15:  # "ready", "hi": not a draft yet
            return self._coach_reply([], session)
        question = asked[-1] if asked else ""
        nearest = self.bank.nearest(question) if question else None
        verdict = assessment.assess(said, question, nearest.keywords if nearest else (),
                                    assessment.question_kind(question))
        return (f"Your draft{f' for “{literal(question)}”' if question else ''}:\n\n"
                f"{feedback(verdict)}\n\n"
                "Rewrite it with those changes and paste it again, or ask another question.")


def is_skip(text: str) -> bool:
    """Whether a message asks to move on ("skip", "next one please") rather than answer."""
    return bool(_SKIP.match(text))


def _custom(number: int, text: str) -> Question:
    return Question(id=f"practice-{number + 1}", category="practice", seniority=(), text=text,
                    keywords=(), look_for=(), follow_ups=())


def strong_answer(question: str, session: dict, bank: Bank | None = None) -> str:
    """An outline of a strong answer to `question`, offline: what the interviewer looks for,
    the STAR shape to put it in, and the résumé lines that could ground it."""
    bank = bank or load_bank()
    nearest = bank.nearest(question)
    lines = ["**A strong answer, outlined** · offline coach, no AI model: fill it with your own "
             "experience."]
    if nearest and nearest.look_for:
        lines.append("\n**What the interviewer looks for:**")
        lines += [f"- {point[0].upper()}{point[1:]}" for point in nearest.look_for]
    lines += [
        "\n**Shape it as STAR (about two minutes):**",
        "- **Situation:** one or two sentences: where you were and what was at stake.",
        "- **Task:** what you had to achieve, and why it mattered.",
        "- **Action:** three or four steps *you* took, with \"I\", naming tools and choices.",
        "- **Result:** what changed, with a number (time, money, %, people), and what you learned.",
    ]
    facts = resume_facts(session.get("resumeText") or "", question, nearest)
    if facts:
        lines.append("\n**From your résumé, these could ground it:**")
        lines += [f"- {literal(fact)}" for fact in facts]
    return "\n".join(lines)


def resume_facts(resume: str, question: str, nearest: Question | None, limit: int = 3) -> list[str]:
    """The résumé lines most worth citing for `question`: relevant, with numbers or actions."""
    wanted = assessment.terms(question) | (assessment.terms(" ".join(nearest.keywords))
                                           if nearest else set())
    scored = []
    for index, line in enumerate(re.split(r"\n|(?<=[.;])\s+", resume)):
        line = line.strip(" •-*\t")
        if not 20 <= len(line) <= 300:
            continue
        score = 2 * len(wanted & assessment.terms(line)) + 2 * bool(assessment.metrics(line)) \
            + bool(re.match(r"(led|built|cut|grew|reduced|increased|launched|designed|ran|"
                            r"managed|created|shipped|improved|saved)\b", line, re.I))
        if score:
            scored.append((-score, index, line))
    return [line for _, _, line in sorted(scored)[:limit]]


def feedback(verdict: dict) -> str:
    """Feedback on one answer, short, in plain Markdown, from `assessment.assess`: the scores,
    the structure found, the fillers if any, and what to improve. (The app shows the rest of
    the assessment, such as numbers and ownership, under the answer.)"""
    scores = " · ".join(f"{name} {verdict['scores'][name]}/5" for name in assessment.DIMENSIONS)
    lines = [f"Scores: {scores}.", f"{shape_line(verdict)}."]
    if verdict["fillers"]:
        listed = ", ".join(f"“{word}” ×{n}" for word, n in
                           sorted(verdict["fillers"].items(), key=lambda item: -item[1]))
        lines.append(f"Fillers: {verdict['fillerCount']} ({listed}).")
    return (f"**Feedback** · offline coach, no AI model · overall {verdict['overall']}/5\n"
            + "\n".join(f"- {line}" for line in lines)
            + "\n\n**To improve:**\n" + "\n".join(f"- {tip}" for tip in verdict["improvements"]))


def shape_line(verdict: dict) -> str:
    """"STAR: situation ✓, task ✗, …" for a story, "Approach: steps ✓, …" for an explanation."""
    story = verdict.get("kind", "story") == "story"
    parts = verdict["star"] if story else verdict["approach"]
    marks = ", ".join(f"{part} {'✓' if found else '✗'}" for part, found in parts.items())
    return f"{'STAR' if story else 'Approach'}: {marks}"

"""The offline interview coach: the engine that runs with no AI model and no network.

It interviews from the question bank, picking questions that suit the session (from its title),
never asking one twice in a session, and after every answer gives feedback computed from the
text (`assessment.analyse`). The same conversation and seed always give the same reply.
"""

import random
import re
from typing import Generator

from . import assessment
from .engines import ChatRequest, Report
from .questions import Bank, Question, categories_for, load_bank, seniority_for

LABEL = "Offline coach (no AI model)"
SHORT_ANSWER_WORDS = 40
LONG_ANSWER_WORDS = 350
_SKIP = re.compile(r"^\s*(skip|next|pass|next question|another one|another question)\W*$", re.I)


class OfflineCoach:
    name = "offline"
    label = LABEL
    model = "offline-coach"

    def __init__(self, bank: Bank | None = None, seed: int = 0):
        self.bank = bank or load_bank()
        self.seed = seed

    def stream(self, request: ChatRequest) -> Generator[str, None, Report]:
        """Yields the reply a word at a time, as a model would stream it."""
        yield from re.findall(r"\S+\s*|\s+", self.reply(request))
        return {"model": self.model}

    def reply(self, request: ChatRequest) -> str:
        """The coach's next message: an opening question, or feedback and what comes next.

        Any earlier assistant message counts as the question being answered, so the coach can
        take over a conversation another engine started; bank questions are never repeated.
        """
        turns = [m for m in request.messages if m["role"] != "system"]
        answer = turns[-1]["content"] if turns and turns[-1]["role"] == "user" else ""
        question = next((m["content"] for m in reversed(turns[:-1]) if m["role"] == "assistant"),
                        None)
        asked = self._asked(turns)
        plan = self.plan(request.session)
        if question is None:
            return self._opening(request.session, plan)
        if _SKIP.match(answer):
            return self._next_question(plan, asked, lead="Skipping that one.")
        analysis = assessment.analyse(answer)
        parts = [feedback(analysis)]
        # A thin answer to a bank question gets one follow-up; after it, the coach moves on.
        current = self.bank.by_text(question)
        if current and current.follow_ups and analysis["words"] < SHORT_ANSWER_WORDS:
            parts.append(f"**Follow-up:** {self._pick(current.follow_ups, request.session)}")
        else:
            parts.append(self._next_question(plan, asked))
        return "\n\n".join(parts)

    def plan(self, session: dict) -> list[Question]:
        """The session's questions in the order they will be asked."""
        described = " ".join(str(session.get(k) or "") for k in ("title", "role", "interviewType"))
        level = session.get("seniority") or seniority_for(described)
        rng = random.Random(f"{self.seed}:{session.get('id', '')}")
        queues = []
        for category in categories_for(described):
            pool = [q for q in self.bank.questions if q.category == category and level in q.seniority]
            rng.shuffle(pool)
            queues.append(pool)
        # Interleave: the session's own kind first, then the others in turn.
        return [q for round_ in zip(*queues, strict=False) for q in round_] + [
            q for queue in queues for q in queue[min(map(len, queues)):]
        ]

    def _asked(self, turns: list[dict]) -> list[Question]:
        asked = []
        for message in turns:
            if message["role"] == "assistant":
                question = self.bank.by_text(message["content"])
                if question and question not in asked:
                    asked.append(question)
        return asked

    def _opening(self, session: dict, plan: list[Question]) -> str:
        title = session.get("title") or "your interview"
        return (
            f"*{LABEL}.* Let's practise for **{title}**. I'll ask one question at a time; answer "
            "as you would in the room. After each answer you get feedback on structure (STAR), "
            "filler words, concrete numbers and ownership. Type *skip* to move on.\n\n"
            f"**Question 1:** {plan[0].text}"
        )

    def _next_question(self, plan: list[Question], asked: list[Question], lead: str = "") -> str:
        remaining = [q for q in plan if q not in asked]
        prefix = f"{lead} " if lead else ""
        if not remaining:
            return f"{prefix}That was the last question I have for this session. Well done!"
        return f"{prefix}**Question {len(asked) + 1}:** {remaining[0].text}"

    def _pick(self, options, session: dict) -> str:
        return random.Random(f"{self.seed}:{session.get('id', '')}:{options[0]}").choice(options)


def feedback(analysis: dict) -> str:
    """Feedback on one answer, in plain Markdown, from `assessment.analyse`."""
    words = analysis["words"]
    if words < SHORT_ANSWER_WORDS:
        length = f"{words} words: too short to show what you did. Aim for 1-2 minutes."
    elif words > LONG_ANSWER_WORDS:
        length = f"{words} words: long. Keep to the point: about 150-300 words."
    else:
        length = f"{words} words: a good length."
    star = analysis["star"]
    shown = ", ".join(f"{part} {'✓' if found else '✗'}" for part, found in star.items())
    missing = [part for part, found in star.items() if not found]
    star_line = f"STAR: {shown}." + (f" {_STAR_TIPS[missing[0]]}" if missing else " Well structured.")
    fillers = analysis["fillers"]
    if fillers:
        listed = ", ".join(f"“{w}” ×{n}" for w, n in sorted(fillers.items(), key=lambda x: -x[1]))
        filler_line = f"Fillers: {analysis['fillerCount']} ({listed}). A short pause reads better."
    else:
        filler_line = "Fillers: none."
    numbers = analysis["metrics"]
    if numbers:
        metric_line = f"Numbers: {', '.join(numbers[:4])}. Concrete figures make results credible."
    else:
        metric_line = "Numbers: none. Add one: time saved, % improved, people or money involved."
    mine, ours = analysis["ownership"]["i"], analysis["ownership"]["we"]
    if ours > mine:
        owner_line = f"Ownership: “I” ×{mine}, “we” ×{ours}. Say what *you* did, not only the team."
    else:
        owner_line = f"Ownership: “I” ×{mine}, “we” ×{ours}. Clear about your part."
    lines = [length, star_line, filler_line, metric_line, owner_line]
    return "**Feedback** · offline coach, no AI model\n" + "\n".join(f"- {line}" for line in lines)


_STAR_TIPS = {
    "situation": "Start with the situation: where you were and what was going on.",
    "task": "Say what you had to achieve and why it mattered.",
    "action": "Describe the steps you took yourself.",
    "result": "Finish with the result: what changed, ideally with a number.",
}

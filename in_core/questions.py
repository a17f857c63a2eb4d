"""The question bank shipped in `data/questions.json`, and which questions suit a session."""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .assessment import question_kind, terms
from .config import PROJECT_DIR

BANK_PATH = PROJECT_DIR / "data" / "questions.json"
SENIORITIES = ("junior", "mid", "senior")


@dataclass(frozen=True)
class Question:
    id: str
    category: str
    seniority: tuple[str, ...]
    text: str
    keywords: tuple[str, ...]
    look_for: tuple[str, ...]
    follow_ups: tuple[str, ...]


@dataclass(frozen=True)
class Bank:
    categories: dict[str, str]
    questions: tuple[Question, ...]

    def by_text(self, text: str) -> Question | None:
        """The bank question quoted in `text`, the latest one if several are."""
        found = [(text.rfind(q.text), q) for q in self.questions if q.text in text]
        return max(found, key=lambda pair: pair[0])[1] if found else None

    def nearest(self, question: str) -> Question | None:
        """The bank question most like `question` in its words, if any is alike at all."""
        wanted = terms(question)
        scored = [(len(wanted & terms(f"{q.text} {' '.join(q.keywords)}")), -n, q)
                  for n, q in enumerate(self.questions)]
        best = max(scored, key=lambda entry: entry[:2])
        return best[2] if best[0] >= 2 else None


@lru_cache(maxsize=4)
def load_bank(path: Path = BANK_PATH) -> Bank:
    data = json.loads(Path(path).read_text("utf-8"))
    questions = tuple(
        Question(
            id=q["id"], category=q["category"], seniority=tuple(q["seniority"]), text=q["text"],
            keywords=tuple(q["keywords"]), look_for=tuple(q["lookFor"]),
            follow_ups=tuple(q["followUps"]),
        )
        for q in data["questions"]
    )
    return Bank(categories=data["categories"], questions=questions)


# Words in a session's title or role that point at a kind of interview, strongest first.
_CATEGORY_HINTS = [
    ("system_design", r"system design|architect|distributed|scalab"),
    ("data_analytics", r"\bdata\b|analyst|analytics|\bsql\b|\bbi\b|scientist|machine learning|\bml\b"),
    ("product", r"\bproduct\b|\bpm\b"),
    ("leadership", r"manager|director|head of|\blead\b|\bvp\b|leadership|executive|\bcto\b"),
    ("software_engineering", r"engineer|developer|software|backend|frontend|full.?stack|coding|"
                             r"programm|\bsre\b|devops|python|java|technical"),
    ("behavioral", r"behaviou?ral|culture|\bhr\b|general"),
]
_SENIORITY_HINTS = [
    ("junior", r"junior|graduate|\bgrad\b|intern|entry|trainee|apprentice"),
    ("senior", r"senior|\bsr\b|staff|principal|\blead\b|head of|director|\bvp\b|architect"),
]


def categories_for(text: str) -> list[str]:
    """Question categories for a session described by `text`, most relevant first.

    Behavioral questions are always part of the mix, as in real interviews.
    """
    lowered = text.lower()
    found = [category for category, hint in _CATEGORY_HINTS if re.search(hint, lowered)]
    return list(dict.fromkeys(found + ["behavioral"]))


def seniority_for(text: str) -> str:
    lowered = text.lower()
    return next((level for level, hint in _SENIORITY_HINTS if re.search(hint, lowered)), "mid")


def question_of(text: str) -> tuple[str, tuple[str, ...], str]:
    """The question an interviewer's message asks, the keywords a good answer tends to use, and
    its kind ("story" or "technical", see `assessment.question_kind`): a bank question or one of
    its follow-ups if the message quotes one, else its last paragraph with a question mark."""
    bank = load_bank()
    asked = bank.by_text(text)
    if asked:
        return asked.text, asked.keywords, question_kind(asked.text, asked.category)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    found = next((p for p in reversed(paragraphs) if "?" in p), paragraphs[-1] if paragraphs else "")
    found = re.sub(r"[*_`#>]", "", found)
    found = re.sub(r"^(follow-up|question \d+)\s*:\s*", "", found, flags=re.I)[:1_000]
    parent = follow_up_of(found)
    if parent:
        return found, parent.keywords, question_kind(parent.text, parent.category)
    return found, (), question_kind(found)


def follow_up_of(question: str) -> Question | None:
    """The bank question that `question` is a follow-up to, if it is one."""
    return next((q for q in load_bank().questions if question in q.follow_ups), None)

"""Rebuild the demo store in data/sample/ through the core, the same way every time.

    python scripts/build_sample.py

Twelve practice sessions over eight weeks, across roles and kinds of interview, answered by
hand-written answers (scripts/sample_answers.json) and coached by the offline coach. Ids and
times come from a seeded generator, so a rebuild gives the same sessions, questions and times;
only the measured latencies differ.
"""

import json
import random
import shutil
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from in_core import chat  # noqa: E402
from in_core.coach import OfflineCoach  # noqa: E402
from in_core.questions import load_bank  # noqa: E402
from in_core.store import Store  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
ANSWERS = Path(__file__).with_name("sample_answers.json")
START = datetime(2026, 10, 5, 9, 0, tzinfo=timezone.utc)

# (title, days after START, how many questions to answer)
SESSIONS = [
    ("Data analyst at a fintech", 0, 5),
    ("Senior backend engineer", 3, 5),
    ("Product manager, growth", 6, 4),
    ("Engineering manager", 10, 4),
    ("Junior data analyst, retail", 14, 3),
    ("System design round for a senior engineer", 18, 4),
    ("Nurse team lead, behavioral interview", 23, 4),
    ("Data scientist in healthcare", 27, 4),
    ("Junior frontend developer", 32, 3),
    ("Senior product manager, platform", 38, 4),
    ("Staff engineer, leadership loop", 45, 4),
    ("Data analyst at a fintech, second try", 52, 5),
]


class Clock:
    """A clock the builder moves by hand."""

    def __init__(self):
        self.now = START

    def __call__(self) -> str:
        return self.now.isoformat(timespec="microseconds")

    def wait(self, seconds: float):
        self.now += timedelta(seconds=seconds)


def seeded_ids(seed: int):
    rng = random.Random(seed)
    return lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))


def session_ids(seed: int = 2026) -> list[str]:
    """The ids the sessions will get: the first draws of the seeded generator."""
    new_id = seeded_ids(seed)
    return [new_id() for _ in SESSIONS]


def build(folder: Path = SAMPLE, seed: int = 2026) -> Store:
    answers = json.loads(ANSWERS.read_text("utf-8"))
    if folder.exists():
        shutil.rmtree(folder)
    clock, rng = Clock(), random.Random(seed)
    store = Store(folder, clock=clock, new_id=seeded_ids(seed))
    coach = OfflineCoach()
    created = []
    for title, day, _ in SESSIONS:
        clock.now = START + timedelta(days=day, minutes=rng.randrange(0, 600))
        kind = "behavioral" if "behavioral" in title else "mixed"
        created.append(store.create_session(title, interview_type=kind)["id"])
    bank = load_bank()
    for number, (session_id, (_, _, answered)) in enumerate(zip(created, SESSIONS, strict=True), 1):
        clock.now = datetime.fromisoformat(store.get_session(session_id)["date"])

        def say(text, session_id=session_id):
            clock.wait(rng.uniform(40, 150) if len(text) > 40 else rng.uniform(5, 20))
            store.save_input(session_id, text)
            reply = chat.stream_reply(store, coach, session_id, text)
            try:
                while True:
                    next(reply)
            except StopIteration as done:
                clock.wait(rng.uniform(1, 3))
                return done.value["content"]

        last = say("Hi, I'm ready to start.")
        for _ in range(answered):
            key = f"{number}:{bank.by_text(last).id}"
            last = say(answers[key])
            if "**Follow-up:**" in last:
                last = say(answers[f"{key}:follow-up"])
    return store


if __name__ == "__main__":
    store = build()
    print(f"Built {len(store.list_sessions())} sessions in {SAMPLE}")

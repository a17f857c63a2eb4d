"""What In adds to a chat turn, against calling the openai SDK directly, and how fast the offline
coach answers.

    python benchmarks/chat_bench.py [--sessions 2000] [--turns 200]

A loopback Chat Completions server answers at once, so the difference is In's own work: storing
the user's message, building the context, storing the answer. The store holds 100,000 messages.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openai  # noqa: E402

from benchmarks.store_bench import build  # noqa: E402
from in_core import chat  # noqa: E402
from in_core.coach import OfflineCoach  # noqa: E402
from in_core.config import EngineSettings  # noqa: E402
from in_core.engines import ChatRequest  # noqa: E402
from in_core.openai_engine import OpenAIEngine  # noqa: E402
from in_core.store import Store  # noqa: E402
from tests.openai_server import OpenAIServer  # noqa: E402

KEY = "sk-bench"


def through_in(store, engine, session_id, assess=False):
    """(ms to first text, ms for the whole turn) through in_core. `assess` adds the model's
    structured assessment of the answer: a second call to the model."""
    started = time.perf_counter()
    stream = chat.stream_reply(store, engine, session_id, "My answer to your question.",
                               assess=assess)
    first = None
    try:
        while True:
            next(stream)
            first = first or (time.perf_counter() - started) * 1000
    except StopIteration:
        pass
    return first, (time.perf_counter() - started) * 1000


def direct(client, messages):
    """(ms to first text, ms for the whole call) with the SDK alone."""
    started = time.perf_counter()
    first = None
    for chunk in client.chat.completions.create(model="gpt-5.2", messages=messages, stream=True,
                                                stream_options={"include_usage": True}):
        if chunk.choices and chunk.choices[0].delta.content:
            first = first or (time.perf_counter() - started) * 1000
    return first, (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    server = OpenAIServer()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        ids, built = build(folder, args.sessions, 50, rng)
        store = Store(folder)
        engine = OpenAIEngine(EngineSettings(engine="openai", api_key=KEY, base_url=server.url))
        client = openai.OpenAI(api_key=KEY, base_url=server.url, max_retries=0)
        session_id = rng.choice(ids)
        messages = chat.context(store.get_session(session_id), store.get_messages(session_id),
                                EngineSettings().context_tokens)
        for _ in range(10):  # warm both connections
            through_in(store, engine, rng.choice(ids))
            direct(client, messages)
        ours, theirs = [], []
        for _ in range(args.turns):  # interleaved, so both see the same machine
            ours.append(through_in(store, engine, rng.choice(ids)))
            theirs.append(direct(client, messages))
        assessed = [through_in(store, engine, rng.choice(ids), assess=True)[1]
                    for _ in range(args.turns // 4)]
        coach = OfflineCoach()
        session = store.get_session(session_id)
        history = [{"role": "system", "content": "x"}] + [
            {"role": m["type"], "content": m["content"]} for m in store.get_messages(session_id)
        ]
        coach_ms = []
        for _ in range(args.turns):
            started = time.perf_counter()
            coach.reply(ChatRequest(messages=history, model="offline-coach", session=session))
            coach_ms.append((time.perf_counter() - started) * 1000)
    server.close()

    def median(values):
        return statistics.median(values)

    turn_in, turn_direct = median([t for _, t in ours]), median([t for _, t in theirs])
    first_in, first_direct = median([f for f, _ in ours]), median([f for f, _ in theirs])
    overhead, first_gap, coach_median = turn_in - turn_direct, first_in - first_direct, median(coach_ms)
    table = [
        ("chat turn through In", "", f"{turn_in:.2f} ms"),
        ("same call, SDK alone", "", f"{turn_direct:.2f} ms"),
        ("In's overhead per turn", "≤ 10 ms", f"{overhead:.2f} ms ({'ok' if overhead <= 10 else 'MISSED'})"),
        ("first text through In", "", f"{first_in:.2f} ms"),
        ("first text, SDK alone", "", f"{first_direct:.2f} ms"),
        ("first-text gap", "≤ 5 ms", f"{first_gap:.2f} ms ({'ok' if first_gap <= 5 else 'MISSED'})"),
        ("turn with the model's assessment (2 calls)", "", f"{median(assessed):.2f} ms"),
        ("offline coach answer", "< 20 ms",
         f"{coach_median:.2f} ms ({'ok' if coach_median < 20 else 'MISSED'})"),
    ]
    print(f"\nStore: {len(ids):,} sessions, {len(built):,} messages; {args.turns} turns each, "
          "medians.\n")
    print("| measure | target | result |")
    print("|---|---|---|")
    for name, target, result in table:
        print(f"| {name} | {target} | {result} |")


if __name__ == "__main__":
    main()

"""How fast the store is at the size the product promises, against a naive TinyDB baseline.

    python benchmarks/store_bench.py [--sessions 2000] [--messages 50]

Builds a store of 2,000 sessions with 50 messages each (100,000 messages of ~300 characters,
half of them also saved as inputs), then measures each operation's median. The baseline is what
a first version would do: one TinyDB file holding every message, with a plain insert and search.
"""

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tinydb import Query, TinyDB  # noqa: E402

from in_core.store import Store, now  # noqa: E402

TARGETS_MS = {
    "append one message (durable)": 5,
    "get_messages (one session)": 10,
    "list_sessions": 50,
    "get_input_history(limit=50)": 50,
    "open the store cold": 1000,
}


def text(rng: random.Random, size: int = 300) -> str:
    words = ["the", "pipeline", "I", "led", "we", "shipped", "latency", "customer", "metric", "team",
             "because", "reduced", "by", "40%", "after", "three", "weeks", "dashboard", "résumé", "🚀"]
    out = []
    while sum(map(len, out)) + len(out) < size:
        out.append(rng.choice(words))
    return " ".join(out)[:size]


def build(folder: Path, sessions: int, per_session: int, rng: random.Random) -> tuple[list, list]:
    """Fill a store quickly: one durable write per session instead of one per message, through
    the store's own file layer, so the files are exactly what the store writes."""
    store = Store(folder)
    ids, rows = [], []
    for n in range(sessions):
        session_id = store.create_session(f"Practice session {n}")["id"]
        with store._writing():
            db = store._load_session(session_id)
            messages = []
            for i in range(per_session):
                messages.append({"id": str(uuid.uuid4()), "sessionId": session_id,
                                 "type": "user" if i % 2 == 0 else "assistant",
                                 "content": text(rng), "timestamp": now()})
            db.table("messages").insert_multiple(messages)
            db.table("inputs").insert_multiple(
                {"input": m["content"], "timestamp": m["timestamp"]} for m in messages[::2]
            )
            store._save_session(db)
        ids.append(session_id)
        rows.extend(messages)
    return ids, rows


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def cold_open_ms(folder: Path, repeat: int = 5) -> float:
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[2]); from in_core.store import Store; "
        "t = time.perf_counter(); s = Store(sys.argv[1]); s.list_sessions(); "
        "print((time.perf_counter() - t) * 1000)"
    )
    project = str(Path(__file__).resolve().parent.parent)
    return statistics.median(
        float(subprocess.check_output([sys.executable, "-c", script, str(folder), project]))
        for _ in range(repeat)
    )


def naive_baseline(folder: Path, rows: list, ids: list, rng: random.Random) -> dict:
    """One TinyDB JSON file with every message: each insert rewrites all of it."""
    path = folder / "naive.json"
    path.write_text(json.dumps({"messages": {str(i + 1): r for i, r in enumerate(rows)}}), "utf-8")
    db = TinyDB(path)
    messages = db.table("messages")
    Message = Query()
    results = {
        "append one message (durable)": median_ms(
            lambda: messages.insert({"id": str(uuid.uuid4()), "sessionId": rng.choice(ids),
                                     "type": "user", "content": text(rng), "timestamp": now()}), 3),
        "get_messages (one session)": median_ms(
            lambda: messages.search(Message.sessionId == rng.choice(ids)), 3),
    }
    db.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=50, help="messages per session")
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        started = time.perf_counter()
        ids, rows = build(folder, args.sessions, args.messages, rng)
        print(f"Built {len(ids):,} sessions, {len(rows):,} messages in "
              f"{time.perf_counter() - started:.0f} s")
        store = Store(folder)
        ours = {
            "append one message (durable)": median_ms(
                lambda: store.append_message(rng.choice(ids), "user", text(rng)), 200),
            "get_messages (one session)": median_ms(
                lambda: store.get_messages(rng.choice(ids)), 200),
            "list_sessions": median_ms(store.list_sessions, 30),
            "get_input_history(limit=50)": median_ms(lambda: store.input_history(50), 30),
            "open the store cold": cold_open_ms(folder),
        }
        naive = naive_baseline(Path(tmp), rows, ids, rng)

    print("\n| operation | target | In (median) | naive TinyDB | naive / In |")
    print("|---|---|---|---|---|")
    for name, ms in ours.items():
        base = naive.get(name)
        ratio = f"{base / ms:,.0f}x" if base else "-"
        verdict = "ok" if ms <= TARGETS_MS[name] else "MISSED"
        base_text = f"{base:,.1f} ms" if base else "-"
        print(f"| {name} | ≤ {TARGETS_MS[name]:,} ms | {ms:,.2f} ms ({verdict}) | {base_text} | {ratio} |")


if __name__ == "__main__":
    main()

"""How long the app's pages take to run in Streamlit's own runtime (AppTest) on a big store.

    python benchmarks/app_bench.py [--runs 7]

Chat with a 500-message session and History over 2,000 sessions (100,000 messages); each
page is run once to warm up, then timed, and the median is reported.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks.store_bench import build, text  # noqa: E402
from in_core.store import Store  # noqa: E402

TARGET_MS = 1000


def page_ms(runs: int, page: str | None = None, **query) -> float:
    times = []
    for run in range(runs + 1):
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for name, value in query.items():
            at.query_params[name] = value
        if page:
            at.run()
            at.switch_page(page)
        started = time.perf_counter()
        at.run()
        elapsed = (time.perf_counter() - started) * 1000
        assert not at.exception, at.exception
        if run:  # the first run warms imports and caches
            times.append(elapsed)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        os.environ["IN_DATA_DIR"] = str(folder)
        os.environ["IN_SECRETS_FILE"] = str(Path(tmp) / "none.toml")
        ids, _ = build(folder, 2000, 50, rng)
        store = Store(folder)
        long_session = store.create_session("A very long session")["id"]
        for i in range(500):
            store.append_message(long_session, "user" if i % 2 == 0 else "assistant", text(rng))
        results = {
            "Chat, 500-message session": page_ms(args.runs, session=long_session),
            "History, 2,000 sessions": page_ms(args.runs, page="app_pages/history.py"),
        }
    print(f"\nMedian of {args.runs} runs in AppTest (script run, no browser).\n")
    print("| page | target | result |")
    print("|---|---|---|")
    for name, ms in results.items():
        print(f"| {name} | ≤ {TARGET_MS:,} ms | {ms:,.0f} ms ({'ok' if ms <= TARGET_MS else 'MISSED'}) |")


if __name__ == "__main__":
    main()

"""The demo store in data/sample/ is what scripts/build_sample.py makes, through the core."""

import importlib.util

from in_core.config import PROJECT_DIR
from in_core.store import Store

SCRIPT = PROJECT_DIR / "scripts" / "build_sample.py"


def conversation(store, session_id):
    return [(m["type"], m["content"], m["timestamp"]) for m in store.get_messages(session_id)]


def test_the_demo_store_rebuilds_to_the_same_sessions(tmp_path):
    spec = importlib.util.spec_from_file_location("build_sample", SCRIPT)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    rebuilt = builder.build(tmp_path / "sample")
    shipped = Store(PROJECT_DIR / "data" / "sample")
    assert [s["title"] for s in shipped.list_sessions()] == [s["title"] for s in rebuilt.list_sessions()]
    assert len(shipped.list_sessions()) == 12
    for session in shipped.list_sessions():
        assert conversation(shipped, session["id"]) == conversation(rebuilt, session["id"])
        assert shipped.get_session(session["id"]) == rebuilt.get_session(session["id"])

"""The store's promises: durable, concurrent-safe, and careful with files it cannot read."""

import json
import logging
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from in_core.errors import CorruptFile, InError, NewerSchema, NotFound
from in_core.store import Store, open_store

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(data_dir):
    return open_store(data_dir)


def reopen(folder) -> Store:
    """A new instance, as a freshly started process would make."""
    return Store(folder)


def session_file(folder, session_id) -> Path:
    return folder / "sessions" / f"{session_id}.json"


def test_one_store_per_folder_per_process(data_dir, monkeypatch):
    monkeypatch.chdir(data_dir.parent)
    assert open_store(data_dir) is open_store("data") is open_store(data_dir / ".." / "data")


def test_threads_writing_together_lose_nothing(store):
    shared = store.create_session("shared")["id"]
    errors = []

    def work(n):
        try:
            own = store.create_session(f"thread {n}")["id"]
            for i in range(25):
                store.append_message(shared, "user", f"t{n} m{i}")
                store.append_message(own, "assistant", f"own {i}")
                store.save_input(shared, f"input {n} {i}")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    contents = [m["content"] for m in store.get_messages(shared)]
    assert sorted(contents) == sorted(f"t{n} m{i}" for n in range(8) for i in range(25))
    for n in range(8):  # each thread's messages keep their order
        mine = [c for c in contents if c.startswith(f"t{n} ")]
        assert mine == [f"t{n} m{i}" for i in range(25)]
    assert len(store.list_sessions()) == 9
    assert store.get_session(shared)["questionsAsked"] == 200
    assert {s["questionsAsked"] for s in store.list_sessions()} == {200, 0}
    assert len(store.input_history()) == 200


WRITER = textwrap.dedent(
    """
    import sys
    from in_core.store import Store
    store = Store(sys.argv[1])
    session_id, tag, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
    for i in range(count):
        if session_id == "new" or i % 10 == 0:
            target = store.create_session(f"{tag} {i}")["id"] if session_id == "new" else session_id
        message = store.append_message(session_id if session_id != "new" else target,
                                       "user", f"{tag} {i} " + "x" * 300)
        store.save_input(message["sessionId"], f"{tag} input {i}")
        print(message["sessionId"], message["id"], flush=True)
    """
)


def start_writer(folder, session_id, tag, count):
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), session_id, tag, str(count)],
        stdout=subprocess.PIPE, text=True, cwd=PROJECT,
    )


def test_two_processes_writing_together_lose_nothing(store, data_dir):
    shared = store.create_session("shared")["id"]
    writers = [start_writer(data_dir, shared, tag, 60) for tag in ("a", "b")]
    acknowledged = [line.split()[1] for w in writers for line in w.communicate()[0].splitlines()]
    assert [w.returncode for w in writers] == [0, 0]
    messages = store.get_messages(shared)
    assert sorted(m["id"] for m in messages) == sorted(acknowledged)
    assert len(messages) == 120
    for tag in ("a", "b"):
        mine = [m["content"].split()[1] for m in messages if m["content"].startswith(tag + " ")]
        assert mine == [str(i) for i in range(60)]
    assert len(store.input_history()) == 120
    assert store.list_sessions()[0]["questionsAsked"] == 120


def test_a_process_sees_what_another_just_wrote(store, data_dir):
    shared = store.create_session("shared")["id"]
    writer = start_writer(data_dir, shared, "w", 5)
    for line in writer.stdout:
        assert line.split()[1] in {m["id"] for m in store.get_messages(shared)}
    writer.wait()


def test_sigkill_in_the_middle_of_writes_never_loses_an_acknowledged_write(data_dir):
    store = Store(data_dir)
    shared = store.create_session("shared")["id"]
    rng = random.Random(7)
    acknowledged = []
    for round_ in range(20):
        writer = start_writer(data_dir, shared if round_ % 2 else "new", f"r{round_}", 10_000)
        deadline = rng.uniform(0.05, 0.6)
        timer = threading.Timer(deadline, writer.send_signal, args=(signal.SIGKILL,))
        timer.start()
        for line in writer.stdout:
            if line.endswith("\n"):  # a line cut short by the kill was never acknowledged
                acknowledged.append(line.split())
        writer.wait()
        timer.cancel()
        assert writer.returncode == -signal.SIGKILL
    assert len(acknowledged) > 20

    reopened = reopen(data_dir)
    for path in data_dir.rglob("*.json"):
        json.loads(path.read_bytes() or b"{}")  # every file is whole
    assert not list(data_dir.rglob("*.tmp"))
    stored = {m["id"] for s in reopened.list_sessions() for m in reopened.get_messages(s["id"])}
    assert {message_id for _, message_id in acknowledged} <= stored
    for summary in reopened.list_sessions():  # the index agrees with the session files
        assert summary == reopened.get_session(summary["id"])


def test_a_zero_byte_index_file_opens_as_empty_and_is_rebuilt(store, data_dir):
    ids = {store.create_session(f"s{i}")["id"] for i in range(20)}
    store.list_sessions()
    for shard in (data_dir / "index").glob("*.json"):
        shard.write_bytes(b"")
    assert {s["id"] for s in reopen(data_dir).list_sessions()} == ids


def test_a_zero_byte_session_file_is_an_empty_session(store, data_dir):
    gone = store.create_session("emptied")["id"]
    kept = store.create_session("kept")["id"]
    session_file(data_dir, gone).write_bytes(b"")
    reopened = reopen(data_dir)
    assert [s["id"] for s in reopened.list_sessions()] == [kept]
    with pytest.raises(NotFound):
        reopened.get_messages(gone)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "not a database"])
def test_an_unreadable_session_file_is_reported_and_never_overwritten(store, data_dir, damage):
    broken = store.create_session("broken")["id"]
    store.append_message(broken, "user", "an answer")
    fine = store.create_session("fine")["id"]
    path = session_file(data_dir, broken)
    raw = path.read_bytes()
    damaged = {
        "truncate": raw[: len(raw) // 2],
        "garbage": bytes(random.Random(1).randrange(256) for _ in range(500)),
        "not a database": b"[1, 2, 3]",
    }[damage]
    path.write_bytes(damaged)

    reopened = reopen(data_dir)
    for call in (reopened.get_messages, reopened.get_session,
                 lambda sid: reopened.append_message(sid, "user", "more"),
                 lambda sid: reopened.save_input(sid, "typed")):
        with pytest.raises(CorruptFile) as raised:
            call(broken)
        assert str(path) in str(raised.value)
    assert path.read_bytes() == damaged
    listed = {s["id"]: s for s in reopened.list_sessions()}
    assert listed[broken]["title"].startswith("Unreadable session")
    reopened.append_message(fine, "user", "still works")
    assert reopened.get_messages(fine)[0]["content"] == "still works"


def test_an_unreadable_index_file_is_moved_aside_and_rebuilt(store, data_dir, caplog):
    ids = {store.create_session(f"s{i}")["id"] for i in range(40)}
    store.list_sessions()
    shard = next((data_dir / "index").glob("*.json"))
    shard.write_bytes(b'{"sessions": {"1": {"id": ')
    with caplog.at_level(logging.WARNING):
        assert {s["id"] for s in reopen(data_dir).list_sessions()} == ids
    aside = list((data_dir / "index").glob(f"{shard.name}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b'{"sessions": {"1": {"id": '
    assert str(shard) in caplog.text and "moved aside" in caplog.text


def test_the_index_is_repaired_from_the_session_files_on_open(store, data_dir):
    orphan = store.create_session("orphan")["id"]
    ghost = store.create_session("ghost")["id"]
    stale = store.create_session("stale")["id"]
    store.list_sessions()
    orphan_entry = data_dir / "index" / f"{orphan[0]}.json"
    index_before = {p: p.read_bytes() for p in (data_dir / "index").glob("*.json")}
    store.append_message(stale, "user", "written after the index was copied")
    store.delete_session(orphan)
    session_file(data_dir, ghost).unlink()
    # Put back the old index files, as if the process had died before updating them,
    # and bring the orphan's session file back without its index entry.
    for path, raw in index_before.items():
        path.write_bytes(raw)
    data = json.loads(orphan_entry.read_text("utf-8"))
    data["sessions"] = {k: v for k, v in data["sessions"].items() if v["id"] != orphan}
    orphan_entry.write_text(json.dumps(data), "utf-8")
    os.utime(orphan_entry, ns=(0, 0))
    session_file(data_dir, orphan).write_text(json.dumps({"session": {"1": {
        "id": orphan, "title": "orphan", "date": "2026-01-01T00:00:00+00:00", "model": "gpt-5.2",
        "createdAt": "2026-01-01T00:00:00+00:00", "updatedAt": "2026-01-01T00:00:00+00:00",
        "schemaVersion": 1}}}), "utf-8")
    for path in (data_dir / "index").glob("*.json"):
        os.utime(path, ns=(0, 0))  # older than every session file

    reopened = reopen(data_dir)
    listed = {s["id"]: s for s in reopened.list_sessions()}
    assert set(listed) == {orphan, stale}
    assert listed[stale]["questionsAsked"] == 1


def test_a_store_cold_opens_with_the_sessions_it_had(store, data_dir):
    ids = [store.create_session(f"s{i}")["id"] for i in range(5)]
    for session_id in ids:
        store.append_message(session_id, "user", "hello")
    reopened = reopen(data_dir)
    assert [s["id"] for s in reopened.list_sessions()] == ids[::-1]
    assert all(s["questionsAsked"] == 1 for s in reopened.list_sessions())


@pytest.mark.parametrize("damage", [
    lambda d: d["session"]["1"].pop("title"),
    lambda d: d["session"].update({"1": 5}),
    lambda d: d["session"]["1"].update({"schemaVersion": "2"}),
    lambda d: d.update({"messages": {"1": "oops"}}),
    lambda d: d.update({"messages": {"1": {"id": "m", "content": "x", "timestamp": "t"}}}),
    lambda d: d.update({"messages": {"one": {"id": "m", "type": "user", "content": "x",
                                             "timestamp": "t"}}}),
])
def test_a_well_formed_json_file_that_is_not_a_session_breaks_nothing_else(store, data_dir, damage):
    broken = store.create_session("broken")["id"]
    healthy = store.create_session("healthy")["id"]
    store.save_input(healthy, "still recalled")
    path = session_file(data_dir, broken)
    data = json.loads(path.read_text("utf-8"))
    damage(data)
    path.write_text(json.dumps(data), "utf-8")
    listed = {s["id"]: s["title"] for s in store.list_sessions()}
    assert listed[healthy] == "healthy" and listed[broken].startswith("Unreadable session")
    assert store.input_history() == ["still recalled"]
    assert [s["id"] for s in store.search_sessions("healthy")] == [healthy]
    with pytest.raises(CorruptFile, match=str(path)):
        store.get_messages(broken)


def test_a_folder_where_a_session_file_should_be_is_reported(store, data_dir):
    healthy = store.create_session("healthy")["id"]
    odd = "0b0e8e6e-5a7e-4e8c-9a55-5c5c1f3a0b11"
    session_file(data_dir, odd).mkdir()
    assert [s["id"] for s in store.list_sessions() if s["title"] == "healthy"] == [healthy]
    with pytest.raises(CorruptFile):
        store.get_session(odd)


def test_a_session_from_a_newer_version_is_listed_but_not_opened(store, data_dir):
    future = store.create_session("future")["id"]
    path = session_file(data_dir, future)
    data = json.loads(path.read_text("utf-8"))
    data["session"]["1"]["schemaVersion"] = 2
    path.write_text(json.dumps(data), "utf-8")
    assert [s["id"] for s in store.list_sessions()] == [future]
    with pytest.raises(NewerSchema, match="newer version"):
        store.get_messages(future)


@pytest.mark.parametrize("entry", ['{"title": "no id", "date": "d"}', '"not an object"'])
def test_a_malformed_index_entry_is_rebuilt(store, data_dir, entry):
    ids = {store.create_session(f"s{i}")["id"] for i in range(30)}
    store.list_sessions()
    shard = next((data_dir / "index").glob("*.json"))
    data = json.loads(shard.read_text("utf-8"))
    data["sessions"]["999"] = json.loads(entry)
    shard.write_text(json.dumps(data), "utf-8")
    assert {s["id"] for s in reopen(data_dir).list_sessions()} == ids


def test_a_data_folder_removed_while_running_is_made_again(store, data_dir):
    store.create_session("before")
    import shutil
    shutil.rmtree(data_dir)
    assert store.list_sessions() == []
    store.create_session("after")
    assert [s["title"] for s in store.list_sessions()] == ["after"]


def test_a_data_folder_that_is_a_file_is_explained(tmp_path):
    path = tmp_path / "not-a-folder"
    path.write_text("x")
    with pytest.raises(InError, match="is a file, not a folder"):
        Store(path)


def test_index_entries_from_an_older_summary_are_made_again(store, data_dir):
    session_id = store.create_session("old entry")["id"]
    store.list_sessions()
    shard = data_dir / "index" / f"{session_id[0]}.json"
    data = json.loads(shard.read_text("utf-8"))
    for entry in data["sessions"].values():
        entry["fileStamp"] = entry["fileStamp"][:3]  # as an older version wrote it
        entry.pop("score", None)
        entry["title"] = "stale title"
    shard.write_text(json.dumps(data), "utf-8")
    assert [s["title"] for s in reopen(data_dir).list_sessions()] == ["old entry"]

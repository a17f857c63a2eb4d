"""The session store: TinyDB documents in JSON files under one data folder.

Layout, chosen so that every operation reads or writes a few small files:

    sessions/<id>.json   one TinyDB database per session, tables `session`, `messages`, `inputs`
    index/<x>.json       sixteen small TinyDB databases (x = the id's first hex digit) holding a
                         summary of each session, so listing 2,000 sessions reads 16 files
    .lock                the file lock every writer takes, in every process

A change writes one file: its session's. The index is derived from the session files: each entry
records the stamp (modification time and size) of the file it was made from, and listing refreshes
any entry whose file changed, appeared or went away. So the index can never disagree with the
sessions for long, whatever crashed, and an unreadable index file is simply rebuilt.

Every write is durable before it returns (see `files.write_json`). Writers hold a thread lock and
then the file lock, so threads and processes never lose each other's changes. Readers take no lock:
files are replaced atomically, so a read sees a whole file, and always the newest one. Nothing is
cached, so every call returns fresh copies that callers may change freely.
"""

import heapq
import logging
import os
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from . import validation
from .errors import CorruptFile, InError, InvalidInput, NewerSchema, NotFound
from .files import TEMP_SUFFIX, read_json, remove_file, write_json
from .models import normalise_model
from .setup import clean_setup

SCHEMA_VERSION = 1
SUMMARY_SETUP = ("role", "seniority", "company", "interviewType", "mode")  # short, so indexed
SUMMARY_VERSION = 2  # bump when `summarise` changes, and every index entry is made again
SHARDS = "0123456789abcdef"

log = logging.getLogger(__name__)
by_id = Query().id


def now() -> str:
    """The current time as ISO 8601 in UTC; one fixed format, so these strings sort by time."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Store:
    """All sessions, messages and input history kept in one data folder.

    Use `open_store(folder)` rather than this class: it gives one instance per folder per process.
    """

    def __init__(self, folder: Path, clock=now, new_id=lambda: str(uuid.uuid4())):
        """`clock` gives the time stamped on what is stored and `new_id` the ids: handed in, so
        that a script can build a reproducible store spanning weeks (scripts/build_sample.py)."""
        self.folder = Path(folder)
        self._clock, self._new_id = clock, new_id
        self._sessions = self.folder / "sessions"
        self._index = self.folder / "index"
        if self.folder.exists() and not self.folder.is_dir():
            raise InError(f"The data folder {self.folder} is a file, not a folder: point "
                          "IN_DATA_DIR at a folder.")
        self._thread_lock = threading.RLock()
        self._file_lock = FileLock(self.folder / ".lock", thread_local=False)
        try:
            with self._writing():  # what a killed writer left behind
                for folder in (self._sessions, self._index):
                    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
                        temp.unlink(missing_ok=True)
        except InError as error:  # a read-only folder can still be read
            log.warning("%s", error)

    def __repr__(self):
        return f"Store({str(self.folder)!r})"

    # Sessions

    def create_session(self, title: str, model: str | None = None, **setup) -> dict:
        """A new empty session; returns its summary. `setup` holds the optional fields of
        `setup.clean_setup` (role, seniority, interview type, résumé text, ...)."""
        stamp = self._clock()
        session = {
            "id": self._new_id(),
            "title": validation.title(title),
            "date": stamp,
            "model": normalise_model(model),
            **clean_setup(**setup),
            "createdAt": stamp,
            "updatedAt": stamp,
            "schemaVersion": SCHEMA_VERSION,
        }
        db = _database(None)
        db.table("session").insert(session)
        with self._writing():
            return self._save_session(db)

    def get_session(self, session_id: str) -> dict:
        """The summary of one session, read from its own file."""
        return summarise(self._load_session(session_id))

    def get_session_document(self, session_id: str) -> dict:
        """Everything stored about a session (its setup, its report), with its summary."""
        return self.read_session(session_id)[0]

    def read_session(self, session_id: str) -> tuple[dict, list[dict]]:
        """The session document (as `get_session_document`) and its messages, in one read."""
        db = self._load_session(session_id)
        document = {**db.table("session").all()[0], **summarise(db)}
        return document, [dict(m) for m in db.table("messages").all()]

    def update_session(self, session_id: str, **fields) -> dict:
        """Store `fields` on the session (a report, say); returns the summary."""
        with self._writing():
            db = self._load_session(session_id)
            db.table("session").update({**fields, "updatedAt": self._clock()})
            return self._save_session(db)

    def list_sessions(self) -> list[dict]:
        """Summaries of every session, newest first, from the index (refreshed where needed)."""
        files = self._session_files()
        summaries = [s for shard in SHARDS for s in self._indexed(shard, files[shard])]
        summaries.sort(key=lambda s: (s["date"], s["id"]), reverse=True)
        return [{k: v for k, v in s.items() if k != "fileStamp"} for s in summaries]

    def search_sessions(self, query: str) -> list[dict]:
        """Summaries of the sessions whose title or message text contains `query`, ignoring case."""
        if not isinstance(query, str):
            raise InvalidInput("The search must be text.")
        needle = query.casefold().strip()
        if not needle:
            return self.list_sessions()
        found = []
        for summary in self.list_sessions():
            if needle in summary["title"].casefold():
                found.append(summary)
                continue
            try:
                messages = self.get_messages(summary["id"])
            except (NotFound, CorruptFile, NewerSchema):
                continue
            if any(needle in m["content"].casefold() for m in messages):
                found.append(summary)
        return found

    def delete_session(self, session_id: str) -> bool:
        """Remove a session with its messages and inputs; False if there was no such session."""
        session_id = validation.session_id(session_id)
        with self._writing():
            return remove_file(self._session_path(session_id))

    # Messages

    def append_message(self, session_id: str, role: str, content: str,
                       update: tuple[str, dict] | None = None, **metadata) -> dict:
        """Store one message at the end of the conversation; returns it as stored.

        `update` is (id of an earlier message, fields to add to it), written in the same
        durable write: an answer and the assessment of the message it answers, say."""
        if role not in ("user", "assistant"):
            raise ValueError(f"role must be 'user' or 'assistant', not {role!r}")
        limit = validation.MAX_MESSAGE_CHARS if role == "user" else validation.MAX_ANSWER_CHARS
        content = validation.text(content, "message", limit)
        session_id = validation.session_id(session_id)
        with self._writing():
            db = self._load_session(session_id)
            message = {
                "id": self._new_id(),
                "sessionId": session_id,
                "type": role,
                "content": content,
                "timestamp": self._clock(),
                **metadata,
            }
            messages = db.table("messages")
            if update and not messages.update(update[1], Query().id == update[0]):
                raise NotFound(f"There is no message with id {update[0]!r} in this session.")
            messages.insert(message)
            db.table("session").update({"updatedAt": message["timestamp"]})
            self._save_session(db)
        return message

    def update_message(self, session_id: str, message_id: str, **fields) -> dict:
        """Add `fields` to a stored message (its assessment, say); returns the message."""
        with self._writing():
            db = self._load_session(session_id)
            messages = db.table("messages")
            if not messages.update(fields, Query().id == message_id):
                raise NotFound(f"There is no message with id {message_id!r} in this session.")
            self._save_session(db)
            return dict(messages.get(Query().id == message_id))

    def get_messages(self, session_id: str) -> list[dict]:
        """Every message of a session in conversation order."""
        return [dict(m) for m in self._load_session(session_id).table("messages").all()]

    # Input history

    def save_input(self, session_id: str, text: str) -> None:
        """Remember `text` as typed in a session; a repeated input only moves to the front."""
        text = validation.text(text, "message")
        with self._writing():
            db = self._load_session(session_id)
            db.table("inputs").upsert({"input": text, "timestamp": self._clock()}, Query().input == text)
            self._save_session(db)

    def input_history(self, limit: int | None = None) -> list[str]:
        """Distinct inputs across all sessions, newest first, each at its latest use.

        Only the sessions that can hold one of the newest `limit` inputs are read: sessions are
        merged in order of their latest input, and a session is opened when the merge reaches it.
        """
        if limit is not None and (type(limit) is not int or limit < 0):
            raise InvalidInput("The history limit must be a whole number of at least 0.")
        sessions = [s for s in self.list_sessions() if s.get("lastInputAt")]
        merged = heapq.merge(
            *(self._inputs_newest_first(s) for s in sessions), key=lambda e: e[0], reverse=True
        )
        history, seen = [], set()
        for _, text in merged:
            if limit is not None and len(history) >= limit:
                break
            if text is not None and text not in seen:
                seen.add(text)
                history.append(text)
        return history

    def _inputs_newest_first(self, summary: dict):
        yield summary["lastInputAt"], None  # stands in for the session until the merge needs it
        try:
            inputs = self._load_session(summary["id"]).table("inputs").all()
        except (NotFound, CorruptFile, NewerSchema):  # deleted since it was listed, or unreadable
            return
        yield from sorted(((i["timestamp"], i["input"]) for i in inputs), reverse=True)

    # Files

    @contextmanager
    def _writing(self):
        """Hold the write lock, in this process and in every other; the folders are made if
        they went missing, and a failing disk becomes an `InError`."""
        try:
            self._sessions.mkdir(parents=True, exist_ok=True)
            self._index.mkdir(exist_ok=True)
            with self._thread_lock, self._file_lock:
                yield
        except OSError as error:
            raise InError(f"Could not write to the data folder {self.folder}: "
                          f"{error.strerror or error}.") from None

    def _session_path(self, session_id: str) -> Path:
        return self._sessions / f"{session_id}.json"

    def _session_files(self) -> dict[str, dict[str, list[int]]]:
        """The stamp of every session file, by shard and id."""
        files: dict[str, dict[str, list[int]]] = {shard: {} for shard in SHARDS}
        try:
            entries = list(os.scandir(self._sessions))
        except FileNotFoundError:  # no session written yet, or the folder was removed
            return files
        for entry in entries:
            name = entry.name.removesuffix(".json")
            if entry.name.endswith(".json") and name == name.lower() and validation.is_session_id(name):
                try:
                    files[name[0]][name] = _file_stamp(entry)
                except FileNotFoundError:  # deleted while we looked
                    pass
        return files

    def _load_session(self, session_id: str) -> TinyDB:
        session_id = validation.session_id(session_id)
        path = self._session_path(session_id)
        db = _database(path)
        sessions = db.table("session").all()
        if not sessions:
            raise NotFound(f"There is no session with id {session_id}; it may have been deleted.")
        _check_session(db, path)
        if sessions[0].get("schemaVersion", 1) > SCHEMA_VERSION:
            raise NewerSchema(f"{path} was written by a newer version of In; update In to open it.")
        return db

    def _save_session(self, db: TinyDB) -> dict:
        """Write a session file; the caller holds the write lock."""
        summary = summarise(db)
        write_json(self._session_path(summary["id"]), db.storage.memory)
        return summary

    def _shard_path(self, shard: str) -> Path:
        return self._index / f"{shard}.json"

    def _load_shard(self, shard: str) -> TinyDB:
        path = self._shard_path(shard)
        db = _database(path)
        for entry in db.table("sessions").all():
            if not all(isinstance(entry.get(key), str) for key in ("id", "title", "date")):
                raise CorruptFile(path, "an index entry is malformed")
        return db

    def _save_shard(self, shard: str, db: TinyDB) -> None:
        # Atomic but not synced: the index is rebuilt from the session files if a crash or a
        # power cut leaves it old or empty.
        write_json(self._shard_path(shard), db.storage.memory, durable=False)

    def _indexed(self, shard: str, files: dict[str, list[int]]) -> list[dict]:
        """The index entries of one shard, refreshed first if any of its session files changed."""
        try:
            entries = self._load_shard(shard).table("sessions").all()
            if {e["id"]: e.get("fileStamp") for e in entries} == files:
                return entries
        except CorruptFile:
            pass
        with self._writing():
            return self._refresh_shard(shard, files)

    def _refresh_shard(self, shard: str, files: dict[str, list[int]]) -> list[dict]:
        """Make one index file list exactly the sessions on disk, each as its file now says;
        the caller holds the write lock. An unreadable index file is moved aside and rebuilt."""
        path = self._shard_path(shard)
        try:
            db = self._load_shard(shard)
        except CorruptFile as error:
            aside = path.with_name(f"{path.name}.corrupt-{datetime.now():%Y%m%d-%H%M%S-%f}")
            path.rename(aside)
            log.warning("%s It was moved aside to %s and rebuilt from the session files.", error, aside)
            db = _database(None)
        table = db.table("sessions")
        stamps = {e["id"]: e.get("fileStamp") for e in table.all()}
        changed = False
        for session_id in set(stamps) - set(files):
            table.remove(by_id == session_id)
            changed = True
        for session_id, stamp in files.items():
            if stamps.get(session_id) == stamp:
                continue
            changed = True
            try:
                summary = summarise(self._load_session(session_id))
            except (NotFound, FileNotFoundError):  # an empty file, or deleted meanwhile
                table.remove(by_id == session_id)
                continue
            except (CorruptFile, NewerSchema) as error:  # listed; opening it explains why
                log.warning("%s", error)
                summary = _unreadable(session_id, stamp)
            table.upsert({**summary, "fileStamp": stamp}, by_id == session_id)
        if changed:
            self._save_shard(shard, db)
        return table.all()


def _file_stamp(path) -> list[int]:
    """What changes whenever a file is rewritten: its modification time, size and inode (every
    write replaces the file, so a new inode too); with the summary's version, so that entries
    made by an older `summarise` are made again."""
    stat = path.stat()
    return [stat.st_mtime_ns, stat.st_size, stat.st_ino, SUMMARY_VERSION]


SESSION_FIELDS = ("id", "title", "date", "model", "createdAt", "updatedAt")
MESSAGE_FIELDS = ("id", "content", "timestamp")


def _check_session(db: TinyDB, path: Path) -> None:
    """`CorruptFile` unless the file holds one well-formed session, so that a hand-edited or
    damaged file is reported rather than breaking every listing."""
    session = db.table("session").all()[0]
    missing = [field for field in SESSION_FIELDS if not isinstance(session.get(field), str)]
    if missing:
        raise CorruptFile(path, f"the session has no {', '.join(missing)}")
    if type(session.get("schemaVersion", 1)) is not int:
        raise CorruptFile(path, "its schemaVersion is not a whole number")
    for message in db.table("messages").all():
        if message.get("type") not in ("user", "assistant") or not all(
                isinstance(message.get(field), str) for field in MESSAGE_FIELDS):
            raise CorruptFile(path, "a message is malformed")
    for entry in db.table("inputs").all():
        if not (isinstance(entry.get("input"), str) and isinstance(entry.get("timestamp"), str)):
            raise CorruptFile(path, "an input is malformed")


def _database(path: Path | None) -> TinyDB:
    """A TinyDB database over the contents of `path`, held in memory until written back."""
    data = read_json(path) if path else None
    if data is not None and not (
        isinstance(data, dict) and all(
            isinstance(table, dict) and all(k.isdigit() and isinstance(doc, dict)
                                            for k, doc in table.items())
            for table in data.values())
    ):
        raise CorruptFile(path, "not a TinyDB database of documents")
    db = TinyDB(storage=MemoryStorage)
    db.storage.memory = data
    return db


def _unreadable(session_id: str, stamp: list[int]) -> dict:
    """An index entry for a session file that cannot be read, dated by the file's last change."""
    changed = datetime.fromtimestamp(stamp[0] / 1e9, timezone.utc).isoformat(timespec="microseconds")
    return {
        "id": session_id, "title": "Unreadable session (open it to see why)", "date": changed,
        "model": "", "createdAt": changed, "updatedAt": changed, "questionsAsked": 0,
        "firstMessageAt": None, "lastMessageAt": None, "lastInputAt": None,
    }


def summarise(db: TinyDB) -> dict:
    """What the index keeps about a session, computed from its file."""
    session = db.table("session").all()[0]
    messages = db.table("messages").all()
    inputs = db.table("inputs").all()
    return {
        "id": session["id"],
        "title": session["title"],
        "date": session["date"],
        "model": session["model"],
        **{key: session[key] for key in SUMMARY_SETUP if session.get(key)},
        "createdAt": session["createdAt"],
        "updatedAt": session["updatedAt"],
        "questionsAsked": sum(m["type"] == "user" for m in messages),
        "firstMessageAt": messages[0]["timestamp"] if messages else None,
        "lastMessageAt": messages[-1]["timestamp"] if messages else None,
        "lastInputAt": max((i["timestamp"] for i in inputs), default=None),
        "answeredBy": next((m.get("model") for m in reversed(messages)
                            if m["type"] == "assistant"), None),
        "score": (session.get("report") or {}).get("overall"),
    }


_stores: dict[Path, Store] = {}
_stores_lock = threading.Lock()


def open_store(folder) -> Store:
    """The one `Store` for `folder` in this process, shared by every thread."""
    folder = Path(folder).resolve()
    with _stores_lock:
        if folder not in _stores:
            _stores[folder] = Store(folder)
        return _stores[folder]

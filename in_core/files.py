"""Reading and writing JSON files so that a write that returned is on disk and a crash never
leaves a half-written file: write a temporary file, fsync it, rename it over the old one, fsync
the folder. A reader therefore always sees either the old file or the new one, whole.
"""

import os
import uuid
from pathlib import Path

import orjson

from .errors import CorruptFile

TEMP_SUFFIX = ".tmp"


def read_json(path: Path):
    """The parsed file, `None` for a missing or 0-byte file; `CorruptFile` for anything unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:  # a folder where the file should be, no permission, ...
        raise CorruptFile(path, error.strerror or type(error).__name__) from None
    if not raw.strip():
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptFile(path, f"not valid JSON: {error}") from None


def write_json(path: Path, data, durable: bool = True) -> None:
    """Replace `path` with `data` as readable UTF-8 JSON, atomically and, unless told otherwise,
    durably. Data that can be rebuilt from other files may skip the fsyncs (`durable=False`)."""
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}{TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        fsync_folder(path.parent)


def remove_file(path: Path) -> bool:
    """Delete `path` durably; False if it was not there."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    fsync_folder(path.parent)
    return True


def fsync_folder(folder: Path) -> None:
    """Make a rename or delete inside `folder` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

"""The CSV export: every rule with its input, and the command line that writes it."""

import csv
import io
import subprocess
import sys
import uuid
from pathlib import Path

import pandas as pd
import pytest

from in_core import api
from in_core.export import safe_cell
from in_core.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def stored(*contents):
    """A session holding `contents` as user messages, exported."""
    session = api.create_session("Export rules")
    store = open_store(api.store().folder)
    for content in contents:
        store.append_message(session["id"], "user", content)
    return session, api.transcripts_csv([session["id"]])


def rows_by_csv(data: bytes):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def rows_by_pandas(data: bytes):
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_utf8_with_a_byte_order_mark_so_spreadsheets_show_accents_and_emoji():
    _, data = stored("Zoë’s café 🚀 東京")
    assert data.startswith(b"\xef\xbb\xbf")
    assert rows_by_csv(data)[0]["content"] == "Zoë’s café 🚀 東京"


@pytest.mark.parametrize(
    "cell, written",
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+SUM(A1:A2)", "'+SUM(A1:A2)"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("- a bullet", "'- a bullet"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e5", "-1e5"),
        ("plain = text", "plain = text"),
    ],
)
def test_formula_cells_are_neutralised_but_numbers_are_not(cell, written):
    assert safe_cell(cell) == written
    _, data = stored(cell)
    assert rows_by_csv(data)[0]["content"] == written
    assert rows_by_pandas(data)["content"][0] == written


@pytest.mark.parametrize(
    "content",
    ['He said "yes", then left', "one,two,,three", "line one\nline two", "windows\r\nline",
     "old mac\rline", "trailing newline\n", '"quoted" start', "mixed\r\n\n\r end"],
)
def test_quotes_commas_and_every_line_break_survive_a_round_trip(content):
    session, data = stored(content, "a second message")
    for rows in (rows_by_csv(data), rows_by_pandas(data).to_dict("records")):
        assert [r["content"] for r in rows] == [content, "a second message"]
        assert all(r["session_id"] == session["id"] for r in rows)


def test_timestamps_are_iso_8601_with_offset_and_parse_back_tz_aware():
    _, data = stored("hello")
    frame = rows_by_pandas(data)
    for column in ("timestamp", "session_date"):
        parsed = pd.to_datetime(frame[column], format="ISO8601")
        assert str(parsed.dt.tz) == "UTC"
        assert frame[column][0].endswith("+00:00")


def test_the_command_line_writes_the_same_bytes_as_the_api(tmp_path, data_dir):
    one, _ = stored("first")
    two, _ = stored("second")
    run = [sys.executable, "-m", "in_core", "export", "--out"]
    subprocess.run([*run, str(tmp_path / "all.csv")], check=True, cwd=ROOT)
    assert (tmp_path / "all.csv").read_bytes() == api.transcripts_csv()
    subprocess.run([*run, str(tmp_path / "one.csv"), "--session", two["id"]], check=True, cwd=ROOT)
    assert (tmp_path / "one.csv").read_bytes() == api.transcripts_csv([two["id"]])
    out = subprocess.run([*run, "-", "--session", one["id"]], check=True, cwd=ROOT,
                         capture_output=True).stdout
    assert out == api.transcripts_csv([one["id"]])


def test_the_command_line_explains_an_unknown_session(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "in_core", "export", "--out", str(tmp_path / "x.csv"),
         "--session", str(uuid.uuid4())], cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 1 and "no session" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_the_command_line_explains_a_path_it_cannot_write(tmp_path):
    stored("hello")
    result = subprocess.run([sys.executable, "-m", "in_core", "export", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and result.stderr.startswith("error: could not write")

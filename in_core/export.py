"""Transcripts as CSV that opens safely and exactly in a spreadsheet and in pandas.

- UTF-8 with a byte-order mark, so spreadsheets show accents and emoji.
- A cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
  return) is prefixed with ', unless it is just a number such as -12.5.
- Quotes, commas and every kind of line break inside a cell survive a round trip.
"""

import csv
import io
import re

COLUMNS = [
    "session_id", "title", "session_date", "model", "message_id", "role", "content", "timestamp",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value) -> str:
    """`value` as text that no spreadsheet will evaluate."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def transcripts_csv(sessions: list[dict], messages_of) -> bytes:
    """One row per message of `sessions`, in their order; `messages_of(id)` gives a conversation."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for session in sessions:
        for message in messages_of(session["id"]):
            row = (
                session["id"], session["title"], session["date"], session["model"],
                message["id"], message["type"], message["content"], message["timestamp"],
            )
            writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")

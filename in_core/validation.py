"""Checks on what callers hand in, done before anything touches the file system."""

import re

from .errors import InvalidInput

MAX_TITLE_CHARS = 200
MAX_MESSAGE_CHARS = 20_000  # what a person types
MAX_ANSWER_CHARS = 200_000  # what a model answers; longer answers are cut and marked

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def session_id(value) -> str:
    """`value` as a canonical (lower-case) UUID string; anything else, such as "../x", is refused."""
    if not is_session_id(value):
        raise InvalidInput(f"{_shown(value)} is not a valid session id (expected a UUID).")
    return value.lower()


def is_session_id(value) -> bool:
    return isinstance(value, str) and bool(_UUID.fullmatch(value))


def text(value, what: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`value` if it is non-blank text of at most `limit` characters that can be stored as UTF-8."""
    if not isinstance(value, str):
        raise InvalidInput(f"The {what} must be text.")
    if not any(ch.isprintable() and not ch.isspace() for ch in value):
        raise InvalidInput(f"The {what} is empty.")
    if len(value) > limit:
        raise InvalidInput(
            f"The {what} is {len(value):,} characters long; the limit is {limit:,}."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"The {what} contains characters that are not valid Unicode.") from None
    return value


def title(value) -> str:
    """A session title: trimmed, single-line, non-blank, at most `MAX_TITLE_CHARS`."""
    collapsed = " ".join(value.split()) if isinstance(value, str) else value
    return text(collapsed, "title", MAX_TITLE_CHARS)


def _shown(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."

"""Text made safe to show as Markdown, in the app and in downloaded reports.

People's text is shown exactly as typed; a model's text keeps its Markdown, but never raw HTML,
never an image (which would make a browser fetch an address), and never LaTeX from a "$".
"""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|>~<!])")
_LIST_MARK = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s)", re.MULTILINE)
_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def literal(text: str) -> str:
    """What a person typed, as Markdown that shows it exactly: "`count(*)`", "# 1", "- item"
    and "<b>" stay as they are. Web addresses are left whole, so they still work as links."""
    parts = _ADDRESS.split(text)
    addresses = _ADDRESS.findall(text)
    shown = [_LIST_MARK.sub(_unlisted, _SPECIAL.sub(r"\\\1", part)) for part in parts]
    merged = "".join(piece for pair in zip(shown, [*addresses, ""], strict=True) for piece in pair)
    return dollars(merged)


def _unlisted(match: re.Match) -> str:
    """A line-start "- ", "+ " or "1. " escaped, so it is not read as a list."""
    mark = match.group(2)
    return match.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)


def safe(text: str) -> str:
    """A model's Markdown without the dangerous parts: HTML tags and images become text, and
    every dollar sign is shown as itself. Safe to apply twice."""
    return dollars(re.sub(r"(?<!\\)<", r"\\<", text).replace("![", "!\\["))


def dollars(text: str) -> str:
    """Every `$` shown as a dollar sign, never as the start of LaTeX."""
    return re.sub(r"(\\*)\$", lambda m: m.group(1) + ("$" if len(m.group(1)) % 2 else "\\$"), text)

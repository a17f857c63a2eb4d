"""Text made safe to show as Markdown, in the app and in downloaded reports.

People's text is shown exactly as typed; a model's text keeps its Markdown, but never raw HTML,
never an image (which would make a browser fetch an address), and never LaTeX from a "$".
"""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def literal(text: str) -> str:
    """What a person typed, as Markdown that shows it exactly: "`count(*)`", "# 1" and
    "<b>" stay as they are."""
    return dollars(_SPECIAL.sub(r"\\\1", text))


def safe(text: str) -> str:
    """A model's Markdown without the dangerous parts: HTML tags and images become text, and
    every dollar sign is shown as itself. Safe to apply twice."""
    return dollars(re.sub(r"(?<!\\)<", r"\\<", text).replace("![", "!\\["))


def dollars(text: str) -> str:
    """Every `$` shown as a dollar sign, never as the start of LaTeX."""
    return re.sub(r"(\\*)\$", lambda m: m.group(1) + ("$" if len(m.group(1)) % 2 else "\\$"), text)

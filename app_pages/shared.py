"""What the pages share: the active session, the sidebar, and formatting.

Text is shown through `in_core.markdown`: a person's as typed (`literal`), a model's as
Markdown without HTML, images or LaTeX (`safe`).
"""

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from in_core import api, engines
from in_core.coach import shape_line
from in_core.errors import InError
from in_core.markdown import literal, safe
from in_core.models import OFFLINE_COACH, model_label
from in_core.report import markdown as report_to_markdown

CHAT_PAGE = "app_pages/chat.py"


def active_session_id() -> str | None:
    """The open session: from the address (?session=…), else from this browser tab's state."""
    session_id = st.query_params.get("session") or st.session_state.get("session_id")
    if session_id:
        st.session_state["session_id"] = session_id
    return session_id


def open_session(session_id: str):
    """Make `session_id` the active session and show it in Chat."""
    st.session_state["session_id"] = session_id
    st.switch_page(CHAT_PAGE, query_params={"session": session_id})


def forget_session():
    st.session_state.pop("session_id", None)
    st.query_params.pop("session", None)


def safe_stream(stream):
    """A model's text as it streams, made `safe` piece by piece. A piece ending in "!" or "\\"
    waits for the next, so an image or an escape is never split where it cannot be seen."""
    held = ""
    for piece in stream:
        piece = held + piece
        cut = len(piece.rstrip("!\\"))
        held = piece[cut:]
        if cut:
            yield safe(piece[:cut])
    if held:
        yield safe(held)


def seconds(value: float) -> str:
    """A duration in seconds as "45 s" or "1m 25s"."""
    minutes, rest = divmod(round(value), 60)
    return f"{minutes}m {rest:02d}s" if minutes else f"{rest} s"


def assessment_markdown(verdict: dict) -> str:
    """The structured assessment of one answer, for the Feedback expander."""
    scores = " · ".join(f"{name} **{score}/5**" for name, score in verdict["scores"].items())
    fillers = ", ".join(f"“{word}” ×{n}" for word, n in verdict["fillers"].items()) or "none"
    ownership = verdict["ownership"]
    lines = [f"{scores}", "", shape_line(verdict), "", f"Fillers: {fillers}", "",
             f"Numbers: {', '.join(verdict['metrics'][:5]) or 'none'}", "",
             f"Ownership: “I” ×{ownership['i']}, “we” ×{ownership['we']}", ""]
    if verdict["improvements"]:
        lines += ["**To improve:**"] + [f"- {tip}" for tip in verdict["improvements"]] + [""]
    source = "the AI model" if verdict["source"] == "model" else "the offline coach"
    lines.append(f"*Scored by {source}.* {verdict.get('note', '')}".strip())
    return safe("\n".join(lines))


def report_markdown(report: dict) -> str:
    """A session report, shown on the page."""
    body = report_to_markdown(report).split("\n", 2)[-1]  # the page shows the title already
    return re.sub(r"^(#+) ", r"\1### ", body, flags=re.M)  # smaller headings; already safe


def when(timestamp: str) -> str:
    """An ISO timestamp as a person reads it, in their browser's time zone when it is known:
    "3 Dec 2026, 19:39"."""
    moment = datetime.fromisoformat(timestamp)
    try:
        moment = moment.astimezone(ZoneInfo(st.context.timezone))
        zone = ""
    except (TypeError, ValueError, ZoneInfoNotFoundError):
        zone = f" {moment.tzname() or ''}"
    return f"{moment.day} {moment:%b %Y, %H:%M}{zone}".rstrip()


def slug(text: str) -> str:
    """`text` fit for a file name: "Data analyst @ Acme" becomes "data-analyst-acme"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "session"


def offline() -> bool:
    """Whether the offline coach is the engine in use (no AI model configured)."""
    try:
        return engines.default_engine().name == "offline"
    except InError:
        return False


def interviewer(model: str) -> str:
    """Who answers in a session: its model, or the offline coach when no model is configured."""
    try:
        engine = engines.default_engine()
    except InError:
        return model_label(model)
    return model_label(OFFLINE_COACH) if engine.name == "offline" else model_label(model)


def sidebar():
    with st.sidebar:
        st.markdown("**In** · interview practice")
        try:
            engine = engines.default_engine()
            st.caption(f"Engine: {engine.label}")
            if engine.name == "offline":
                st.caption("No AI model is configured; Settings shows how to connect one.")
        except InError as error:
            st.error(str(error))
        session_id = active_session_id()
        if session_id:
            try:
                session = api.get_session(session_id)
            except InError:
                pass
            else:
                st.caption(f"Open session: {literal(session['title'])}")

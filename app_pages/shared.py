"""What the pages share: the active session, the sidebar, and showing text safely.

Text from people and models is shown as Markdown, never as HTML, with dollar signs escaped so
"$120k" does not turn into LaTeX.
"""

from datetime import datetime

import streamlit as st

from in_core import api, engines
from in_core.errors import InError
from in_core.models import model_label

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


def safe_markdown(text: str) -> str:
    """`text` ready for `st.markdown`: dollar signs shown as themselves, not as LaTeX."""
    return text.replace("$", "\\$")


def when(timestamp: str) -> str:
    """An ISO timestamp as a person reads it: "3 Dec 2026, 18:39 UTC"."""
    moment = datetime.fromisoformat(timestamp)
    return f"{moment.day} {moment:%b %Y, %H:%M} {moment.tzname() or ''}".strip()


def interviewer(model: str) -> str:
    """Who answers in a session: its model, or the offline coach when no model is configured."""
    try:
        engine = engines.default_engine()
    except InError:
        return model_label(model)
    return "Offline coach" if engine.name == "offline" else model_label(model)


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
        session_id = st.session_state.get("session_id")
        if session_id:
            try:
                session = api.get_session(session_id)
            except InError:
                pass
            else:
                st.caption(f"Open session: {session['title']}")

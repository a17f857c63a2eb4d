"""History: every session, newest first; search, open, download or delete them."""

import math

import streamlit as st

from app_pages import shared
from in_core import api
from in_core.errors import InError
from in_core.models import model_label

PAGE_SIZE = 20


def confirm_delete(session_id: str):
    st.session_state["confirm_delete"] = session_id


def delete(session_id: str):
    """Delete after confirmation; forgets it as the open session if it was."""
    st.session_state.pop("confirm_delete", None)
    try:
        api.delete_session(session_id)
    except InError as error:
        st.session_state["history_error"] = str(error)
        return
    if st.session_state.get("session_id") == session_id:
        shared.forget_session()
    st.session_state["history_notice"] = "Session deleted."


st.title("History")
if notice := st.session_state.pop("history_notice", None):
    st.success(notice)
if problem := st.session_state.pop("history_error", None):
    st.error(problem)

query = st.text_input("Search titles and messages", key="history_query",
                      placeholder="e.g. stakeholder, SQL, Acme")
try:
    sessions = api.search_sessions(query, details=True) if query.strip() \
        else api.list_sessions(details=True)
except InError as error:
    st.error(str(error))
    st.stop()

if not sessions:
    st.info("No session matches." if query.strip() else "No sessions yet: start one under New session.")
    st.stop()

header, download_all = st.columns([3, 2], vertical_alignment="bottom")
header.caption(f"{len(sessions):,} session{'s' if len(sessions) != 1 else ''}")
download_all.download_button(
    "Download all as CSV", data=lambda: api.transcripts_csv(), file_name="in-transcripts.csv",
    mime="text/csv", icon=":material/download:", key="download_all",
)

pages = max(1, math.ceil(len(sessions) / PAGE_SIZE))
page = st.number_input("Page", min_value=1, max_value=pages, value=1, key="history_page") \
    if pages > 1 else 1
for session in sessions[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
    with st.container(border=True):
        st.markdown(f"**{shared.literal(session['title'])}**")
        answered_by = shared.literal(model_label(session["answeredBy"])) \
            if session.get("answeredBy") else "no answers yet"
        asked = session["questionsAsked"]
        scored = f" · report {session['score']}/5" if session.get("score") else ""
        st.caption(f"{shared.when(session['date'])} · {session['duration']} · "
                   f"{asked} question{'s' * (asked != 1)} asked · {answered_by}{scored}")
        open_, download, remove = st.columns(3)
        if open_.button("Open", key=f"open_{session['id']}", icon=":material/chat:"):
            shared.open_session(session["id"])
        download.download_button(
            "CSV", data=lambda sid=session["id"]: api.transcripts_csv([sid]),
            file_name=f"in-{shared.slug(session['title'])}-{session['id'][:8]}.csv", mime="text/csv",
            key=f"csv_{session['id']}", icon=":material/download:",
        )
        if st.session_state.get("confirm_delete") == session["id"]:
            st.warning("Delete this session and its messages? This cannot be undone.")
            yes, no = st.columns(2)
            yes.button("Yes, delete", key=f"yes_{session['id']}", type="primary",
                       on_click=delete, args=(session["id"],))
            no.button("Cancel", key=f"no_{session['id']}",
                      on_click=st.session_state.pop, args=("confirm_delete", None))
        else:
            remove.button("Delete", key=f"delete_{session['id']}", icon=":material/delete:",
                          on_click=confirm_delete, args=(session["id"],))
if pages > 1:
    st.caption(f"Page {page} of {pages}")

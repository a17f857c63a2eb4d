"""Chat: the interview itself. Answers stream in; every message is stored as it is sent."""

import streamlit as st

from app_pages import shared
from in_core import api
from in_core.errors import InError

RECALL_SHOWN = 20


def no_session(problem: str | None = None):
    st.title("Chat")
    if problem:
        st.error(problem)
    else:
        st.info("No session is open. Start a new one, or open one from History.")
    st.page_link("app_pages/new_session.py", label="New session", icon=":material/add_circle:")
    st.page_link("app_pages/history.py", label="History", icon=":material/history:")
    st.stop()


def answer(stream):
    """Show an answer as it streams, then rerun so the page shows what was stored."""
    with st.chat_message("assistant"):
        try:
            st.write_stream(shared.safe_markdown(text) for text in stream)
        except InError as error:
            st.session_state["chat_error"] = (session["id"], str(error))
    st.rerun()


def put_back(text: str):
    st.session_state["composer"] = text


session_id = shared.active_session_id()
if not session_id:
    no_session()
try:
    session = api.get_session(session_id)
    messages = api.get_messages(session_id, details=True)
except InError as error:
    shared.forget_session()
    no_session(str(error))
st.query_params["session"] = session["id"]  # a reload opens the same session

st.title(session["title"])
interviewer, asked, duration = st.columns(3)
interviewer.metric("Interviewer", shared.interviewer(session["model"]))
asked.metric("Questions asked", session["questionsAsked"])
duration.metric("Duration", session["duration"])

if not messages:
    st.info("Say hello, or type *ready*, and the interviewer asks its first question.")
for message in messages:
    with st.chat_message(message["type"]):
        st.markdown(shared.safe_markdown(message["content"]))
        if message.get("status") in ("interrupted", "error"):
            st.caption("⚠️ This answer stopped part-way.")

failure = st.session_state.get("chat_error")
if failure and failure[0] == session["id"]:
    st.error(failure[1])
    if st.button("Retry", key="retry", icon=":material/refresh:"):
        st.session_state.pop("chat_error")
        answer(api.stream_retry(session["id"]))

with st.popover("Recall an earlier answer", icon=":material/undo:"):
    wanted = st.text_input("Filter", key="recall_filter", placeholder="Type to filter")
    earlier = [text for text in api.get_input_history(limit=500)
               if wanted.casefold() in text.casefold()]
    if not earlier:
        st.caption("Nothing to recall yet." if not wanted else "Nothing earlier matches.")
    for index, text in enumerate(earlier[:RECALL_SHOWN]):
        shown = text if len(text) <= 90 else text[:87] + "…"
        st.button(shown, key=f"recall_{index}", on_click=put_back, args=(text,),
                  use_container_width=True)

if "draft" in st.session_state:  # text that could not be sent goes back in the box
    st.session_state["composer"] = st.session_state.pop("draft")
if problem := st.session_state.pop("input_error", None):
    st.error(problem)
prompt = st.chat_input("Your answer", key="composer", max_chars=api.MAX_MESSAGE_CHARS,
                       submit_mode="disable")
if prompt:
    st.session_state.pop("chat_error", None)
    try:
        api.save_input(prompt, session["id"])
    except InError as error:
        st.session_state["draft"], st.session_state["input_error"] = prompt, str(error)
        st.rerun()
    with st.chat_message("user"):
        st.markdown(shared.safe_markdown(prompt))
    answer(api.stream_message(session["id"], prompt))

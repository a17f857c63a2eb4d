"""Chat: the interview itself. Answers stream in; every message is stored as it is sent."""

import streamlit as st

from app_pages import shared
from in_core import api
from in_core.chat import answer_times
from in_core.errors import InError
from in_core.models import model_label

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
            with st.spinner("Answering…"):
                st.write_stream(shared.safe_stream(stream))
        except InError as error:
            st.session_state["chat_error"] = (session["id"], str(error))
    st.rerun()


def put_back(text: str):
    st.session_state["composer"] = text


def show_strong_answer(message_id: str):
    try:
        api.strong_answer(session["id"], message_id)
    except InError as error:
        st.session_state["chat_error"] = (session["id"], str(error))


def end_session():
    try:
        api.end_session(session["id"])
    except InError as error:
        st.session_state["chat_error"] = (session["id"], str(error))
    else:
        st.session_state["report_open"] = session["id"]


session_id = shared.active_session_id()
if not session_id:
    no_session()
try:
    session = api.get_session(session_id, details=True)
    messages = api.get_messages(session_id, details=True)
except InError as error:
    shared.forget_session()
    no_session(str(error))
st.query_params["session"] = session["id"]  # a reload opens the same session
coaching = session.get("mode") == "coach"

st.title(shared.literal(session["title"]))
interviewer, asked, duration = st.columns(3)
interviewer.metric("Interviewer", shared.interviewer(session["model"]))
asked.metric("Questions asked", session["questionsAsked"])
duration.metric("Duration", session["duration"])
now_answering = shared.interviewer(session["model"])
if session.get("answeredBy") and model_label(session["answeredBy"]) != now_answering:
    st.caption(f"Earlier answers came from {model_label(session['answeredBy'])}; "
               f"{now_answering} answers from now on.")

scored = sum(1 for m in messages if m.get("assessment"))
if session.get("report"):
    with st.expander("Session report", expanded=st.session_state.get("report_open") == session["id"],
                     icon=":material/summarize:"):
        if session["report"]["answers"] != scored:
            st.warning(f"This report covers {session['report']['answers']} answers; "
                       f"{scored} are scored now.")
            st.button("Update the report", key="update_report", on_click=end_session,
                      icon=":material/refresh:")
        st.markdown(shared.report_markdown(session["report"]))
        st.download_button("Download the report (Markdown)", key="download_report",
                           data=lambda: api.report_markdown(session["id"]),
                           file_name=f"in-report-{shared.slug(session['title'])}.md",
                           mime="text/markdown", icon=":material/download:")

if not messages:
    st.info("Type a question you expect, and get a strong answer outlined from your résumé."
            if coaching else "Say hello, or type *ready*, and the interviewer asks its first question.")
times = answer_times(messages)
for message in messages:
    with st.chat_message(message["type"]):
        st.markdown(shared.safe(message["content"]) if message["type"] == "assistant"
                    else shared.literal(message["content"]))
        if message.get("status") in ("interrupted", "error"):
            st.caption("⚠️ This answer stopped part-way.")
        if message.get("assessment"):
            verdict = message["assessment"]
            label = f"Feedback · {verdict['overall']}/5"
            if message["id"] in times:
                label += f" · answered in {shared.seconds(times[message['id']])}"
            with st.expander(label, icon=":material/grading:"):
                st.markdown(shared.assessment_markdown(verdict))
        if message["type"] == "assistant" and not coaching:
            if message.get("strongAnswer"):
                with st.expander("A strong answer", icon=":material/lightbulb:"):
                    st.markdown(shared.safe(message["strongAnswer"]))
            else:
                st.button("Show a strong answer", key=f"strong_{message['id']}",
                          icon=":material/lightbulb:", on_click=show_strong_answer,
                          args=(message["id"],))

failure = st.session_state.get("chat_error")
if failure and failure[0] == session["id"]:
    st.error(failure[1])
unanswered = messages and (messages[-1]["type"] == "user"
                           or messages[-1].get("status") in ("interrupted", "error"))
if unanswered:
    if not failure:
        st.warning("Your last message has no complete answer yet.")
    if st.button("Retry", key="retry", icon=":material/refresh:"):
        st.session_state.pop("chat_error", None)
        answer(api.stream_retry(session["id"]))

recall, finish = st.columns([3, 2])
with recall.popover("Recall an earlier answer", icon=":material/undo:"):
    wanted = st.text_input("Filter", key="recall_filter", placeholder="Type to filter")
    try:
        earlier = [text for text in api.get_input_history(limit=500)
                   if wanted.casefold() in text.casefold()]
    except InError as error:
        earlier = []
        st.caption(str(error))
    if not earlier:
        st.caption("Nothing to recall yet." if not wanted else "Nothing earlier matches.")
    for index, text in enumerate(earlier[:RECALL_SHOWN]):
        shown = text if len(text) <= 90 else text[:87] + "…"
        st.button(shared.literal(shown), key=f"recall_{index}", on_click=put_back, args=(text,),
                  width="stretch")
if messages and not coaching and not session.get("report"):
    finish.button("End session and see the report", key="end_session", on_click=end_session,
                  icon=":material/flag:")

if "draft" in st.session_state:  # text that could not be sent goes back in the box
    st.session_state["composer"] = st.session_state.pop("draft")
if problem := st.session_state.pop("input_error", None):
    st.error(problem)
prompt = st.chat_input("Your question or draft" if coaching else "Your answer", key="composer",
                       submit_mode="disable")
if prompt:
    st.session_state.pop("chat_error", None)
    try:
        api.save_input(prompt, session["id"])
    except InError as error:
        st.session_state["draft"], st.session_state["input_error"] = prompt, str(error)
        st.rerun()
    with st.chat_message("user"):
        st.markdown(shared.literal(prompt))
    answer(api.stream_message(session["id"], prompt))

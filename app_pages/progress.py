"""Progress: scores over time and by interview type, the questions answered worst, and a
way to practise those again."""

import altair as alt
import streamlit as st

from app_pages import shared
from in_core import analytics, api
from in_core.assessment import DIMENSIONS
from in_core.errors import InError
from in_core.questions import follow_up_of

WORST_SHOWN = 10

st.title("Progress")
try:
    answers = analytics.answers_frame()
except InError as error:
    st.error(str(error))
    st.stop()
if answers.empty:
    st.info("No scored answers yet: answer a few questions in a mock interview first.")
    st.stop()

sessions = answers.groupby("session_id", observed=True)
st.caption(f"{len(answers)} scored answer{'s' * (len(answers) != 1)} in {sessions.ngroups} "
           f"session{'s' * (sessions.ngroups != 1)}")

st.subheader("Scores over time")
over_time = sessions.agg(date=("session_date", "first"), title=("title", "first"),
                         **{d: (d, "mean") for d in DIMENSIONS}).reset_index()
st.altair_chart(
    alt.Chart(over_time).transform_fold(list(DIMENSIONS), as_=["dimension", "score"])
    .mark_line(point=True).encode(
        x=alt.X("date:T", title="session", axis=alt.Axis(format="%d %b", tickCount="day")),
        y=alt.Y("score:Q", scale=alt.Scale(domain=[1, 5])),
        color="dimension:N", tooltip=["title:N", "dimension:N", alt.Tooltip("score:Q", format=".1f")],
    ),
    width="stretch",
)

st.subheader("By interview type")
by_type = answers.groupby("interview_type", observed=True)[list(DIMENSIONS)].mean().reset_index()
st.altair_chart(
    alt.Chart(by_type).transform_fold(list(DIMENSIONS), as_=["dimension", "score"])
    .mark_bar().encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 5])), y=alt.Y("dimension:N", title=None),
        color="dimension:N", row=alt.Row("interview_type:N", title=None),
    ),
)

st.subheader("Questions answered worst")
worst = (answers.groupby("question", observed=True)
         .agg(score=("overall", "mean"), answers=("overall", "count"), last=("timestamp", "max"))
         .sort_values(["score", "last"], ascending=[True, False]).head(WORST_SHOWN).reset_index())
st.dataframe(
    worst.assign(last=worst["last"].dt.strftime("%d %b %Y")),
    hide_index=True, width="stretch",
    column_config={"score": st.column_config.NumberColumn("score /5", format="%.1f")},
)

st.subheader("Practise these again")
# A follow-up is practised through the question it followed, which gives it its context.
again = list(dict.fromkeys(getattr(follow_up_of(q), "text", q) for q in worst["question"]))
chosen = st.multiselect("Questions", again, default=again[:3], key="again_questions")
title = st.text_input("Session title", value="Practising my weakest answers", key="again_title")
if st.button("Start a session with these", type="primary", key="again_start",
             disabled=not chosen):
    # The new session keeps the setup of the latest session these questions came from.
    asked = answers["question"].map(lambda q: getattr(follow_up_of(q), "text", q))
    source = answers[asked.isin(chosen)].sort_values("timestamp").iloc[-1]
    setup = api.get_session(source["session_id"], details=True)
    try:
        session = api.create_session(
            title, setup["model"], role=setup.get("role"), seniority=setup.get("seniority"),
            company=setup.get("company"), interview_type=setup.get("interviewType"),
            job_description=setup.get("jobDescription"), resume_text=setup.get("resumeText"),
            practice_questions=chosen,
        )
    except InError as error:
        st.error(str(error))
    else:
        shared.open_session(session["id"])

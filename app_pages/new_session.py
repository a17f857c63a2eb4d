"""New session: what you are practising for, how, and with which model."""

import streamlit as st

from app_pages import shared
from in_core import api, config
from in_core.errors import InError, InvalidInput
from in_core.models import KNOWN_MODELS, model_label
from in_core.setup import INTERVIEW_TYPES, MODES, SENIORITIES
from in_core.validation import MAX_TITLE_CHARS

OTHER = "Another model…"

st.title("New practice session")

title = st.text_input(
    "What are you practising for?", placeholder="Senior data analyst at a fintech",
    max_chars=MAX_TITLE_CHARS, key="new_title",
)
mode = st.radio("Mode", list(MODES), format_func=MODES.get, horizontal=True, key="new_mode",
                help="Mock interview: you are asked, one question at a time, and scored. Answer "
                     "coach: you bring a question; you get a strong answer drafted from your "
                     "résumé, and a critique of your own draft.")
left, right = st.columns(2)
role = left.text_input("Target role", placeholder="Data analyst", key="new_role", max_chars=120)
company = right.text_input("Company", placeholder="optional", key="new_company", max_chars=120)
seniority = left.selectbox("Seniority", [None, *SENIORITIES], key="new_seniority",
                           format_func=lambda k: SENIORITIES.get(k, "Any"))
interview_type = right.selectbox(
    "Interview type", list(INTERVIEW_TYPES), index=list(INTERVIEW_TYPES).index("mixed"),
    key="new_type", format_func=INTERVIEW_TYPES.get,
    help="Mixed: the kinds of question your title and role call for. Custom: your own questions "
         "first, then the ones closest to the job description.",
)
own_questions = st.text_area("Your own questions, one per line", key="new_questions",
                             placeholder="Why do you want to work here?") \
    if interview_type == "custom" else ""

with st.expander("Job description and résumé (optional)"):
    job_description = st.text_area("Job description", key="new_jd", height=150,
                                   placeholder="Paste the posting: questions are chosen to fit it.")
    upload = st.file_uploader("Résumé (PDF or text); only its text is kept",
                              type=["pdf", "txt", "md"], key="new_resume_file")
    pasted = st.text_area("…or paste your résumé", key="new_resume_text", height=150)

default_model = config.default_model()
if shared.offline():
    st.caption("The offline coach will interview you: no AI model is configured (Settings "
               "shows how to connect one).")
    chosen = model = None
else:
    choices = list(dict.fromkeys([default_model, *KNOWN_MODELS])) + [OTHER]
    chosen = st.selectbox("Model", choices, format_func=model_label, key="new_model")
    model = st.text_input("Model name", placeholder="llama3.1:8b", key="new_model_name") \
        if chosen == OTHER else chosen

if st.button("Start", type="primary", key="start"):
    try:
        if chosen == OTHER and not model.strip():
            raise InvalidInput("Enter the model's name, as your server knows it.")
        resume_text = api.extract_resume_text(upload.getvalue(), upload.name) if upload else pasted
        if not title.strip() and role.strip():  # "Data analyst at Acme" from the setup
            title = f"{role.strip()} at {company.strip()}" if company.strip() else role
        session = api.create_session(
            title, model, role=role, seniority=seniority, company=company,
            interview_type=interview_type, job_description=job_description,
            resume_text=resume_text, mode=mode,
            practice_questions=[q.strip() for q in own_questions.splitlines() if q.strip()],
        )
    except InError as error:
        st.error(str(error))
    else:
        shared.open_session(session["id"])

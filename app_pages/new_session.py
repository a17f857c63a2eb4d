"""New session: what you are practising for, and with which model."""

import streamlit as st

from app_pages import shared
from in_core import api, config
from in_core.errors import InError
from in_core.models import KNOWN_MODELS, model_label

OTHER = "Another model…"

st.title("New practice session")
st.write("Say what you are practising for; the interviewer fits its questions to it.")

title = st.text_input(
    "What are you practising for?", placeholder="Senior data analyst at a fintech",
    max_chars=200, key="new_title",
)
default_model = config.default_model()
choices = list(dict.fromkeys([default_model, *KNOWN_MODELS])) + [OTHER]
chosen = st.selectbox("Model", choices, format_func=model_label, key="new_model")
model = st.text_input("Model name", placeholder="llama3.1:8b", key="new_model_name") \
    if chosen == OTHER else chosen

if st.button("Start", type="primary", key="start"):
    try:
        session = api.create_session(title, model)
    except InError as error:
        st.error(str(error))
    else:
        shared.open_session(session["id"])

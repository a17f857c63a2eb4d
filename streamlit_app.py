"""In: the router. Pages live in app_pages/; what every page shares (the sidebar) is here."""

import streamlit as st

from app_pages import shared

st.set_page_config(page_title="In · interview practice", page_icon="🎯")

new_session = st.Page("app_pages/new_session.py", title="New session", icon=":material/add_circle:",
                      url_path="new", default=True)
chat = st.Page("app_pages/chat.py", title="Chat", icon=":material/chat:", url_path="chat")
page = st.navigation([
    new_session,
    chat,
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("app_pages/progress.py", title="Progress", icon=":material/trending_up:",
            url_path="progress"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:",
            url_path="settings"),
])
if page.url_path == new_session.url_path and "session" in st.query_params:
    st.switch_page(chat, query_params={"session": st.query_params["session"]})  # a deep link
shared.sidebar()
page.run()

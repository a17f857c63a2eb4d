"""In: the router. Pages live in app_pages/; what every page shares (the sidebar) is here."""

import streamlit as st

from app_pages import shared

st.set_page_config(page_title="In · interview practice", page_icon="🎯")

opening_a_session = "session" in st.query_params
pages = [
    st.Page("app_pages/new_session.py", title="New session", icon=":material/add_circle:", url_path="new",
            default=not opening_a_session),
    st.Page("app_pages/chat.py", title="Chat", icon=":material/chat:", url_path="chat",
            default=opening_a_session),
    st.Page("app_pages/history.py", title="History", icon=":material/history:", url_path="history"),
    st.Page("app_pages/progress.py", title="Progress", icon=":material/trending_up:",
            url_path="progress"),
    st.Page("app_pages/settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
]
page = st.navigation(pages)
shared.sidebar()
page.run()

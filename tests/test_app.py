"""Every page through Streamlit's own runtime (AppTest), on a real store in a temporary folder."""

import ast
import inspect
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from in_core import api
from in_core.questions import follow_up_of
from in_core.store import open_store

from .openai_server import OpenAIServer, Reply

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-apptest-" + "Z9y8X7w6" * 3


def app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def chat_texts(at):
    return [(m.name, m.markdown[0].value) for m in at.chat_message]


def listed_titles(at):
    return [m.value for m in at.main.markdown if m.value.startswith("**")]


def text_of(at) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption]
    parts += [e.value for e in at.error] + [e.value for e in at.info] + [e.value for e in at.warning]
    parts += [e.value for e in at.title] + [str(e.value) for e in at.metric]
    return "\n".join(str(p) for p in parts)


def test_a_new_session_opens_in_chat_and_the_sidebar_names_the_engine():
    at = app()
    assert at.title[0].value == "New practice session"
    assert "Offline coach (no AI model)" in "\n".join(c.value for c in at.sidebar.caption)
    at.text_input(key="new_title").input("Data analyst at Acme")
    at.button(key="start").click().run()
    assert not at.exception
    [session] = api.list_sessions()
    assert session["title"] == "Data analyst at Acme"
    assert at.query_params["session"] == session["id"] and at.title[0].value == "Data analyst at Acme"


def test_an_empty_title_is_refused_with_a_message():
    at = app()
    at.button(key="start").click().run()
    assert "title is empty" in at.error[0].value and api.list_sessions() == []


def test_a_custom_model_name_is_used(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # a model is configured
    at = app()
    at.text_input(key="new_title").input("Ollama practice")
    at.selectbox(key="new_model").select("Another model…").run()
    at.text_input(key="new_model_name").input("llama3.1:8b")
    at.button(key="start").click().run()
    assert api.list_sessions()[0]["model"] == "llama3.1:8b"


def test_sending_messages_shows_each_answer_and_updates_the_header():
    session = api.create_session("Backend engineer")
    at = app(session=session["id"])
    assert "Say hello" in at.info[0].value
    at.chat_input(key="composer").set_value("Hi, I'm ready").run()
    assert [name for name, _ in chat_texts(at)] == ["user", "assistant"]
    assert "**Question 1:**" in chat_texts(at)[1][1]
    at.chat_input(key="composer").set_value("At my last job I cut build times by 40%.").run()
    assert len(at.chat_message) == len(api.get_messages(session["id"])) == 4
    assert [m.value for m in at.metric][1] == "2"
    assert api.get_input_history() == ["At my last job I cut build times by 40%.", "Hi, I'm ready"]


def test_recall_puts_an_earlier_input_back_in_the_message_box():
    session = api.create_session("Recall")
    api.save_input("My answer about databases", session["id"])
    api.save_input("My answer about caching", session["id"])
    at = app(session=session["id"])
    labels = [b.label for b in at.button if b.key and b.key.startswith("recall_")]
    assert labels == ["My answer about caching", "My answer about databases"]
    at.text_input(key="recall_filter").input("datab").run()
    at.button(key="recall_0").click().run()
    assert at.chat_input(key="composer").value == "My answer about databases"


def test_dollar_signs_show_literally_and_html_is_never_rendered():
    session = api.create_session("Salary talk")
    store = open_store(api.store().folder)
    store.append_message(session["id"], "user", "I asked for $120k and <b>$5k</b> bonus <script>x</script>")
    at = app(session=session["id"])
    shown = at.chat_message[0].markdown[0]
    assert shown.value.startswith("I asked for \\$120k") and not shown.allow_html
    assert all(not m.allow_html for m in at.markdown)


def test_a_deep_link_opens_the_session_and_it_survives_switching_pages():
    session = api.create_session("Deep link")
    api.send_message(session["id"], "hello")
    at = app(session=session["id"])
    assert at.title[0].value == "Deep link" and len(at.chat_message) == 2
    at.switch_page("app_pages/history.py").run()
    at.switch_page("app_pages/chat.py").run()
    assert at.title[0].value == "Deep link" and at.query_params["session"] == session["id"]


@pytest.mark.parametrize("bad", ["3f6c1c1e-0000-4000-8000-000000000000", "../x"])
def test_an_unknown_or_malformed_id_shows_a_message_not_a_traceback(bad):
    at = app(session=bad)
    assert not at.exception
    assert at.error and ("no session" in at.error[0].value or "not a valid" in at.error[0].value)
    assert "session" not in at.query_params


def test_history_lists_newest_first_searches_and_opens_a_session():
    older = api.create_session("Product manager practice")
    api.send_message(older["id"], "I prioritised the roadmap with RICE scores")
    newer = api.create_session("System design practice")
    at = app()
    at.switch_page("app_pages/history.py").run()
    assert listed_titles(at) == ["**System design practice**", "**Product manager practice**"]
    at.text_input(key="history_query").input("rice scores").run()
    assert listed_titles(at) == ["**Product manager practice**"]
    at.text_input(key="history_query").input("nothing like this").run()
    assert "No session matches" in at.info[0].value
    at.text_input(key="history_query").input("").run()
    at.button(key=f"open_{older['id']}").click().run()
    assert at.title[0].value == "Product manager practice" and len(at.chat_message) == 2
    assert newer["id"] != older["id"]


def test_history_deletes_only_after_confirmation():
    keep, gone = api.create_session("Keep me"), api.create_session("Delete me")
    at = app()
    at.switch_page("app_pages/history.py").run()
    at.button(key=f"delete_{gone['id']}").click().run()
    assert "cannot be undone" in at.warning[0].value and len(api.list_sessions()) == 2
    at.button(key=f"no_{gone['id']}").click().run()
    assert not at.warning and len(api.list_sessions()) == 2
    at.button(key=f"delete_{gone['id']}").click().run()
    at.button(key=f"yes_{gone['id']}").click().run()
    assert [s["id"] for s in api.list_sessions()] == [keep["id"]]
    assert at.success[0].value == "Session deleted."


def test_history_offers_csv_downloads_of_one_and_all_sessions():
    session = api.create_session("Export me")
    api.send_message(session["id"], "hello")
    at = app()
    at.switch_page("app_pages/history.py").run()
    labels = {b.key: b.label for b in at.get("download_button")}
    assert labels == {"download_all": "Download all as CSV", f"csv_{session['id']}": "CSV"}


def test_history_paginates_many_sessions():
    for n in range(45):
        api.create_session(f"Session {n}")
    at = app()
    at.switch_page("app_pages/history.py").run()
    assert sum(m.value.startswith("**Session") for m in at.markdown) == 20
    at.number_input(key="history_page").set_value(3).run()
    assert sum(m.value.startswith("**Session") for m in at.markdown) == 5


def test_an_engine_error_is_shown_the_message_kept_and_retry_answers_it(monkeypatch):
    server = OpenAIServer()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        server.script(Reply.error(401, f"Incorrect API key provided: {KEY}"))
        session = api.create_session("With a model")
        at = app(session=session["id"])
        at.chat_input(key="composer").set_value("My carefully typed answer").run()
        assert "The API key was rejected" in at.error[0].value
        assert KEY not in text_of(at)
        assert [m["content"] for m in api.get_messages(session["id"])] == ["My carefully typed answer"]
        assert chat_texts(at) == [("user", "My carefully typed answer")]
        at.button(key="retry").click().run()
        assert not at.error
        assert chat_texts(at) == [("user", "My carefully typed answer"),
                                  ("assistant", "Hello from the test model.")]
        assert len(server.requests) == 2
    finally:
        server.close()


def test_settings_show_the_engine_and_whether_a_key_is_set_but_never_the_key(monkeypatch):
    at = app()
    at.switch_page("app_pages/settings.py").run()
    assert "not configured" in text_of(at) and "Offline coach" in text_of(at)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    at = app()
    at.switch_page("app_pages/settings.py").run()
    shown = text_of(at) + "\n".join(c.value for c in at.code)
    assert "configured" in shown and KEY not in shown and KEY[10:20] not in shown


def test_every_page_file_is_registered_in_the_router():
    router = (ROOT / "streamlit_app.py").read_text("utf-8")
    pages = {p.name for p in (ROOT / "app_pages").glob("*.py")} - {"__init__.py", "shared.py"}
    assert pages and all(f'"app_pages/{name}"' in router for name in pages)


def test_every_public_api_function_has_a_docstring():
    public = [f for name, f in inspect.getmembers(api, inspect.isfunction)
              if not name.startswith("_") and f.__module__ == api.__name__]
    assert len(public) >= 10 and all(inspect.getdoc(f) for f in public)


def test_pages_never_allow_html():
    for path in [ROOT / "streamlit_app.py", *(ROOT / "app_pages").glob("*.py")]:
        tree = ast.parse(path.read_text("utf-8"))
        keywords = [k.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords]
        assert "unsafe_allow_html" not in keywords, path


STORY = ("Last year at my previous company our nightly data pipeline kept failing. I was "
         "responsible for making it reliable. I added retries and alerts. As a result, failures "
         "dropped from 12 a month to 1.")


def practised(title="Behavioral practice", answers=(STORY, "Um, we basically did it.")):
    session = api.create_session(title, interview_type="behavioral")
    for text in ("hi", *answers):
        api.send_message(session["id"], text)
    return session


def test_the_new_session_page_stores_the_setup():
    at = app()
    at.text_input(key="new_title").input("Bank interview")
    at.text_input(key="new_role").input("Data analyst")
    at.text_input(key="new_company").input("Acme Bank")
    at.selectbox(key="new_seniority").select("senior")
    at.selectbox(key="new_type").select("technical")
    at.text_area(key="new_jd").input("SQL and A/B testing.")
    at.text_area(key="new_resume_text").input("Built a churn model for 2M customers.")
    at.button(key="start").click().run()
    [session] = api.list_sessions()
    details = api.get_session(session["id"], details=True)
    assert (details["role"], details["company"], details["seniority"], details["interviewType"]) == (
        "Data analyst", "Acme Bank", "senior", "technical")
    assert details["resumeText"] == "Built a churn model for 2M customers." and details["mode"] == "mock"


def test_chat_shows_feedback_under_each_answer_and_strong_answers_on_request():
    session = practised()
    at = app(session=session["id"])
    labels = [e.label for e in at.expander]
    assert sum(label.startswith("Feedback · ") for label in labels) == 2
    question = api.get_messages(session["id"])[1]
    at.button(key=f"strong_{question['id']}").click().run()
    assert "A strong answer" in [e.label for e in at.expander]
    assert "**A strong answer, outlined**" in api.get_messages(session["id"], details=True)[1]["strongAnswer"]


def test_ending_a_session_shows_the_report_with_a_markdown_download():
    session = practised()
    at = app(session=session["id"])
    at.button(key="end_session").click().run()
    report = next(e for e in at.expander if e.label == "Session report")
    assert "answers scored · overall" in report.markdown[0].value
    assert "download_report" in {b.key for b in at.get("download_button")}
    assert api.get_session(session["id"], details=True)["report"]["answers"] == 2


def test_progress_charts_scores_lists_the_worst_questions_and_practises_them_again():
    practised("First try")
    practised("Second try", answers=(STORY, STORY))
    at = app()
    at.switch_page("app_pages/progress.py").run()
    assert not at.exception
    assert "4 scored answers in 2 sessions" in at.caption[0].value
    assert len(at.get("vega_lite_chart")) == 2
    worst = at.dataframe[0].value
    assert list(worst["score"]) == sorted(worst["score"])
    chosen = at.multiselect(key="again_questions").value
    parent = follow_up_of(worst["question"][0])  # a follow-up is practised through its question
    assert chosen and chosen[0] == (parent.text if parent else worst["question"][0])
    at.button(key="again_start").click().run()
    newest = api.list_sessions()[0]
    details = api.get_session(newest["id"], details=True)
    assert details["practiceQuestions"] == chosen and details["interviewType"] == "behavioral"
    assert at.query_params["session"] == newest["id"]
    first = api.send_message(newest["id"], "ready")["content"]
    assert chosen[0] in first


def test_progress_without_scored_answers_says_how_to_get_them():
    at = app()
    at.switch_page("app_pages/progress.py").run()
    assert "No scored answers yet" in at.info[0].value


def test_with_no_model_the_new_session_page_says_the_offline_coach_will_interview():
    at = app()
    assert not [w for w in at.selectbox if w.key == "new_model"]
    assert "offline coach will interview you" in " ".join(c.value for c in at.main.caption)


def test_the_title_can_come_from_the_role_and_custom_questions_come_first():
    at = app()
    at.text_input(key="new_role").input("Data analyst")
    at.text_input(key="new_company").input("Finly")
    at.selectbox(key="new_type").select("custom").run()
    at.text_area(key="new_questions").input("Why Finly?\nWhat would you do in your first month?")
    at.button(key="start").click().run()
    [session] = api.list_sessions()
    assert session["title"] == "Data analyst at Finly"
    assert api.get_session(session["id"], details=True)["practiceQuestions"] == [
        "Why Finly?", "What would you do in your first month?"]
    assert "Why Finly?" in api.send_message(session["id"], "ready")["content"]


def test_a_report_that_no_longer_covers_every_answer_offers_an_update():
    session = practised()
    api.end_session(session["id"])
    api.send_message(session["id"], STORY)
    at = app(session=session["id"])
    assert "This report covers 2 answers; 3 are scored now." in at.warning[0].value
    at.button(key="update_report").click().run()
    assert api.get_session(session["id"], details=True)["report"]["answers"] == 3


def test_settings_never_show_a_password_in_the_server_address(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://user:s3cret-pass@127.0.0.1:9/v1")
    at = app()
    at.switch_page("app_pages/settings.py").run()
    shown = text_of(at) + "\n".join(c.value for c in at.sidebar.caption)
    assert "127.0.0.1:9" in shown and "s3cret" not in shown


def test_history_shows_the_report_score_of_an_ended_session():
    session = practised()
    overall = api.end_session(session["id"])["overall"]
    at = app()
    at.switch_page("app_pages/history.py").run()
    assert f"report {overall}/5" in " ".join(c.value for c in at.main.caption)

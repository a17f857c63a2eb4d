"""The app as a person uses it: `streamlit run` on loopback, driven by Playwright in Debian's
Chromium (never a downloaded browser). Skipped, with the reason, where no Chromium is installed;
in CI (CI=true) a missing Chromium fails instead.
"""

import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from in_core import api
from in_core.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-results"
QUIET_CHROMIUM = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: install Debian's chromium (.ci/run does)")
    pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_url(data_dir, tmp_path):
    port = free_port()
    env = {**os.environ, "IN_DATA_DIR": str(data_dir), "IN_SECRETS_FILE": str(tmp_path / "none")}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1",
         "--browser.gatherUsageStats=false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"streamlit did not start: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def page():
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=QUIET_CHROMIUM)
        context = browser.new_context(viewport={"width": 1200, "height": 900}, accept_downloads=True)
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        yield tab
        browser.close()


def send(page, text: str, answers: int):
    box = page.get_by_test_id("stChatInputTextArea")
    box.fill(text)
    box.press("Enter")
    avatar = page.get_by_test_id("stChatMessageAvatarAssistant")
    assistant = page.get_by_test_id("stChatMessage").filter(has=avatar)
    playwright.expect(assistant).to_have_count(answers)
    playwright.expect(page.get_by_test_id("stChatInputTextArea")).to_be_enabled()


def test_practise_review_and_delete_a_session_in_a_real_browser(app_url, page):
    page.goto(app_url)
    page.get_by_label("What are you practising for?").fill("Browser practice: data analyst")
    page.get_by_role("button", name="Start").click()
    playwright.expect(page.get_by_role("heading", name="Browser practice: data analyst")).to_be_visible()

    send(page, "Hi, I'm ready", answers=1)
    send(page, "Last year at my previous job our weekly report took two days to build. I had to "
               "automate it, so I wrote a SQL pipeline and a dashboard. As a result it takes 10 "
               "minutes and saves $4k a month.", answers=2)
    messages = page.get_by_test_id("stChatMessage")
    playwright.expect(messages).to_have_count(4)
    playwright.expect(messages.nth(1)).to_contain_text("Question 1")
    playwright.expect(messages.nth(3)).to_contain_text("Scores: structure")
    playwright.expect(messages.nth(2)).to_contain_text("Feedback ·")
    playwright.expect(messages.nth(2)).to_contain_text("saves $4k a month")
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "chat.png", full_page=True)
    page.get_by_role("button", name="End session and see the report").click()
    playwright.expect(page.get_by_text(re.compile(r"answers? scored · overall"))).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "report.png", full_page=True)
    [session] = api.list_sessions()
    assert session["questionsAsked"] == 2
    assert page.url.endswith(f"?session={session['id']}")

    page.reload()  # a reload keeps the session open, with no "page not found"
    playwright.expect(page.get_by_role("heading", name="Browser practice: data analyst")).to_be_visible()
    playwright.expect(page.get_by_text("Page not found")).to_have_count(0)

    page.get_by_role("link", name="History").click()
    playwright.expect(page.get_by_role("heading", name="History")).to_be_visible()
    playwright.expect(page.locator("strong", has_text="Browser practice: data analyst")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV", exact=True).click()
    csv_bytes = Path(download.value.path()).read_bytes()
    assert csv_bytes.startswith("\ufeff".encode()) and b"saves $4k a month" in csv_bytes

    page.get_by_role("button", name="Open").click()
    playwright.expect(page.get_by_role("heading", name="Browser practice: data analyst")).to_be_visible()
    playwright.expect(page.get_by_test_id("stChatMessage")).to_have_count(4)

    page.get_by_role("link", name="History").click()
    playwright.expect(page.get_by_role("heading", name="History")).to_be_visible()
    page.get_by_role("button", name="Delete").click()
    page.get_by_role("button", name="Yes, delete").click()
    playwright.expect(page.get_by_text("Session deleted.")).to_be_visible()
    playwright.expect(page.get_by_text("No sessions yet")).to_be_visible()
    assert api.list_sessions() == []


def test_model_text_is_shown_literally_and_never_fetches_anything(app_url, page):
    fetched = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    spy = f"http://127.0.0.1:{listener.server_port}"
    try:
        session = api.create_session("Pay $x^2$ talk")
        store = open_store(api.store().folder)
        store.append_message(session["id"], "user", "I asked for $120k, not \\$5. # not a heading")
        store.append_message(session["id"], "assistant",
                             f"Costs $5 and $x^2$ here. ![pixel]({spy}/image.png) "
                             f"<img src='{spy}/tag.png'> <script>document.title='hacked'</script>")
        page.goto(f"{app_url}/chat?session={session['id']}")
        messages = page.get_by_test_id("stChatMessage")
        playwright.expect(messages).to_have_count(2)
        playwright.expect(page.get_by_role("heading", name="Pay $x^2$ talk")).to_be_visible()
        playwright.expect(messages.nth(0)).to_contain_text("I asked for $120k, not \\$5. # not a heading")
        playwright.expect(messages.nth(1)).to_contain_text("Costs $5 and $x^2$ here.")
        assert page.locator(".katex").count() == 0 and page.locator("img[src*='127.0.0.1']").count() == 0
        page.wait_for_timeout(500)
        assert fetched == [] and page.title() != "hacked"
    finally:
        listener.shutdown()

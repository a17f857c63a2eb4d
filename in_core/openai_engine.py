"""The engine for any server that speaks OpenAI's Chat Completions: OpenAI, Ollama, vLLM,
LM Studio, llama.cpp's server, OpenRouter.

Retries belong to tenacity alone (the SDK's are off, so attempts never multiply): connection
errors, timeouts, 429 and 5xx are retried with jittered exponential backoff, honouring the
server's Retry-After up to a cap, within a number of attempts and a total deadline. A stream is
retried only until its first text arrives; after that a failure ends it with the text so far.
Every failure reaches the caller as one of the `InError`s in `errors`, never with the key in it.
"""

import email.utils
import logging
import math
import re
import threading
import time
from typing import Generator, Iterator
from urllib.parse import urlsplit

import openai
from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_before_delay
from tenacity.wait import wait_random_exponential

from .config import EngineSettings
from .engines import ChatRequest, Report
from .errors import (
    AuthenticationFailed,
    BadRequest,
    ContextTooLong,
    EngineError,
    RateLimited,
    StreamInterrupted,
    TimedOut,
    Unavailable,
)

log = logging.getLogger(__name__)
RETRYABLE = (Unavailable, TimedOut, RateLimited)
_KEY_LIKE = re.compile(r"\b(sk|key|api)[-_][\w*.\-]{4,}", re.IGNORECASE)


class OpenAIEngine:
    name = "openai"

    def __init__(self, settings: EngineSettings):
        self.settings = settings
        self.server = _host(settings.base_url) if settings.base_url else "api.openai.com"
        self.label = f"{settings.model} via {self.server}"
        self.client = openai.OpenAI(
            api_key=settings.api_key,
            base_url=settings.base_url,
            max_retries=0,
            timeout=openai.Timeout(
                settings.deadline, connect=settings.connect_timeout, read=settings.idle_timeout
            ),
            http_client=openai.DefaultHttpx2Client(max_redirects=3),
        )

    def __repr__(self):
        return f"OpenAIEngine(server={self.server!r}, model={self.settings.model!r})"

    def stream(self, request: ChatRequest) -> Generator[str, None, Report]:
        deadline = time.monotonic() + self.settings.deadline
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_attempts) | stop_before_delay(self.settings.deadline),
            wait=self._wait,
            retry=retry_if_exception(lambda error: self._worth_retrying(error, deadline)),
            reraise=True,
            before_sleep=lambda state: log.info(
                "Retrying %s after %s (attempt %d)", self.server,
                type(state.outcome.exception()).__name__, state.attempt_number,
            ),
        )
        for attempt in retrying:
            with attempt:
                chunks, reader, first, report = self._start(request, deadline)
        text = [first]
        try:
            yield first
            for piece in reader:
                text.append(piece)
                yield piece
            if not report.pop("finished", False):
                raise Unavailable(f"{self.server} closed the connection before the answer was "
                                  "finished")
        except EngineError as error:
            raise StreamInterrupted(
                f"The answer stopped part-way: {error}", partial_text="".join(text),
                status="error" if isinstance(error, _ServerSaid) else "interrupted",
            ) from None
        finally:
            chunks.close()
        return report

    def _start(self, request: ChatRequest, deadline: float):
        """Open a stream and read it up to its first text: the part worth retrying. A watchdog
        closes the stream at the deadline, however slowly the server trickles."""
        try:
            chunks = self.client.chat.completions.create(
                model=request.model,
                messages=request.messages,
                stream=True,
                stream_options={"include_usage": True},
                timeout=openai.Timeout(
                    max(0.01, deadline - time.monotonic()),
                    connect=self.settings.connect_timeout, read=self.settings.idle_timeout,
                ),
            )
        except openai.APIError as error:
            raise self._typed(error, request.model) from None
        except Exception as error:  # a reply the SDK could not even decode
            raise self._unreadable(error) from None
        watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), chunks.close)
        watchdog.daemon = True
        watchdog.start()
        report = {"model": request.model}
        reader = self._read(chunks, report, deadline, watchdog)
        try:
            return chunks, reader, next(reader), report
        except StopIteration:
            raise Unavailable(f"{self.server} ended the answer before any text arrived.") from None
        except BaseException:
            reader.close()
            raise

    def _read(self, chunks, report: dict, deadline: float, watchdog) -> Iterator[str]:
        """The text of a stream, piece by piece, whatever odd chunks come with it (no choices,
        null content, only a role or only usage); records usage and whether it finished.
        Every failure comes out as an `EngineError`."""
        try:
            for chunk in chunks:
                usage = getattr(chunk, "usage", None)
                if usage is not None:
                    report["tokensIn"] = getattr(usage, "prompt_tokens", None)
                    report["tokensOut"] = getattr(usage, "completion_tokens", None)
                if isinstance(getattr(chunk, "model", None), str) and chunk.model:
                    report["model"] = chunk.model
                for choice in getattr(chunk, "choices", None) or []:
                    content = getattr(getattr(choice, "delta", None), "content", None)
                    if isinstance(content, str) and content:
                        yield content
                    if getattr(choice, "finish_reason", None):
                        report["finished"] = True
                if time.monotonic() > deadline:
                    raise TimedOut(f"the answer took longer than {self.settings.deadline:g} s")
        except EngineError:
            raise
        except Exception as error:
            if time.monotonic() > deadline:  # the watchdog closed the stream
                raise TimedOut(f"the answer took longer than {self.settings.deadline:g} s") from None
            if isinstance(error, openai.APIError):
                raise self._typed(error, report["model"]) from None
            raise self._unreadable(error) from None
        finally:
            watchdog.cancel()

    def _unreadable(self, error: Exception) -> Unavailable:
        return Unavailable(f"{self.server} sent a reply In could not read "
                           f"({type(error).__name__}). Try again, or check the server.")

    def _worth_retrying(self, error: BaseException, deadline: float) -> bool:
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return error.retry_after <= min(self.settings.retry_after_cap, deadline - time.monotonic())
        return isinstance(error, RETRYABLE)

    def _wait(self, state) -> float:
        error = state.outcome.exception()
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return error.retry_after
        return wait_random_exponential(
            multiplier=self.settings.retry_wait, max=self.settings.retry_wait_max
        )(state)

    def _typed(self, error: openai.APIError, model: str) -> EngineError:
        """Our error for an SDK error, in words for a person, with no key and no server body."""
        server = self.server
        if isinstance(error, openai.APITimeoutError):
            return TimedOut(f"{server} did not answer in time ({self.settings.idle_timeout:g} s "
                            "without data). Try again, or check the server.")
        if isinstance(error, openai.APIConnectionError):
            check = ("that the server is running and OPENAI_BASE_URL is right"
                     if self.settings.base_url else "your network connection")
            return Unavailable(f"Could not reach {server}. Check {check}.")
        if not isinstance(error, openai.APIStatusError):  # an error event inside the stream
            said = _scrub(_server_message(error.body) or "an error", self.settings.api_key)
            return _ServerSaid(f"{server} reported an error: {said}")
        status = error.status_code
        if status == 401:
            return AuthenticationFailed(
                f"The API key was rejected by {server} (401). Check OPENAI_API_KEY in "
                ".streamlit/secrets.toml or the environment."
            )
        if status == 403:
            return AuthenticationFailed(
                f"{server} refused access (403): the API key is not allowed to use {model!r}."
            )
        if status == 429:
            code = _server_code(error.body)
            if code == "insufficient_quota":
                return BadRequest(f"The account behind the API key has no quota left on {server}.")
            wait = retry_after(error.response.headers)
            finite = wait is not None and math.isfinite(wait)
            when = f"try again in {math.ceil(wait)} s" if finite else "try again later"
            return RateLimited(f"Rate limited by {server}: {when}.", retry_after=wait)
        if status >= 500 or status in (408, 409):
            return Unavailable(f"{server} failed ({status}). Try again in a moment.")
        said = _scrub(_server_message(error.body) or "", self.settings.api_key)
        if _server_code(error.body) == "context_length_exceeded" or "context length" in said.lower():
            return ContextTooLong(
                f"The conversation is too long for {model!r}. Lower the context budget or start "
                "a new session."
            )
        if status == 404:
            return BadRequest(f"{server} does not know the model {model!r} (404). Check the "
                              "model name and OPENAI_BASE_URL.")
        return BadRequest(f"{server} refused the request ({status}): {said or 'no reason given'}")


class _ServerSaid(Unavailable):
    """An error event from the server inside a stream."""


def _host(url: str) -> str:
    """The server's host and port, without any user name or password in the address."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def retry_after(headers) -> float | None:
    """Seconds the server asked us to wait: retry-after-ms, then Retry-After (seconds or a date)."""
    if headers.get("retry-after-ms"):
        try:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        return max(0.0, email.utils.mktime_tz(parsed) - time.time()) if parsed else None


def _server_message(body) -> str | None:
    """The message in a JSON error body, plain and short; never a raw (HTML) body."""
    if not isinstance(body, dict):
        return None
    inner = body.get("error", body)
    message = inner.get("message") if isinstance(inner, dict) else inner
    if not isinstance(message, str) or not message.strip():
        return None
    return re.sub(r"<[^>]*>", "", message).strip()[:200]


def _server_code(body) -> str | None:
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            return inner.get("code") or inner.get("type")
    return None


def _scrub(text: str, key: str | None) -> str:
    """`text` without the key, any fragment of it, or anything that looks like a key."""
    if key:
        for size in range(len(key), 5, -1):
            for start in range(0, len(key) - size + 1):
                fragment = key[start:start + size]
                if fragment in text:
                    text = text.replace(fragment, "[redacted]")
    return _KEY_LIKE.sub("[redacted]", text)

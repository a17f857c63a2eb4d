"""The errors `in_core` raises: a small vocabulary, each with a message fit to show a person.

Pages and notebooks catch `InError` and show `str(error)`; nothing else needs catching.
"""


class InError(Exception):
    """Base class: something went wrong that the person can be told about in plain words."""


class NotFound(InError, LookupError):
    """No session with that id: it never existed or was deleted."""


class InvalidInput(InError, ValueError):
    """Input that cannot be accepted: empty or oversized text, or a malformed id."""


class CorruptFile(InError):
    """A data file that cannot be read; it is left as it was so nothing is lost."""

    def __init__(self, path, reason):
        self.path = str(path)
        super().__init__(
            f"The data file {self.path} cannot be read ({reason}). It has been left untouched: "
            "restore it from a backup, or move it aside to start that part afresh."
        )


class NewerSchema(InError):
    """A data file written by a newer version of In than this one."""


class EngineError(InError):
    """The chat engine could not answer."""


class NotConfigured(EngineError):
    """The AI engine was asked for but has no key or server to talk to."""


class AuthenticationFailed(EngineError):
    """The server rejected the API key (never shown)."""


class RateLimited(EngineError):
    """The server asked us to slow down; `retry_after` is in seconds when it said."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(EngineError):
    """The server could not be reached or failed (connection error, 5xx)."""


class TimedOut(EngineError):
    """No answer, or no progress, within the time allowed."""


class BadRequest(EngineError):
    """The server refused the request as it was (400, 404, 422): retrying will not help."""


class ContextTooLong(BadRequest):
    """The conversation is longer than the model can take."""


class StreamInterrupted(EngineError):
    """The answer stopped part-way; `partial_text` is what arrived before it stopped.

    `status` is what the partial answer is stored as: "interrupted" when the connection dropped
    or stalled, "error" when the server reported an error mid-stream.
    """

    def __init__(self, message: str, partial_text: str = "", status: str = "interrupted"):
        super().__init__(message)
        self.partial_text = partial_text
        self.status = status

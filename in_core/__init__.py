"""In's core: interview-practice sessions, their chat engines, and what is built on them.

    >>> from in_core import api
    >>> session = api.create_session("Data analyst interview")
    >>> answer = api.send_message(session["id"], "Hi, I'm ready.")
    >>> answer["type"]
    'assistant'
    >>> [m["type"] for m in api.get_messages(session["id"])]
    ['user', 'assistant']

With no API key configured, answers come from the offline coach; set OPENAI_API_KEY or
OPENAI_BASE_URL (see `in_core.config`) to talk to a model. Errors are `in_core.errors.InError`.
"""

from . import api
from .errors import InError, InvalidInput, NotFound

__all__ = ["api", "InError", "InvalidInput", "NotFound"]

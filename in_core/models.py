"""The model names In knows by label. Any other name (an Ollama or vLLM model) is used as given."""

from .errors import InvalidInput

DEFAULT_MODEL = "gpt-5.2"
MAX_MODEL_NAME_CHARS = 100

KNOWN_MODELS = {
    "gpt-5.2": "GPT-5.2",
    "gpt-5-mini": "GPT-5 mini",
    "gpt-4.1": "GPT-4.1",
    "gpt-4.1-mini": "GPT-4.1 mini",
    "gpt-4o-mini": "GPT-4o mini",
}

_BY_NAME = {name.casefold(): name for name in KNOWN_MODELS} | {
    label.casefold(): name for name, label in KNOWN_MODELS.items()
}


def normalise_model(model: str | None) -> str:
    """The canonical name of `model`: a known id or label maps to its id ("GPT-5.2" -> "gpt-5.2")."""
    if model is None:
        return DEFAULT_MODEL
    if not isinstance(model, str):
        raise InvalidInput("The model name must be text.")
    name = model.strip()
    if not name:
        return DEFAULT_MODEL
    if len(name) > MAX_MODEL_NAME_CHARS or not name.isprintable():
        raise InvalidInput(
            f"The model name must be printable and at most {MAX_MODEL_NAME_CHARS} characters."
        )
    return _BY_NAME.get(name.casefold(), name)


OFFLINE_COACH = "offline-coach"


def model_label(model: str) -> str:
    """How to show `model` to a person."""
    return "Offline coach" if model == OFFLINE_COACH else KNOWN_MODELS.get(model, model)

"""Settings: which engine answers, where the data is, and how to connect a model."""

import streamlit as st

from in_core import config, engines
from in_core.errors import InError
from in_core.models import model_label

st.title("Settings")

try:
    settings = config.engine_settings()
    engine = engines.engine_for(settings)
except InError as error:
    st.error(str(error))
    settings = engine = None

if engine:
    st.subheader("In use")
    rows = {
        "Engine": engine.label,
        "Default model for new sessions": model_label(settings.model),
        "Server": config.shown_url(settings.base_url)
        or ("api.openai.com" if settings.engine == "openai" else "none"),
        "API key": "configured" if settings.key_configured else "not configured",
        "Data folder": str(config.data_dir().resolve()),
        "Secrets file": str(config.secrets_path()),
    }
    for name, value in rows.items():
        st.markdown(f"**{name}:** `{value}`")

st.subheader("Connect a model")
st.markdown(
    "Put the settings in `.streamlit/secrets.toml` (see `.streamlit/secrets.toml.example`) or "
    "in the environment, then restart the app. The key is never shown here or stored with "
    "your sessions."
)
st.markdown("**OpenAI**")
st.code('OPENAI_API_KEY = "sk-..."\nIN_MODEL = "gpt-5.2"', language="toml")
st.markdown("**Ollama, LM Studio, vLLM, llama.cpp's server** (no key needed)")
st.code('OPENAI_BASE_URL = "http://localhost:11434/v1"   # Ollama\n'
        '# OPENAI_BASE_URL = "http://localhost:1234/v1"  # LM Studio\n'
        '# OPENAI_BASE_URL = "http://localhost:8000/v1"  # vLLM, llama.cpp\n'
        'IN_MODEL = "llama3.1:8b"', language="toml")
st.markdown("**Offline only**: `IN_ENGINE = \"offline\"` keeps the built-in coach even when a "
            "key is set. `IN_DATA_DIR` (environment) moves the data folder.")

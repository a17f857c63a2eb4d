# Two commands: `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench notebooks sample

run: $(VENV)/.app
	$(PY) -m streamlit run streamlit_app.py

test: $(VENV)/.dev
	$(PY) -m pytest
	env -u IN_DATA_DIR IN_ENGINE=offline $(PY) -m pytest --nbval-lax --nbval-current-env notebooks/

bench: $(VENV)/.dev
	$(PY) benchmarks/store_bench.py
	$(PY) benchmarks/chat_bench.py
	$(PY) benchmarks/app_bench.py

# Re-run the notebooks and save their outputs (they are committed fully executed).
notebooks: $(VENV)/.dev
	cd notebooks && env -u IN_DATA_DIR IN_ENGINE=offline ../$(PY) -m jupyter execute --inplace *.ipynb

# Rebuild the demo store in data/sample/ from scripts/sample_answers.json.
sample: $(VENV)/.app
	$(PY) scripts/build_sample.py

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "In needs Python 3.11 or newer; set PYTHON=python3.11 or similar."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# in_core is installed in editable mode, so notebooks and scripts import it from anywhere.
$(VENV)/.app: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt -e .
	touch $@ $(VENV)/.app

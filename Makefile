# The one test command (README, .ci/run): a fresh venv, the tool and its test deps, then pytest.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: test install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'

test: install
	$(BIN)/python -m pytest -q -n 3

bench: install
	$(BIN)/python benchmarks/spine.py

clean:
	rm -rf $(VENV) build dist *.egg-info

# The two commands of the README: `make reproduce` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: reproduce test lint benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

reproduce: $(STAMP)
	$(BIN)/gametheory reproduce

test: $(STAMP)
	$(BIN)/ruff check gametheory tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build paper/figures paper/generated paper/main.pdf

# The two commands of the README: `make reproduce` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: reproduce test lint benchmarks docs clean

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
	$(BIN)/pytest -q -n auto --dist loadgroup

docs: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -b html docs build/docs

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build docs/api docs/gallery docs/models.md paper/figures paper/generated paper/main.pdf

# Quick start: `make run` extracts events from corpus/, `make test` runs the tests.
# Each target creates .venv when needed and installs the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: run test test-fast check bench accuracy evaluate install install-test schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	mkdir -p $(OUT)
	$(BIN)/newsevents extract corpus/articles -o $(OUT)/corpus.jsonl

test: install-test
	$(BIN)/python -m pytest -q

test-fast: install-test
	$(BIN)/python -m pytest -q -m "not slow"

check: install-test
	$(BIN)/ruff check pipeline models tests benchmarks
	$(BIN)/mypy

bench: install-test
	$(BIN)/python benchmarks/throughput.py

accuracy: install
	$(BIN)/newsevents accuracy

evaluate: install
	$(BIN)/newsevents evaluate corpus

schema: install
	$(BIN)/newsevents schema

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info

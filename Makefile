# One-command set-up: every target builds .venv from nothing when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The explorer alone, for `run`, `build` and `check`: no test tools to wait for.
APP_STAMP := $(VENV)/.app-installed

.PHONY: run test test-fast test-serial lint bench stress eval screenshots build check clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

$(APP_STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(APP_STAMP)

run: $(APP_STAMP)
	$(BIN)/oic-tui

# Everything, on every core (pytest-xdist); `test-serial` is the same suite in one process.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n auto --dist worksteal

# All but the tests that run the explorer (marked `ui` by tests/conftest.py): under a minute.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal -m "not ui"

test-serial: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

build: $(APP_STAMP)
	$(BIN)/oic-tui build

check: $(APP_STAMP)
	$(BIN)/oic-tui check

bench: $(STAMP)
	# Compiled as `pip install` compiles an installed package (this tree is editable).
	$(BIN)/python -m compileall -q oic_tui
	$(BIN)/python benchmarks/run_all.py

# Imports and opens of one corpus at once, 20 times over: documents lost must be 0.
stress: $(STAMP)
	$(BIN)/python benchmarks/stress_corpus.py

# Import's drafts scored against the gold of benchmarks/articles (fictional test texts).
eval: $(STAMP)
	$(BIN)/python benchmarks/import_eval.py
	$(BIN)/python benchmarks/review_keys.py

screenshots: $(STAMP)
	$(BIN)/python tests/scenes.py screenshots

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

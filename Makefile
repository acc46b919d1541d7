# The two quick-start commands: `make run` and `make test`. Both set up .venv first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python run_bot.py

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python run_bot.py check
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/python run_bot.py check

eval: $(STAMP)
	$(BIN)/python run_bot.py eval

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV)

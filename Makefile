# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Each creates .venv when missing and installs the project with what it needs.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install system-packages run test lint typecheck bench bench-speed bench-realnews clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "storywatch needs Python 3.11 or newer; set PYTHON=/path/to/python3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,local,model]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storywatch run || [ $$? -eq 130 ]  # Ctrl-C is the normal way to stop it

# Prometheus and Chromium from Debian, for the tests that run them (skipped when present).
system-packages:
	bash tests/system-packages.sh

# pytest exits 5 when it collected no test; that fails too, with a sentence saying so.
# The AsyncAPI project's parser, at the version tests/asyncapi/package-lock.json pins.
ASYNCAPI_CHECKER := tests/asyncapi/node_modules/.package-lock.json
$(ASYNCAPI_CHECKER): tests/asyncapi/package-lock.json | system-packages
	npm ci --prefix tests/asyncapi --no-audit --no-fund --loglevel=error

test: $(STAMP) system-packages $(ASYNCAPI_CHECKER)
	$(BIN)/python -m pytest $(PYTEST_ARGS) || { status=$$?; \
	  [ $$status -eq 5 ] && echo "storywatch: pytest collected no tests" >&2; exit $$status; }

# Figures, not assertions: benchmarks print what they measure.
bench: $(STAMP)
	$(BIN)/python bench/first_alert.py 5
	$(BIN)/python bench/pipeline_latency.py 0.5
	$(BIN)/python bench/analyze_throughput.py 7
	$(BIN)/python bench/extraction_quality.py
	$(BIN)/python bench/story_memory.py
	$(BIN)/python bench/alert_quality.py
	$(BIN)/python bench/assignment_scale.py

# Speed side by side: the parser's limit, Quix Streams and Faust peers, storywatch (bench/README.md).
SPEED_CORPUS ?= .storywatch/bench/generated.jsonl
SPEED_ARGS ?=
bench-speed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	test -f $(SPEED_CORPUS) || $(BIN)/python bench/speed/generate_corpus.py $(SPEED_CORPUS)
	$(BIN)/python bench/speed/contenders.py $(SPEED_CORPUS) $(SPEED_ARGS)

# Real-news evaluation on data built outside the checkout (bench/realnews/README.md says how).
REALNEWS_DATA ?= /work/realnews-data
bench-realnews: $(STAMP)
	$(BIN)/python bench/realnews/evaluate.py $(REALNEWS_DATA)

lint: $(STAMP)
	$(BIN)/ruff check service agents tests bench
	$(BIN)/ruff format --check service agents tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .storywatch .pytest_cache .mypy_cache .ruff_cache

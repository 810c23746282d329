# renstra-docs: `make report` builds the Renstra into build/, `make test` runs the tests.
.DELETE_ON_ERROR:
.PHONY: report test check clean pdf bench diff install dev validate

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
# Everything a build reads: when none of it changed, `make report` does nothing.
INPUTS := renstra.toml $(wildcard source_tables/*.xlsx) $(wildcard templates/*) \
          $(shell find renstra_docs -name '*.py' -o -name '*.csv' -o -name '*.j2' -o -name '*.md' 2>/dev/null)
REPORT := build/.report.stamp

report: $(REPORT)

$(REPORT): $(INSTALLED) $(INPUTS)
	$(BIN)/renstra build
	@touch $@

validate: $(INSTALLED)
	$(BIN)/renstra validate

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(DEV_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(INSTALLED)
dev: $(DEV_INSTALLED)

test: $(DEV_INSTALLED)
	$(BIN)/python -m pytest

check: $(DEV_INSTALLED)
	$(BIN)/ruff check renstra_docs tests benchmarks
	$(BIN)/ruff format --check renstra_docs tests benchmarks
	$(BIN)/mypy renstra_docs
	$(BIN)/lint-imports

pdf: $(REPORT)
	$(BIN)/renstra pdf

BENCH_INSTALLED := $(VENV)/.installed-bench

$(BENCH_INSTALLED): $(DEV_INSTALLED)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,bench]'
	@touch $@

bench: $(BENCH_INSTALLED)
	$(BIN)/python benchmarks/run.py

diff: $(INSTALLED)
	$(BIN)/renstra diff $(FROM) .

clean:
	rm -rf build

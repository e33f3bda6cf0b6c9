# reportgen — make help lists the targets. Variables can be overridden:
#   make report YEAR=2019
YEAR ?= 2018
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= data
PYTEST_ARGS ?=
# Extra options for reportgen, e.g. ARGS=--allow-missing
ARGS ?=
# Mutated workbooks tried by `make fuzz` (`make test` tries 300); FUZZ_SEED picks them.
FUZZ_CASES ?= 5000
FUZZ_SEED ?= 20181202

.DEFAULT_GOAL := help
.PHONY: help report check template preview test fuzz lint format bench bench-data clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The virtualenv is (re)built whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

report: $(BIN)/.installed ## Build out/YEAR/*.html and *.pdf from data/YEAR/*.xlsx
	$(BIN)/reportgen build --year $(YEAR) --data-dir $(DATA) $(ARGS)

check: $(BIN)/.installed ## Check data/YEAR/*.xlsx without building
	$(BIN)/reportgen check --year $(YEAR) --data-dir $(DATA) $(ARGS)

template: $(BIN)/.installed ## Write blank workbooks for YEAR into data/YEAR (never overwrites)
	$(BIN)/reportgen template --year $(YEAR) --data-dir $(DATA)

preview: $(BIN)/.installed ## Serve the YEAR's report on 127.0.0.1:8000, updated on every save
	$(BIN)/reportgen preview --year $(YEAR) --data-dir $(DATA) $(ARGS)

test: $(BIN)/.installed ## Run the test suite
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

fuzz: $(BIN)/.installed ## Fuzz the readers and parsers: FUZZ_CASES workbooks, thousands of inputs per property
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_SEED=$(FUZZ_SEED) HYPOTHESIS_PROFILE=fuzz \
		$(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_properties.py $(PYTEST_ARGS)

lint: $(BIN)/.installed ## ruff check and format check
	$(BIN)/ruff check reportgen tests bench
	$(BIN)/ruff format --check reportgen tests bench

format: $(BIN)/.installed ## Format the code with ruff
	$(BIN)/ruff format reportgen tests

bench: $(BIN)/.installed ## Time each stage at N = 8…10,000 workbooks (BENCH_SIZES=8,100 for fewer)
	$(BIN)/python -m bench.run

bench-data: $(BIN)/.installed ## Only make the benchmark's synthetic workbooks (once; ≈ 20 min)
	$(BIN)/python -m bench.run --data-only

clean: ## Remove the virtualenv and outputs
	rm -rf $(VENV) out

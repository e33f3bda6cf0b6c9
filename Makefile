# reportgen — `make help` lists the targets (in Vietnamese). Variables can be overridden:
#   make report YEAR=2026
# YEAR has no default: report, check, template and preview ask for it rather than guess.
YEAR ?=
# The report period (data/periods.toml): nam (the whole year), quy-1 … quy-4, 6-thang, 9-thang.
PERIOD ?= nam
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= data
PYTEST_ARGS ?=
TEST_WORKERS ?= 2
# Extra options for reportgen, e.g. ARGS=--allow-missing
ARGS ?=
# Mutated workbooks tried by `make fuzz` (`make test` tries 300); FUZZ_SEED picks them.
FUZZ_CASES ?= 5000
FUZZ_SEED ?= 20181202
# Workers of `make mutate` (mutmut): the machine is shared, two at most is kind.
MUTATE_CHILDREN ?= 2

.DEFAULT_GOAL := help
.PHONY: help need-year report check template preview export test fuzz mutate lint format bench bench-data clean

help: ## Liệt kê các lệnh
	@echo "Các lệnh (ghi năm bằng YEAR=…, ví dụ: make report YEAR=2026):"
	@echo "(kỳ khác cả năm thêm PERIOD=…, ví dụ: make report YEAR=2026 PERIOD=6-thang)"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# The targets that work on one year stop here, in Vietnamese, when YEAR is not given.
need-year:
	@if [ -z "$(YEAR)" ]; then \
	  echo "Hãy ghi năm báo cáo, ví dụ: make $(firstword $(MAKECMDGOALS)) YEAR=2026" >&2; \
	  exit 2; \
	fi

# The virtualenv is (re)built whenever pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

report: need-year $(BIN)/.installed ## Lập báo cáo out/YEAR/*.html, *.pdf từ data/YEAR/*.xlsx
	$(BIN)/reportgen build --year $(YEAR) --period $(PERIOD) --data-dir $(DATA) $(ARGS)

check: need-year $(BIN)/.installed ## Kiểm tra data/YEAR/*.xlsx, ghi bảng kiểm tra và tệp gửi đơn vị
	$(BIN)/reportgen check --year $(YEAR) --period $(PERIOD) --data-dir $(DATA) $(ARGS)

template: need-year $(BIN)/.installed ## Tạo mẫu Excel trống vào mau-trong/YEAR (không ghi đè)
	$(BIN)/reportgen template --year $(YEAR) --period $(PERIOD) --data-dir $(DATA)

preview: need-year $(BIN)/.installed ## Xem trước báo cáo năm YEAR tại http://127.0.0.1:8000/
	$(BIN)/reportgen preview --year $(YEAR) --period $(PERIOD) --data-dir $(DATA) $(ARGS)

export: need-year $(BIN)/.installed ## Xuất số liệu đã kiểm tra ra out/YEAR/so-lieu-YEAR.xlsx, .csv
	$(BIN)/reportgen export --year $(YEAR) --period $(PERIOD) --data-dir $(DATA) $(ARGS)

# Two workers (pytest-xdist) on this project's 2-core machines; TEST_WORKERS=0 runs the suite
# in one process. A test file runs on one worker (tests/conftest.py): its module fixtures are
# built once. docs/performance.md has the measured times.
test: $(BIN)/.installed ## Chạy bộ kiểm thử
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

fuzz: $(BIN)/.installed ## Thử bộ đọc với hàng nghìn tệp hỏng ngẫu nhiên (FUZZ_CASES tệp)
	FUZZ_CASES=$(FUZZ_CASES) FUZZ_SEED=$(FUZZ_SEED) HYPOTHESIS_PROFILE=fuzz \
		$(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_properties.py $(PYTEST_ARGS)

# What is mutated and which tests run: [tool.mutmut] in pyproject.toml; the score and how to
# read it: docs/architecture.md, "Mutation testing". Results stay in mutants/ (not in git).
mutate: $(BIN)/.installed ## Kiểm thử đột biến (mutmut): bộ lọc câu chữ, số liệu tổng hợp, quy tắc đối chiếu
	$(BIN)/mutmut run --max-children $(MUTATE_CHILDREN)
	$(BIN)/mutmut results

lint: $(BIN)/.installed ## Soát mã bằng ruff
	$(BIN)/ruff check reportgen tests bench
	$(BIN)/ruff format --check reportgen tests bench

format: $(BIN)/.installed ## Định dạng mã bằng ruff
	$(BIN)/ruff format reportgen tests

bench: $(BIN)/.installed ## Đo tốc độ với 8…10.000 tệp (BENCH_SIZES=8,100 để đo ít hơn)
	$(BIN)/python -m bench.run

bench-data: $(BIN)/.installed ## Chỉ tạo dữ liệu giả cho phép đo (một lần, khoảng 20 phút)
	$(BIN)/python -m bench.run --data-only

clean: ## Xoá môi trường ảo (.venv), thư mục out và kết quả kiểm thử đột biến (mutants)
	rm -rf $(VENV) out mutants

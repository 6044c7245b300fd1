# copylint: `make demo` runs it on a sample article, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint typecheck languagetool browser bench bench-load fuzz clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

# Grammar engine: LanguageTool from Maven Central (or language-tool-python's download).
languagetool: install
	$(BIN)/copylint languagetool install

demo: install
	@echo "== copylint check examples/geneva-summit.md (house rules, LanguageTool if installed, proselint)"
	@$(BIN)/copylint check examples/geneva-summit.md; status=$$?; [ $$status -le 1 ]
	@echo "== copylint check --diff examples/geneva-summit.md (what --fix would change)"
	@$(BIN)/copylint check --select house --diff examples/geneva-summit.md; status=$$?; [ $$status -le 1 ]

lint: install
	$(BIN)/ruff check copylint tests benchmarks fuzz
	$(BIN)/ruff format --check copylint tests benchmarks fuzz

typecheck: install
	$(BIN)/mypy

# The HTML report is tested in Debian's headless Chromium.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "make: install Debian's chromium (sudo apt-get install chromium)"; exit 1; fi; }

test: install languagetool browser
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench_house.py

bench-load: install languagetool
	$(BIN)/python benchmarks/bench_load.py

# Fuzz the readers, source map, rules and fix application (and the rule-file loader) with
# atheris for a bounded time; crashes go to tests/fixtures/regressions/.
FUZZ_SECONDS ?= 300
fuzz: install
	$(BIN)/pip install --quiet "atheris>=2.3,<4"
	PYTHON=$(CURDIR)/$(BIN)/python fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

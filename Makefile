# copylint: `make demo` runs it on a sample article, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install demo test test-fast lint typecheck precommit languagetool browser bench bench-load fuzz clean

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

precommit: install
	$(BIN)/pre-commit run --all-files

# The HTML report is tested in Debian's headless Chromium; installing it is the system's job
# (CI's .ci/run does it). Without it those tests are skipped, and under CI they fail.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	  echo "make: chromium is not installed: the HTML report's browser tests will be skipped" \
	       "(sudo apt-get install chromium)"

test: install languagetool browser
	$(BIN)/python -m pytest -q

# The suite without the tests marked slow (signals, load, fault injection): about a minute.
test-fast: install languagetool
	$(BIN)/python -m pytest -q -m "not slow"

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

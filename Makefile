# The two commands of the README:
#   make demo   set everything up, load the demo data and serve it on http://127.0.0.1:8000
#   make test   set everything up and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
# torch first, pinned: 2.13.0 resolves to the local CPU wheel (an unpinned torch pulls CUDA).
TORCH  ?= torch==2.13.0
# The suite runs on this many pytest-xdist workers (CI machines have two cores).
PYTEST_WORKERS ?= 2

.PHONY: setup chromium demo test lint bench
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q "$(TORCH)"
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here), with a
# CJK font so the Chinese pages render in the screenshots.
APT_PACKAGES = chromium fonts-wqy-microhei
chromium:
	@(command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy) \
	  || apt-get install -y -q $(APT_PACKAGES) >/dev/null 2>&1 \
	  || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $(APT_PACKAGES) >/dev/null 2>&1) \
	  || echo "WARNING: could not install $(APT_PACKAGES); the browser tests will be skipped"

demo: setup
	$(BIN)/jiebang demo --host $${HOST:-127.0.0.1} --port $${PORT:-8000}

test: setup chromium
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --durations=25

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: setup
	$(BIN)/python scripts/bench.py

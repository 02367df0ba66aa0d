# Two commands for everyone: `make lab` runs the course, `make test` runs every test.
# Both create .venv on first use; nothing needs installing by hand beyond Python 3.10+ and pip.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# TensorFlow stays quiet on stderr (a stderr line zeroes an nbgrader grade cell).
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONWARNINGS := ignore

# Debian packages the tests need: Chromium for the real-browser tests (Playwright cannot
# download a browser here). Installed with apt-get when any is missing.
APT_PACKAGES := chromium bubblewrap

.PHONY: lab test install system-deps lint release benchmark clean

install: $(STAMP)

$(STAMP): pyproject.toml autograder/setup_lab.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m autograder.setup_lab
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" course/index.ipynb

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

# Regenerate the student notebooks in release/ from the nbgrader sources (commit both).
release: $(STAMP)
	for dir in source/*/; do \
	  PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/nbgrader generate_assignment "$$(basename $$dir)" --force --log-level=WARN; \
	done

# Speed figures for the checker and the notebooks (see benchmarks/).
benchmark: $(STAMP)
	$(BIN)/python benchmarks/course_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

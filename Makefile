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
# download a browser here), bubblewrap for the grading sandbox, PostgreSQL for the judge
# service's record on a database server. Installed with apt-get when any is missing.
APT_PACKAGES := chromium bubblewrap postgresql

.PHONY: lab hub hub-install test install system-deps lint translations release benchmark clean

install: $(STAMP)

# pip prints each package it collects and installs (TensorFlow is a few hundred MB: the first
# install takes minutes), so progress is visible; the bar shows on a terminal.
$(STAMP): pyproject.toml autograder/setup_lab.py
	@echo "Installing the course's Python packages into $(VENV)/ (first run: several minutes)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --progress-bar on pip
	$(BIN)/python -m pip install --progress-bar on -e '.[test]'
	$(BIN)/python -m autograder.setup_lab
	touch $(STAMP)

# JupyterLab on your own copy of the course (workspace/, git-ignored, made on first run),
# without nbgrader's instructor tools; root is allowed (a container's or a cloud VM's user).
# `make lab COURSE_LANGUAGE=zh_CN` (or ru) opens the course, JupyterLab and the feedback in that language.
lab: $(STAMP)
	$(BIN)/python -m autograder.workspace lab $(if $(COURSE_LANGUAGE),--language $(COURSE_LANGUAGE))

# A class on one machine: JupyterHub with a Unix account per name in the roster (run as root).
# The hub's Python environment and proxy live in HUB_PREFIX, readable by every account; the course
# directory, exchange, passwords and hub database in HUB_DIR. See the README's "Running a class".
ROSTER ?= $(if $(wildcard roster.yaml),roster.yaml,autograder/hub/roster.example.yaml)
HUB_PREFIX ?= /opt/convnet-hub
HUB_DIR ?= /srv/convnet-hub
HUB_PYTHON ?= /usr/bin/python3
HUB_IP ?= 127.0.0.1
HUB_PORT ?= 8000
HUB_INTERNAL_PORT ?= 8081
HUB_PROXY_API_PORT ?= 8001
HUB_JUDGE_PORT ?= 8002
CHP_VERSION := 4.6.3
HUB_BIN := $(HUB_PREFIX)/venv/bin

HUB_STAMP := $(HUB_PREFIX)/.installed
HUB_SOURCES := pyproject.toml $(shell find autograder -type f -not -path '*/__pycache__/*' 2>/dev/null)

hub-install: $(HUB_STAMP)

# Reinstalled when the course package changes (it is copied into the hub's environment).
$(HUB_STAMP): $(HUB_SOURCES)
	@[ "$$(id -u)" = 0 ] || { echo "make hub makes Unix accounts: run it as root (sudo make hub)"; exit 1; }
	@echo "Installing the hub's environment into $(HUB_PREFIX)/ (first run: several minutes)..."
	test -x $(HUB_BIN)/python || $(HUB_PYTHON) -m venv $(HUB_PREFIX)/venv
	$(HUB_BIN)/python -m pip install --progress-bar on '.[hub]'
	$(HUB_BIN)/python -m autograder.setup_lab
	command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }
	test -f $(HUB_PREFIX)/proxy/.installed-$(CHP_VERSION) || { \
	  npm install --prefix $(HUB_PREFIX)/proxy --no-audit --no-fund configurable-http-proxy@$(CHP_VERSION) && \
	  touch $(HUB_PREFIX)/proxy/.installed-$(CHP_VERSION); }
	chmod -R a+rX $(HUB_PREFIX)
	touch $(HUB_STAMP)

hub: hub-install
	@[ "$$(id -u)" = 0 ] || { echo "make hub makes Unix accounts: run it as root (sudo make hub)"; exit 1; }
	$(HUB_BIN)/python -m autograder.hub --course "$(CURDIR)" --roster "$(ROSTER)" --state "$(HUB_DIR)" --ip $(HUB_IP) \
	  --port $(HUB_PORT) --hub-port $(HUB_INTERNAL_PORT) --proxy-api-port $(HUB_PROXY_API_PORT) \
	  --judge-port $(HUB_JUDGE_PORT) \
	  --proxy $(HUB_PREFIX)/proxy/node_modules/.bin/configurable-http-proxy

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Bring the translation catalogs (autograder/locale/) in step with the English code and notebooks,
# then write the Chinese and Russian notebooks from them (course/<language>/, source/<assignment>_<language>/).
translations: $(STAMP)
	$(BIN)/python -m autograder.i18n update
	$(BIN)/python -m autograder.i18n build

# Regenerate the student notebooks in release/ from the nbgrader sources, every language (commit all).
# The notebooks first get the language_info JupyterLab writes on opening, so opening one changes nothing.
release: $(STAMP)
	$(BIN)/python -m autograder.workspace stamp course source
	$(BIN)/python -m autograder.i18n build
	for dir in source/*/; do \
	  PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/nbgrader generate_assignment "$$(basename $$dir)" --force --log-level=WARN; \
	done

# Speed figures for the checker and the notebooks (see benchmarks/).
benchmark: $(STAMP)
	$(BIN)/python benchmarks/course_speed.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

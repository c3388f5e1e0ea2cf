# wazi — two commands on a fresh Debian machine:
#   make site   builds the example site into site/
#   make test   runs every test
# Both first install the system packages wazi needs, if missing.

SWIFT       ?= swift
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libgoogle-perftools-dev pkg-config libxml2-utils python3-venv
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps build release clean venv test-browser deps-browser venv-browser screenshots

site: build
	.build/debug/wazi build

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in: a process starts in 7 ms instead of 12, calls into the
# runtime (every retain and release) are direct, and the binary runs where Swift is not installed.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# Swift tests (wazi's, then the vendored swift-mustache's and Yams'), then the outputs checked by real clients (Frictionless, JSON Schema, feedparser, icalendar, xmllint),
# then the site checked in a real browser (axe-core in Chromium, the Nu HTML Checker, linkchecker, page weight).
test: deps venv deps-browser venv-browser
	$(SWIFT) test
	$(SWIFT) test --package-path Vendor/swift-mustache
	$(SWIFT) test --package-path Vendor/Yams
	.venv/bin/python -m pytest -q tests/python
	.venv-browser/bin/python -m pytest -q tests/browser

# The browser checks alone, on the wazi binary at $(WAZI_BIN) (built if missing; build it first if it is stale).
WAZI_BIN ?= .build/debug/wazi
export WAZI_BIN
test-browser: deps-browser venv-browser
	@[ -x "$(WAZI_BIN)" ] || $(SWIFT) build
	.venv-browser/bin/python -m pytest -q tests/browser

# Screenshots at 375 px and 1280 px of the home, commitment and milestone pages: make screenshots DIR=/tmp/shots
DIR ?= screenshots
screenshots: deps-browser venv-browser
	@dpkg -s imagemagick >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq imagemagick; }
	@[ -x "$(WAZI_BIN)" ] || $(SWIFT) build
	.venv-browser/bin/python scripts/screenshots.py "$(DIR)"

PYTHON ?= python3
venv: .venv/.installed
.venv/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv .venv
	.venv/bin/pip install -q --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

# The browser checks' Python 3.12 (pyenv's newest 3.12 if there is one, else python3.12, else python3).
PYTHON_BROWSER ?= $(shell p=$$(ls -d "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/3.12*/bin/python3 2>/dev/null | sort -V | tail -n 1); \
  [ -n "$$p" ] || p=$$(command -v python3.12); echo "$${p:-python3}")
venv-browser: .venv-browser/.installed
.venv-browser/.installed: tests/browser/requirements.txt
	$(PYTHON_BROWSER) -m venv .venv-browser
	.venv-browser/bin/pip install -q --disable-pip-version-check -r tests/browser/requirements.txt
	touch $@

# Chromium and its driver and, when no `java` runs, Debian's default Java (Nu HTML Checker); ImageMagick for screenshots.
BROWSER_APT_PACKAGES = chromium chromium-driver
deps-browser:
	@missing=""; for p in $(BROWSER_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	java -version >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Installs only what is missing, so it is quick when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf .build site .venv .venv-browser

# wazi — two commands on a fresh Debian machine:
#   make site   builds the example site into site/
#   make test   runs every test
# Both first install the system packages wazi needs, if missing.

SWIFT       ?= swift
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config libxml2-utils python3-venv
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps build release clean venv

site: build
	.build/debug/wazi build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Swift tests, then the outputs checked by real clients (Frictionless, JSON Schema, feedparser, icalendar, xmllint).
test: deps venv
	$(SWIFT) test
	.venv/bin/python -m pytest -q tests/python

PYTHON ?= python3
venv: .venv/.installed
.venv/.installed: tests/python/requirements.txt
	$(PYTHON) -m venv .venv
	.venv/bin/pip install -q --disable-pip-version-check -r tests/python/requirements.txt
	touch $@

# Installs only what is missing, so it is quick when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf .build site .venv

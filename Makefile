# L'instant CAFÉ – build, preview, check and publish the site.
# `make help` lists the targets.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

# The day the site is built for (it chooses the sessions shown): today in
# Dijon unless given, e.g. `BUILD_DATE=2027-01-04 make html` (pelicanconf.py).
export PYTHONPATH := $(CURDIR)/plugins

.PHONY: help html serve publish check newpost flyer test bench golden clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# WeasyPrint (the PDF flyers) needs Debian's Pango; as root we install it,
# otherwise we say which package to ask for.
PANGO_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0

$(VENV)/.installed: requirements.txt
	@ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_PACKAGES); \
	  else \
	    echo "Il manque Pango, nécessaire aux flyers PDF : sudo apt-get install $(PANGO_PACKAGES)"; exit 1; \
	  fi; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Browser-side tools pinned in tests/tools/package-lock.json (axe-core, vnu-jar);
# install scripts are skipped: we use the system's Java and chromium.
TOOLS := tests/tools
$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed $(TOOLS)/package-lock.json
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	npm ci --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Every build goes through instant_cafe.build: one at a time in this checkout
# (a second one waits), built beside output/, links checked, swapped in whole;
# a content error leaves the previous site exactly as it was.
BUILD := $(BIN)/python -m instant_cafe.build --content $(INPUTDIR) --output $(OUTPUTDIR)

html: $(VENV)/.installed ## Build the site into output/ (relative links, for preview)
	@$(BUILD) html --settings $(CONFFILE)

serve: $(VENV)/.installed ## Preview on http://127.0.0.1:8000, rebuilt on every change (in output.serve/)
	@$(BUILD) serve --settings $(CONFFILE) --bind $(HOST) --port $(PORT)

publish: $(VENV)/.installed ## Build the site to publish: PUBLIC_URL=https://… make publish (absolute links)
	@$(BUILD) publish --settings $(PUBLISHCONF)

check: $(VENV)/.installed ## Build in a scratch folder and report every content error in French
	@$(BUILD) check --settings $(CONFFILE)

newpost: $(VENV)/.installed ## Create next Monday's « bons plans » post and print its path
	@$(BIN)/python -m instant_cafe.newpost $(INPUTDIR)

flyer: $(VENV)/.installed ## Build only the flyers (HTML and PDF), quickly, into output.flyer/
	@$(BUILD) flyer --settings $(CONFFILE)

test: $(VENV)/.installed-test ## Install the test tools and run every test
	$(BIN)/python -m pytest tests -ra $(PYTEST_ARGS)

bench: $(VENV)/.installed-test ## Time a ten-year corpus against bare Pelican; figures in output.bench/bench/results.json
	$(BIN)/python tests/bench/bench.py $(OUTPUTDIR).bench

golden: $(VENV)/.installed-test ## Refresh the golden feed of the test fixture (review its diff before committing)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_calendar_feed.py -q -k golden

clean: ## Remove the built site, its caches and the virtual environment
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).* $(VENV)

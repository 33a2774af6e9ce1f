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
# The staff editor's local server (decap-server, pinned here) and its port.
EDITOR_SERVER := theme/admin/server
EDITOR_PORT ?= 8081

# The day the site is built for (it chooses the sessions shown): today in
# Dijon unless given, e.g. `BUILD_DATE=2027-01-04 make html` (pelicanconf.py).
export PYTHONPATH := $(CURDIR)/plugins

.PHONY: help html serve editeur publish check newpost flyer update-editor lint test bench mutate golden clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# What a fresh Debian machine may lack (python3-venv; Pango, which WeasyPrint
# needs for the PDF flyers): the Makefile says it in French with the one command
# to run, and stops. It never installs system packages itself (.ci/run does, as root).
$(VENV)/.installed: requirements.txt
	@missing=""; \
	 $(PY) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	 $(PY) -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("pangoft2-1.0"))' || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	 if [ -n "$$missing" ]; then \
	   echo "Il manque des logiciels du système sur cette machine :$$missing."; \
	   echo "Installez-les une fois (avec les droits d'administration), puis relancez la commande :"; \
	   echo "  sudo apt-get install -y$$missing"; \
	   exit 1; \
	 fi
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Browser-side tools pinned in tests/tools/package-lock.json (axe-core, vnu-jar);
# install scripts are skipped: we use the system's Java and chromium.
TOOLS := tests/tools
$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed $(TOOLS)/package-lock.json $(EDITOR_SERVER)/node_modules/.installed
	@command -v npm >/dev/null || { echo "Il manque npm (les outils de test axe-core et vnu-jar) : sudo apt-get install -y nodejs npm"; exit 1; }
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

# The staff editor on this computer: decap-server (pinned in theme/admin/server/) on
# 127.0.0.1:8081 commits each save to this repository; the preview serves admin/.
$(EDITOR_SERVER)/node_modules/.installed: $(EDITOR_SERVER)/package-lock.json
	@command -v npm >/dev/null || { echo "Il manque Node.js, dont l'éditeur a besoin sur cet ordinateur : sudo apt-get install -y nodejs npm"; exit 1; }
	npm ci --prefix $(EDITOR_SERVER) --ignore-scripts --no-audit --no-fund --silent
	touch $@

editeur: $(VENV)/.installed $(EDITOR_SERVER)/node_modules/.installed ## Edit the site in the browser: http://127.0.0.1:8000/admin/ (each save is a commit)
	@git config user.name >/dev/null || { echo "Indiquez d'abord le nom qui signera vos modifications (il sera public) : git config user.name \"Prénom N.\""; exit 1; }
	@GIT_REPO_DIRECTORY=$(CURDIR) MODE=git BIND_HOST=127.0.0.1 PORT=$(EDITOR_PORT) node $(EDITOR_SERVER)/node_modules/decap-server/dist/index.js & \
	 server=$$!; trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	 echo "Éditeur ouvert : http://127.0.0.1:$(PORT)/admin/ (le site : http://127.0.0.1:$(PORT)/). Pour arrêter : touches Ctrl et C."; \
	 $(BUILD) serve --settings $(CONFFILE) --bind 127.0.0.1 --port $(PORT) -e EDITOR_LOCAL_PORT=$(EDITOR_PORT)

publish: $(VENV)/.installed ## Build the site to publish: PUBLIC_URL=https://… make publish (absolute links)
	@$(BUILD) publish --settings $(PUBLISHCONF)

check: $(VENV)/.installed ## Build in a scratch folder and report every content error in French
	@$(BUILD) check --settings $(CONFFILE)

newpost: $(VENV)/.installed ## Create a week's « bons plans » draft: make newpost SEMAINE=2026-12-21 (default: next Monday)
	@SEMAINE=$(SEMAINE) $(BIN)/python -m instant_cafe.newpost $(INPUTDIR)

flyer: $(VENV)/.installed ## Build only the flyers into output.flyer/ (PUBLIC_URL=https://… make flyer; BROUILLON=1 for a draft)
	@$(BUILD) flyer --settings $(CONFFILE) $(if $(BROUILLON),-e FLYER_DRAFT=true)

# The vendored editor (theme/admin/decap-cms/): the pinned decap-cms bundle from npm, its licence
# notices and checksums, so that `make html` never needs npm. Review the diff, then commit.
DECAP_VERSION ?= 3.16.3
update-editor: ## Refresh the vendored Decap CMS from npm (DECAP_VERSION=3.16.3) and its SHA256SUMS
	rm -rf $(OUTPUTDIR).decap && mkdir -p $(OUTPUTDIR).decap
	cd $(OUTPUTDIR).decap && npm pack --silent decap-cms@$(DECAP_VERSION) >/dev/null && tar xzf decap-cms-$(DECAP_VERSION).tgz
	rm -rf theme/admin/decap-cms && mkdir theme/admin/decap-cms
	cp $(OUTPUTDIR).decap/package/dist/*decap-cms.js $(OUTPUTDIR).decap/package/dist/decap-cms.js.LICENSE.txt \
	   $(OUTPUTDIR).decap/package/package.json theme/admin/decap-cms/
	cd theme/admin/decap-cms && sha256sum $$(ls | LC_ALL=C sort) > SHA256SUMS
	rm -rf $(OUTPUTDIR).decap

lint: $(VENV)/.installed-test ## Check the Python code with ruff (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.installed-test ## Install the test tools and run every test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test ## Time a ten-year corpus against bare Pelican; figures in output.bench/bench/results.json
	PYTHONPATH=$(CURDIR)/plugins:$(CURDIR)/tests/bench $(BIN)/python tests/bench/bench.py $(OUTPUTDIR).bench

mutate: $(VENV)/.installed-test ## Break the pure modules on purpose (mutmut) and list the mutants no test kills
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-mutate.txt
	tests/mutation/run.sh $(CURDIR)/$(OUTPUTDIR).mutants

golden: $(VENV)/.installed-test ## Refresh the golden feeds (review their diff before committing)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_calendar_feed.py tests/test_feed_bytes.py -q -k golden

clean: ## Remove the built site, its caches and the virtual environment
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).* cache $(VENV)

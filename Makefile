# Quick start: `make site` builds site/ from source_docs/; `make test` passes every test.
# Both set up their own virtual environment (.venv) first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES ?= source_docs
BUILD := build
BUILDER_FLAGS ?=
# The site engine: mkdocs (MkDocs 1.6, the default) or properdocs (its maintained 1.x fork);
# both are installed, both read the config the builder writes ($(BUILD)/mkdocs.yml).
ENGINE ?= mkdocs

# Byte-identical builds: MkDocs dates the sitemap from SOURCE_DATE_EPOCH,
# taken from the last commit (so the same sources give the same site).
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test lint browser serve bench search-bench clean data-check

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Not --quiet: MkDocs 1.6 then drops the warnings --strict would fail on.
site: $(VENV)/.installed
	$(BIN)/python -m builder build --sources $(SOURCES) --out $(BUILD) $(BUILDER_FLAGS)
	$(BIN)/$(ENGINE) build --strict -f $(BUILD)/mkdocs.yml

# Live preview: an edited source rebuilds only what changed (see builder/engine/serve_hook.py).
serve: site
	SOURCES=$(SOURCES) $(BIN)/$(ENGINE) serve --dirty --no-strict -f $(BUILD)/mkdocs.yml

# Debian's Chromium drives the browser tests (Playwright never downloads a browser);
# CHROMIUM names another browser binary. axe-core (accessibility) comes from npm.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AXE := $(VENV)/node/node_modules/axe-core/axe.min.js

browser: $(AXE)
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

$(AXE):
	@command -v npm >/dev/null || { echo "make test needs npm (Node.js) for the accessibility checker axe-core:" \
	  "install Node.js with npm (Debian/Ubuntu: sudo apt-get install npm), then run make test again" >&2; exit 1; }
	npm install --silent --prefix $(VENV)/node --no-save --no-package-lock --no-audit --no-fund axe-core@4.14.1

lint: $(VENV)/.installed
	$(BIN)/ruff check builder tests benchmarks site_overrides
	$(BIN)/ruff format --check builder tests benchmarks site_overrides

test: $(VENV)/.installed browser lint
	$(BIN)/python -m pytest

# Benchmark against plain MkDocs + Material (writes benchmarks/results.md; takes a while).
bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.bench
	$(BIN)/python -m benchmarks.search_bench --sizes 1180 4000 --write
	$(BIN)/python -m benchmarks.data_bench

# Search typed key by key in Chromium, 20 queries, at 1,180 and 4,000 documents (its section of results.md).
search-bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.search_bench --sizes 1180 4000 --write

# Open data (issue 18): every corpus document's document.json and akn.xml validated against their schemas,
# with the build time and bytes they add (writes benchmarks/data_results.md; about 3 minutes).
data-check: $(VENV)/.installed
	$(BIN)/python -m benchmarks.data_bench

clean:
	rm -rf $(BUILD) site

# Agreed-language figures (issue 19): index speed, precedents found, links; SAMPLE=20 prints links to check.
SAMPLE ?= 0
.PHONY: agreed
agreed: $(VENV)/.installed
	$(BIN)/python -m benchmarks.agreed_bench $(SOURCES) --sample $(SAMPLE)

# Mandates (issue 21): found by kind and addressee, reports due by session, no review or end clause,
# the index's weight, the time the step adds, precision/recall on tests/data/mandates_labels.csv.
.PHONY: mandates
mandates: $(VENV)/.installed
	$(BIN)/python -m builder.mandates.report --sources $(SOURCES)

# Same document, every form: extract the PDFs' text with each tool into SCRATCH (once, ~25 min: pymupdf4llm's
# layout model takes most of it), then
# compare the ids and words read from each form, and from the PDFs themselves, with the reference text
# (benchmarks/forms.py; FORMS_FLAGS="--show 3 --json forms.json" prints worked examples). pdftotext is
# Debian's poppler-utils, installed here when missing (without it those two forms are left empty).
SCRATCH ?= /tmp/forms
PDFS ?= ../shared/corpus-pdf
REFERENCE ?= ../shared/corpus
FORMS_FLAGS ?=
.PHONY: forms
$(VENV)/.forms: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet -e '.[forms]'
	@command -v pdftotext >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; }
	touch $@

forms: $(VENV)/.forms
	$(BIN)/python -m benchmarks.extract_forms $(PDFS) $(SCRATCH)
	$(BIN)/python -m benchmarks.forms --reference $(REFERENCE) $(FORMS_FLAGS) $(SCRATCH)/*/ $(PDFS)

# The site engines on one build folder (MkDocs, ProperDocs, MkDocs without its anchor validation),
# the pages compared, and what the builder's link check costs: benchmarks/engines.py.
ENGINES_FLAGS ?=
.PHONY: engines
engines: $(VENV)/.installed
	$(BIN)/python -m benchmarks.engines --sources $(SOURCES) $(ENGINES_FLAGS)

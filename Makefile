# Two commands on a fresh machine:  `make book`  builds the book;  `make test`  runs every test.
# Everything installs into this folder (.venv/, node_modules/), pinned by requirements*.txt and
# package-lock.json, so nothing depends on what was installed by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
JB     := $(BIN)/jupyter-book
# -W: warnings are errors; -n: broken references are warnings too; --keep-going: report them all.
JB_FLAGS := -W -n --keep-going
CHROMIUM := /usr/bin/chromium
JAVA := /usr/bin/java
# The book's helper module (nkbook/) is imported from this folder, by the build and by the
# notebook kernels it starts (a copy of the repository uses its own copy of the helper).
export PYTHONPATH := $(CURDIR)

.PHONY: book book-en book-ko translations student test validate serve clean lint bench bench-pages pdf help

help:
	@echo "make book   - set up .venv and node_modules, validate data/, build _build/html"
	@echo "make book LANGUAGES=en - one edition alone (en or ko)"
	@echo "make translations - update the catalogues in locales/ after an English edit"
	@echo "make student - the student edition (no solutions, no teachers' page) in _build/student"
	@echo "make test   - everything make book does, then every test (browser included)"
	@echo "make serve  - preview on http://127.0.0.1:8000, rebuilding on each save"
	@echo "make pdf    - print the book, each chapter and the answer key to PDF"
	@echo "make lint   - data validation, ruff, chapter code, notebook format, YAML, whitespace"
	@echo "make bench  - time builds and tests; results in bench/results.md"
	@echo "make bench-pages - Lighthouse on every page; results in bench/pages.md"
	@echo "make clean  - remove _build (add CLEAN_ALL=1 to remove .venv and node_modules too)"

# The virtual environment is rebuilt when the pinned requirements change.
$(VENV)/.book-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	# The helper module is imported straight from this repository (no packaging step).
	$(BIN)/python -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'nkbook-repo.pth').write_text('$(CURDIR)\n')"
	touch $@

$(VENV)/.test-installed: $(VENV)/.book-installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Bad data stops here, with one line per problem (file, line, column, rule), before any chart.
validate: $(VENV)/.book-installed
	$(BIN)/python -m nkbook

# make book validates again only when a table, the dictionary, the sources or the loader changed;
# what validation read is kept in _build/validated/, where the chapters load it from.
_build/.data-valid: $(VENV)/.book-installed $(wildcard data/*) references.bib nkbook/data.py nkbook/validation.py
	$(BIN)/python -m nkbook
	mkdir -p _build && touch $@

# The editions make book builds: English at _build/html/, Korean under _build/html/ko/.
# `make book LANGUAGES=en` (or ko) builds and previews one language alone.
LANGUAGES ?= en ko
BOOK_DEPS := $(VENV)/.book-installed node_modules/.installed _build/.data-valid

book: $(addprefix book-,$(LANGUAGES))
	@echo "The book is built. Open file://$(CURDIR)/_build/html/index.html"

# Sphinx starts while scripts/prewarm.py runs the chapters that need it, in one warm kernel per
# core; the build waits for a chapter still running when it reaches it (nkbook.sphinx.freshness).
# When prewarm fails, the build runs the chapters itself. On failure, the failing cells' logs.
book-en: $(BOOK_DEPS)
	$(BIN)/python scripts/prewarm.py & \
	$(JB) build . $(JB_FLAGS) || { wait; $(call show_reports,_build/html); exit 1; }; wait

# The Korean edition (scripts/korean.py): its own notebooks' runs, with Korean charts.
book-ko: $(BOOK_DEPS)
	NKBOOK_LANG=ko $(BIN)/python scripts/prewarm.py & \
	$(BIN)/python scripts/korean.py || { wait; $(call show_reports,_build/ko/_build/html); exit 1; }; wait

show_reports = for f in $(1)/reports/*.log; do [ -f "$$f" ] && { echo "=== $$f"; cat "$$f"; }; done

# After an English edit: bring the translation catalogues in locales/ up to date (new messages
# untranslated, changed ones fuzzy). See CONTRIBUTING.md, "Translating".
translations: $(VENV)/.test-installed book-en
	$(BIN)/python scripts/translations.py

# Debian's Chromium drives the browser tests (Playwright's own browser download fails offline).
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

# Java runs the W3C Nu Html Checker (node_modules/vnu-jar) in the HTML validity test.
$(JAVA):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless

# The student edition: the same pages without solutions or teacher-only material
# (scripts/student.py), read from the notebooks make book has run.
student: book-en
	$(BIN)/python scripts/student.py
	@echo "The student edition is built. Open file://$(CURDIR)/_build/student/_build/html/index.html"

test: $(VENV)/.test-installed lint $(CHROMIUM) $(JAVA) book pdf student
	$(BIN)/python -m pytest tests

lint: $(VENV)/.test-installed validate
	$(BIN)/ruff check nkbook tests bench scripts
	$(BIN)/ruff format --check nkbook tests bench scripts
	$(BIN)/python -m pytest -q tests/test_lint.py

# Rebuilds on every save of a chapter, a table or the helper; the browser reloads itself.
# sphinx-autobuild needs a conf.py: Jupyter Book writes one from _config.yml (not committed).
serve: $(VENV)/.book-installed node_modules/.installed _build/.data-valid
	$(JB) config sphinx . > /dev/null
	$(BIN)/sphinx-autobuild . _build/html --host 127.0.0.1 --port 8000 \
	  -d _build/.doctrees -D nb_execution_cache_path=_build/.jupyter_cache \
	  --watch data --watch nkbook --re-ignore '(_build|\.venv|node_modules|\.git|\.jupyter_cache)/' \
	  -W -n --keep-going

# Printable PDFs of the book, of each chapter (handouts) and the answer key, into _build/html/pdf,
# and the Korean edition's (the same files) into _build/html/ko/pdf. Then build both again, so
# each chapter links the handout that now exists (never a dead link).
pdf: $(VENV)/.test-installed $(CHROMIUM) book
	$(BIN)/python scripts/pdf.py
	NKBOOK_LANG=ko $(BIN)/python scripts/pdf.py
	$(JB) build . $(JB_FLAGS) > /dev/null
	$(BIN)/python scripts/korean.py > /dev/null

# Build and test times, medians of several runs, written to bench/results.md.
bench: $(VENV)/.test-installed node_modules/.installed
	$(BIN)/python bench/bench.py

# Lighthouse (mobile) on every page, served with gzip; results in bench/pages.md.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-pages: $(VENV)/.test-installed $(CHROMIUM) bench/node_modules/.installed book
	$(BIN)/python bench/pages.py

clean:
	rm -rf _build
	[ -z "$(CLEAN_ALL)" ] || rm -rf $(VENV) node_modules

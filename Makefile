# goodterms developer tasks. Everything runs from the project's own .venv.
#
#   make demo       set up .venv and analyse examples/hollis-wren.txt
#   make test       set up .venv and run the tests
#   make eval       score ../shared/eval sets against the minimums in bench/bars.txt
#   make rules      precision of each rule on dev (bench/rules.py; run make eval first)
#   make bench      speed and memory against plain spaCy (bench/speed.py)
#   make typecheck  mypy over src/
#   make clean      remove build output and caches (keeps .venv); distclean also removes .venv

SHELL := bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
EVAL_SETS ?= dev public polnear polnear@utterances redocred
BARS := bench/bars.txt
BENCH_ARGS ?=
# Browser libraries the web app serves: installed from the npm registry (web/package-lock.json),
# copied into the package (git-ignored, shipped as package data, so pip install needs no Node).
VENDOR_DIR := src/goodterms/api/static/vendor
VENDOR := $(VENDOR_DIR)/cytoscape.min.js

.PHONY: venv vendor demo test eval rules bench typecheck clean distclean

venv: $(STAMP) $(VENDOR)

vendor: $(VENDOR)

# npm ci installs exactly what the lock file pins; without npm the web app still runs and its
# graph page says the file is missing.
$(VENDOR): web/package.json web/package-lock.json
	@if ! command -v npm >/dev/null; then \
	  echo "vendor: npm not found; the web app's graph page needs $(VENDOR) (install Node.js and run make vendor)"; \
	else \
	  (cd web && npm ci --no-audit --no-fund) && mkdir -p $(VENDOR_DIR) && \
	  cp web/node_modules/cytoscape/dist/cytoscape.min.js $@ && \
	  cp web/node_modules/cytoscape/LICENSE $(VENDOR_DIR)/cytoscape.LICENSE.txt; \
	fi

# Reinstall only when the dependencies change; the stamp marks a finished install.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

demo: venv
	$(BIN)/goodterms analyze examples/hollis-wren.txt
	@mkdir -p build
	$(BIN)/goodterms analyze examples/hollis-wren.txt --format json > build/demo.json
	$(BIN)/python -m json.tool build/demo.json | head -60

# -q comes from addopts in pyproject.toml; a second -q would hide the "N passed" line.
# pytest exits 5 when it collects no tests, and make fails on that like any other error.
test: venv
	$(BIN)/pytest

# For each set present under $(SHARED)/eval: analyse its articles, then score them
# with the set's minimums from $(BARS). SET@UNITS analyses SET with --quote-units UNITS
# (polnear@utterances: PolNeAR counts one quote per attribution). Every set is scored;
# the target fails at the end if any set fell below a bar or could not be analysed.
eval: venv
	@status=0; \
	if [ ! -d "$(SHARED)/eval" ]; then echo "eval: $(SHARED)/eval not found, skipping"; exit 0; fi; \
	for spec in $(EVAL_SETS); do \
	  set=$${spec%@*}; units=passages; out=$$set; \
	  case "$$spec" in *@*) units=$${spec#*@}; out=$$set-$$units;; esac; \
	  if [ ! -d "$(SHARED)/eval/$$set" ]; then echo "eval: $(SHARED)/eval/$$set not found, skipping"; continue; fi; \
	  bars=$$(awk -v set="$$spec" '/^[[:space:]]*(#|$$)/ {next} $$1 == set { for (i = 2; i <= NF; i++) { if ($$i ~ /^#/) break; printf "--min %s ", $$i } }' $(BARS)); \
	  echo "== eval $$spec (--quote-units $$units): $$bars"; \
	  rm -rf build/eval/$$out; mkdir -p build/eval; \
	  $(BIN)/goodterms analyze $(SHARED)/eval/$$set/articles --format json --quote-units $$units --out build/eval/$$out; rc=$$?; \
	  if [ $$rc -eq 1 ]; then echo "eval $$spec: some articles were rejected (scored as empty)"; \
	  elif [ $$rc -ne 0 ]; then echo "eval $$spec: goodterms analyze failed (exit $$rc)"; status=1; continue; fi; \
	  $(PYTHON) $(SHARED)/eval/score.py --set $(SHARED)/eval/$$set --pred build/eval/$$out --json build/eval/$$out.json $$bars || status=1; \
	done; \
	if [ $$status -ne 0 ]; then echo "eval: FAILED (see BELOW BAR above)"; else echo "eval: all bars met"; fi; \
	exit $$status

rules: venv
	$(BIN)/python bench/rules.py --set dev

bench: venv
	$(BIN)/python bench/speed.py $(BENCH_ARGS)

typecheck: venv
	$(BIN)/mypy src

clean:
	rm -rf build dist out .pytest_cache .mypy_cache .hypothesis src/*.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)

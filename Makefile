# Two commands do everything on a fresh machine: `make extract` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared
INPUT ?= data/raw
OUTPUT ?= data/out

.PHONY: extract test bench eval docs report notebook clean lock

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Refresh constraints.txt: newest versions that pyproject.toml allows, installed in a fresh venv.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[test]'
	{ head -2 constraints.txt; .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^-e'; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .venv-lock

# Bytecode compiled first: Python would cache it on the first run, unless PYTHONDONTWRITEBYTECODE is
# set (as container images often do), and then every run compiles the package again (~0.5 s).
extract: $(STAMP)
	$(PY) -m compileall -q pipeline
	$(PY) -m pipeline extract --input $(INPUT) --output $(OUTPUT)

test: $(STAMP)
	$(PY) -m pytest -q

SIZES ?= 1000,20000,100000
bench: $(STAMP)
	$(PY) -m pipeline.bench --corpus $(SHARED)/corpus --sizes $(SIZES)

eval: $(STAMP)
	$(PY) -m pipeline extract --input $(SHARED)/corpus --output /tmp/pipeline-eval-out
	$(PY) $(SHARED)/tools/score_extraction.py --gold $(SHARED)/gold/dev --out /tmp/pipeline-eval-out
	$(PY) -m pipeline.evaluate --corpus $(SHARED)/corpus --gold $(SHARED)/gold/dev --scorer $(SHARED)/tools/score_extraction.py

report: $(STAMP)
	$(PY) -m pipeline report --input $(OUTPUT) --output report.html

notebook: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt jupyterlab
	PIPELINE_OUT=$(abspath $(OUTPUT)) $(VENV)/bin/jupyter lab notebooks/explore.ipynb

docs: $(STAMP)
	$(PY) -m pipeline docs --output docs/data-dictionary.md

clean:
	rm -rf $(VENV) $(OUTPUT)

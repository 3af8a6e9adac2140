# Two commands do everything on a fresh machine: `make extract` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared
INPUT ?= data/raw
OUTPUT ?= data/out

.PHONY: extract test bench eval docs report notebook clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

extract: $(STAMP)
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
	$(PY) -m pip install --quiet jupyterlab
	PIPELINE_OUT=$(abspath $(OUTPUT)) $(VENV)/bin/jupyter lab notebooks/explore.ipynb

docs: $(STAMP)
	$(PY) -m pipeline docs --output docs/data-dictionary.md

clean:
	rm -rf $(VENV) $(OUTPUT)

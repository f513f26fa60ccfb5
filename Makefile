# One command builds everything (set-up included), one runs the tests:
#   make site    validate data -> execute notebooks (cached) -> figures -> _build/html/index.html
#   make test    the test suite (executes every notebook, builds the site in a temporary folder)
# Also: make check (validate data/), make lab (JupyterLab), make clean, make student (student editions and
# the student bundle _build/student/triangle-seminar.zip). make site also builds the student site (no
# solutions) in _build/student-site/html from the same executed notebooks.
# make site AS_OF=2024-11-01 builds the collection with only the data known on that date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt pyproject.toml | cksum | cut -d' ' -f1)
AS_OF ?=

.PHONY: site test check lab student clean install

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

site: $(STAMP)
	$(PY) -m helpers build $(if $(AS_OF),--as-of $(AS_OF))

test: $(STAMP)
	$(PY) -m pytest

check: $(STAMP)
	$(PY) -m helpers validate data

student: $(STAMP)
	$(PY) -m helpers student

lab: $(STAMP)
	JUPYTER_CONFIG_DIR=$(CURDIR)/.jupyter $(VENV)/bin/jupyter lab notebooks

clean:
	rm -rf _build

# Two entry points: `make test` runs every check, `make demo` tours the API on the embedded mock.
# Both create .venv with the machine's python3 and install the project into it first.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: install test demo lint generate check mock bench conform clean

$(STAMP): pyproject.toml
	PYTHON=$(PYTHON) scripts/bootstrap
	@touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	scripts/test

demo: $(STAMP)
	scripts/demo

lint: $(STAMP)
	scripts/lint

generate: $(STAMP)
	scripts/generate

check: $(STAMP)
	scripts/check

mock: $(STAMP)
	scripts/mock

bench: $(STAMP)
	scripts/bench

conform: $(STAMP)
	scripts/conform

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis .cache demo-output

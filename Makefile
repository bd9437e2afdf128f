# The two commands that matter: `make run` (demo on SQLite) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test venv lint clean

$(BIN)/nhiemvu: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/nhiemvu

venv: $(BIN)/nhiemvu

run: venv
	$(BIN)/nhiemvu demo
	$(BIN)/nhiemvu serve --host 127.0.0.1 --port 8000

test: venv
	bash scripts/test.sh

lint: venv
	$(BIN)/ruff check src tests bench

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info

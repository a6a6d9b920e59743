# The two commands the README promises: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
WORKERS ?= 2

.PHONY: run serve test lint lock data bench bench-readers browser proxy translations

# Both install a lock (every package, transitive ones too, at one version with its sha256) with plain pip:
# requirements.lock is what the dashboard needs, requirements-dev.lock adds the pipeline's and the tests'.
$(VENV)/.runtime: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Recompile the locks from requirements*.txt after editing them (needs uv: `pipx install uv`). Versions
# already locked are kept where the ranges allow; `make lock UPGRADE=--upgrade` takes the newest in range.
UV ?= uv
UPGRADE ?=
LOCK := $(UV) pip compile --quiet --generate-hashes --universal --python-version 3.11 --custom-compile-command "make lock" $(UPGRADE)
lock:
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -c requirements.lock -o requirements-dev.lock

# Bring the translation catalogues in step with the code, then compile them (locales/catalogues.py):
# new strings appear empty in every language's .po; translators fill them in and run this again.
translations: $(VENV)/.dev
	$(PY) locales/catalogues.py update
	$(PY) locales/catalogues.py compile

# Run the dashboard on the bundled data, on this machine only (http://127.0.0.1:$(PORT)).
run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Many readers: WORKERS dashboard processes behind HAProxy on http://127.0.0.1:$(PORT) (deploy/serve.py).
# Ctrl-C stops them all; logs in .serve/logs/.
serve: $(VENV)/.runtime proxy
	$(PY) -m deploy.serve --workers $(WORKERS) --port $(PORT)

# Debian's HAProxy for `make serve` and its tests (as root; elsewhere those tests skip and say why).
proxy:
	@if command -v haproxy >/dev/null 2>&1; then echo "haproxy: $$(command -v haproxy)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; \
	else echo "haproxy not installed and not root: make serve needs it (apt-get install haproxy)"; fi

# Debian's Chromium for the browser and export tests (as root; elsewhere those tests skip and say why).
browser:
	@if command -v chromium >/dev/null 2>&1; then echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium not installed and not root: browser tests will be skipped"; fi

# Lint (ruff, with pyproject.toml's rules), then run every test.
test: lint browser proxy
	$(PY) -m pytest -q

lint: $(VENV)/.dev
	$(PY) -m ruff check .

# Rebuild data/ from ../shared/sources (byte-identical for the same sources; needs the [pipeline] extra).
data: $(VENV)/.dev
	$(PY) -m pipeline --sources ../shared/sources

# Benchmarks (figures go to bench/results/ and the README).
bench: $(VENV)/.dev
	$(PY) -m bench

# Many readers side by side (README, "Many readers"): 1 and 32 readers on 1 and 2 workers, then the kill test.
bench-readers: $(VENV)/.dev proxy
	$(PY) -m bench.load --compare-workers 1,2

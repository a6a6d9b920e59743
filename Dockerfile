# The dashboard in a container: one Streamlit worker, the bundled store baked in, Debian's Chromium
# for chart and briefing exports, run as a user without privileges.
#   docker build -t childsdg .
#   docker run --rm -p 8501:8501 childsdg        # then http://127.0.0.1:8501
# One container is one worker (one core at most: the GIL); run several behind a proxy that pins a
# reader to one of them by a cookie (deploy/k8s/, or `make serve` on one machine).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CHROMIUM_PATH=/usr/bin/chromium

RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 dashboard
WORKDIR /app

# The runtime lock: every package at one version with its sha256 (the dashboard's; no pipeline, no tests).
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY --chown=dashboard:dashboard . .
USER dashboard

EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=2).status != 200)"

CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501", "--server.headless", "true"]

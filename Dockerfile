# The monitor as a service: installed (not editable) from the lock file, run by a user of
# its own, data and feed definitions on volumes. Build: docker build -t monitor .
# Stage 1 builds the wheel, so the final image holds no source tree and no build tools.
FROM python:3.11.13-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY monitor ./monitor
COPY migrations ./migrations
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# Every dependency at the version and hash of requirements.lock (make lock rebuilds it).
COPY requirements.lock /tmp/requirements.lock
RUN pip install --require-hashes --no-deps -r /tmp/requirements.lock && rm /tmp/requirements.lock
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-deps /tmp/wheels/*.whl && rm -rf /tmp/wheels

# A dedicated user owns the two writable places: the SQLite folder and the feed
# definitions (the UI's "add a feed" and OPML import write there).
RUN groupadd --system --gid 10001 monitor \
    && useradd --system --uid 10001 --gid monitor --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin monitor \
    && mkdir -p /app/feeds /data \
    && chown monitor:monitor /app/feeds /data
WORKDIR /app
# Real feeds only: .dockerignore keeps the demo corpus (feeds/demo*) out of the image.
COPY --chown=monitor:monitor feeds ./feeds
ENV MONITOR_DATABASE_URL=sqlite:////data/monitor.db \
    MONITOR_FEEDS_DIR=/app/feeds \
    MONITOR_WEB_HOST=0.0.0.0 \
    MONITOR_WEB_PORT=8080
VOLUME ["/data", "/app/feeds"]
USER monitor
EXPOSE 8080
# /healthz answers without a token; a non-2xx answer or no answer makes urlopen raise.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('MONITOR_WEB_PORT', '8080'), timeout=4)"]
CMD ["monitor", "run"]

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY monitor ./monitor
COPY migrations ./migrations
COPY feeds ./feeds
RUN pip install --no-cache-dir -e .
USER nobody
CMD ["monitor", "run"]

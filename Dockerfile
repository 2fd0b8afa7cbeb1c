# jobbot Discord bot. Build: docker build -t jobbot .   Run: docker run --env-file .env jobbot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, read from pyproject.toml, so source edits do not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install --no-deps . && rm -rf /app/bot /app/knowledge

# The knowledge, title index, templates and job cards compiled once into the image, so a start only reads them.
ENV JOBBOT_CACHE_DIR=/opt/jobbot/cache
RUN jobbot build-index --cards

RUN useradd --create-home --uid 10001 jobbot && mkdir /home/jobbot/data && chown jobbot /home/jobbot/data
USER jobbot
WORKDIR /home/jobbot

# /healthz and /metrics on 127.0.0.1:8080 inside the container (HEALTH_HOST=0.0.0.0 lets a Prometheus in
# the same network scrape it; nothing is published unless you map the port). An empty HEALTH_PORT turns
# the server off, and `jobbot health` then checks that the knowledge loads instead.
ENV HEALTH_PORT=8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 CMD ["jobbot", "health"]

# DISCORD_TOKEN (required), DEV_GUILD_IDS, LOG_LEVEL, SHARD_COUNT, SHARD_IDS come from the environment;
# so does DATABASE_URL (PostgreSQL). Without it the SQLite file lives in the data volume.
# Exit codes: 2 bad settings, 3 token rejected, 4 intents refused, 5 Discord unreachable, 6 schema behind.
ENV DATABASE_PATH=/home/jobbot/data/jobbot.sqlite3
VOLUME ["/home/jobbot/data"]
# Migrating is idempotent; with several shard processes on one PostgreSQL, run `jobbot db upgrade` once instead.
CMD ["sh", "-c", "jobbot db upgrade && exec jobbot run"]

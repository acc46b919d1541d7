# The back-care coach bot: python:3.11-slim, runs as a non-root user, data in the /data volume.
#   docker build -t backcare-bot .
#   docker run -d --name backcare-bot --restart unless-stopped --env-file .env \
#     -v backcare-data:/data backcare-bot
# See docs/deploy.md (compose, systemd, webhooks, backups, upgrades).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/bot.sqlite3

WORKDIR /app

# Dependencies first, read from pyproject.toml alone, so a code change rebuilds in seconds.
COPY pyproject.toml ./
RUN python -c "import tomllib; project = tomllib.load(open('pyproject.toml', 'rb'))['project']; print('\n'.join(project['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# /app/data points into the volume too, so the relative DATABASE_URL of .env.example also works.
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin backcare \
    && mkdir /data \
    && chown backcare:backcare /data \
    && ln -s /data /app/data

COPY run_bot.py ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN python run_bot.py check

USER backcare
VOLUME ["/data"]
# Only used in webhook mode (WEBHOOK_URL set); polling needs no open port.
EXPOSE 8443
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "run_bot.py"]
CMD ["run"]

# The back-care coach bot: python:3.11-slim, dependencies pinned by hash (requirements.lock), the
# application installed from its wheel, bytecode compiled at build, numeric non-root user.
#   docker build -t backcare-bot .
#   docker run -d --name backcare-bot --restart unless-stopped --env-file .env \
#     -v backcare-data:/data backcare-bot
# See docs/deploy.md (compose, systemd, webhooks, backups, upgrades).

# --- build the wheel (setuptools lives only in this stage) -----------------------------------
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip wheel --quiet --no-deps --wheel-dir /wheels .

# --- the image -------------------------------------------------------------------------------
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATABASE_URL=sqlite:////data/bot.sqlite3 \
    METRICS_LISTEN=0.0.0.0 \
    METRICS_PORT=9090

# Exactly the locked versions, each checked against its hash; `make lock` updates the file.
COPY requirements.lock /tmp/requirements.lock
RUN pip install --quiet --require-hashes --no-deps -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock
COPY --from=wheel /wheels /tmp/wheels
RUN pip install --quiet --no-deps /tmp/wheels/*.whl \
    && rm -rf /tmp/wheels \
    # Compiled once here: the non-root user cannot write __pycache__, so each start would compile.
    && python -m compileall -q -j 0 /usr/local/lib/python3.11/site-packages \
    && backcare-bot check

# A numeric user, so Kubernetes' runAsNonRoot can verify it. /app/data points into the volume,
# so a relative DATABASE_URL (sqlite:///data/...) also lands there.
RUN groupadd --system --gid 10001 backcare \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin backcare \
    && mkdir -p /app /data \
    && chown 10001:10001 /data \
    && ln -s /data /app/data
WORKDIR /app
USER 10001:10001
VOLUME ["/data"]
# 9090: /healthz and /metrics when polling. 8443: webhook mode (WEBHOOK_URL set), which serves
# /healthz and /metrics on the webhook port instead.
EXPOSE 9090 8443
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["backcare-bot", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["backcare-bot"]
CMD ["run"]

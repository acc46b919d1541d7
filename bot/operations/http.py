"""/healthz and /metrics over HTTP with tornado (already here for python-telegram-bot's webhook
server): as routes added to that server, or as a small server of their own (METRICS_PORT)."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

import tornado.web
from tornado.httpserver import HTTPServer

log = logging.getLogger(__name__)

Health = Callable[[], Awaitable[tuple[bool, dict]]]
Render = Callable[[], tuple[bytes, str]]


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, health: Health) -> None:
        self.health = health

    async def get(self) -> None:
        healthy, report = await self.health()
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(report))


class _MetricsHandler(tornado.web.RequestHandler):
    def initialize(self, render: Render) -> None:
        self.render_metrics = render

    def get(self) -> None:
        data, content_type = self.render_metrics()
        self.set_header("Content-Type", content_type)
        self.finish(data)


def routes(health: Health, render: Render) -> list[tuple]:
    return [
        (r"/healthz", _HealthHandler, {"health": health}),
        (r"/metrics", _MetricsHandler, {"render": render}),
    ]


def serve(health: Health, render: Render, listen: str, port: int) -> HTTPServer | None:
    """The standalone server on the running event loop; None (logged) if the port is taken."""
    app = tornado.web.Application(routes(health, render), log_function=lambda handler: None)
    server = HTTPServer(app)
    try:
        server.listen(port, address=listen)
    except OSError as error:
        # Metrics are worth a warning, not a bot that stops answering users.
        log.warning("no /healthz and /metrics: cannot listen on %s:%d (%s)", listen, port, error)
        return None
    log.info("serving /healthz and /metrics on http://%s:%d", listen, port)
    return server

"""The webhook's own small HTTP server (asyncio streams, no framework), so that every request is
checked before its body is read: the secret header compared in constant time, then a declared
Content-Length of at most MAX_BODY. python-telegram-bot's built-in server reads the whole body
(up to 100 MB) first and compares the secret with `!=`.

Routes live in one table (`WebhookServer.routes`): a health check or metrics page is one more
entry, `server.route("GET", "/healthz", handler)`.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024
MAX_HEADER_LINE = 8 * 1024
MAX_HEADERS = 100
READ_TIMEOUT = 10.0
SECRET_HEADER = "x-telegram-bot-api-secret-token"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    reader: asyncio.StreamReader

    async def body(self, limit: int = MAX_BODY) -> bytes | None:
        """The body, or None when it is missing a length or longer than `limit` (not read)."""
        try:
            length = int(self.headers.get("content-length", ""))
        except ValueError:
            return None
        if length < 0 or length > limit:
            return None
        return await asyncio.wait_for(self.reader.readexactly(length), READ_TIMEOUT)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"


Handler = Callable[[Request], Awaitable[Response]]
_REASONS = {
    200: "OK",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Payload Too Large",
}


@dataclass
class WebhookServer:
    routes: dict[tuple[str, str], Handler] = field(default_factory=dict)

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method.upper(), "/" + path.strip("/"))] = handler

    async def start(self, host: str, port: int) -> asyncio.Server:
        return await asyncio.start_server(self._connection, host, port, limit=MAX_HEADER_LINE)

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        try:
            request = await asyncio.wait_for(_read_head(reader), READ_TIMEOUT)
            if request is None:
                response = Response(400)
            else:
                handler = self.routes.get((request.method, request.path.split("?", 1)[0]))
                response = await handler(request) if handler else Response(404)
            reason = _REASONS.get(response.status, "Error")
            writer.write(
                f"HTTP/1.1 {response.status} {reason}\r\nContent-Type: {response.content_type}"
                f"\r\nContent-Length: {len(response.body)}\r\nConnection: close\r\n\r\n".encode()
                + response.body
            )
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, ValueError):
            pass  # a client that went away or sent nonsense: nothing to answer
        except Exception:  # noqa: BLE001 - one bad request never stops the server
            log.exception("webhook request failed")
        finally:
            writer.close()


async def _read_head(reader: asyncio.StreamReader) -> Request | None:
    parts = (await reader.readline()).decode("latin-1").split()
    if len(parts) != 3:
        return None
    headers: dict[str, str] = {}
    for _ in range(MAX_HEADERS):
        line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
        if not line:
            return Request(parts[0].upper(), parts[1], headers, reader)
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return None


def telegram_route(application: Application, secret: str) -> Handler:
    """Secret first (constant time), then the size, and only then the body is read."""
    expected = secret.encode()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(403)
        if "content-length" not in request.headers:
            return Response(411)
        body = await request.body()
        if body is None:
            return Response(413)
        try:
            update = Update.de_json(json.loads(body), application.bot)
        except (ValueError, TypeError, KeyError):
            return Response(400)
        await application.update_queue.put(update)
        return Response(200)

    return receive

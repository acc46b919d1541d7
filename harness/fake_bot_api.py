"""A small fake Telegram Bot API served over real HTTP on 127.0.0.1, for end-to-end tests.

It answers the methods the bot uses, queues updates for getUpdates, records everything the bot
sends, and can be told to fail a chat's next sends (403 blocked, 429 flood control).
"""

from __future__ import annotations

import collections
import itertools
import json
import threading
import time
from collections import defaultdict
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_ID = 4242
SENDS = ("sendMessage", "sendDocument", "sendPhoto", "sendAnimation")
"""Methods that deliver a message (recorded in `sent`, counted by the rate limit)."""
BOT_USERNAME = "backcare_test_bot"
TOKEN = "123456:TEST-token-never-real"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class FakeBotAPI:
    def __init__(self, token: str = TOKEN, keep_alive: bool = False):
        """`keep_alive` answers over HTTP/1.1 persistent connections, as Telegram does (for
        throughput benchmarks); the default closes each connection after one answer."""
        self.token = token
        self.keep_alive = keep_alive
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []
        self.documents: list[dict] = []
        self.edits: list[dict] = []
        """editMessageText calls: chat, message id, the new text and buttons."""
        self.failures: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
        self.unauthorized_calls = 0
        self.send_delay = 0.0
        """Seconds every send waits before it is answered: a send still in flight."""
        self.send_answered_at: list[float] = []
        """time.monotonic() when each successful send was answered."""
        self.conflicts_left = 0
        """getUpdates calls still to answer 409 Conflict, as if a second poller were running."""
        self.method_failures: dict[str, list[tuple[int, str]]] = {}
        self.held_chats: set[int] = set()
        self.held_methods: set[str] = set()
        """Methods whose answer waits for `release()`; a held send is recorded (delivered) first."""
        self.holding = 0
        """Requests waiting for `release()` right now."""
        self.max_sends_per_second: int | None = None
        """When set, a send beyond this many in any one-second window gets 429 Too Many Requests."""
        self.too_many_requests = 0
        self._hiccup_until = 0.0
        self._recent_sends: collections.deque[float] = collections.deque()
        self._released = threading.Event()
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = threading.Condition()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address
        return f"http://{host}:{port}/bot"

    def start(self) -> FakeBotAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what tests do -----------------------------------------------------------------------------

    def push_text(
        self,
        text: str,
        user_id: int = 777,
        chat_id: int | None = None,
        chat_type: str = "private",
        kind: str = "message",
        language_code: str | None = None,
    ) -> int:
        """`kind` is the update field: message, edited_message, channel_post. `language_code`:
        the language the user's Telegram app is set to."""
        chat_id = chat_id or user_id
        chat = {"id": chat_id, "type": chat_type}
        chat |= {"first_name": "Test"} if chat_type == "private" else {"title": "A group"}
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
        if kind != "channel_post":
            message["from"] = _user(user_id, language_code)
        if kind == "edited_message":
            message["edit_date"] = int(time.time())
        if text.startswith("/"):
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._push({kind: message})

    def fail_method(self, method: str, code: int, description: str, times: int = 1) -> None:
        """The next `times` calls of a method that is not a send (answerCallbackQuery…) fail."""
        with self._changed:
            self.method_failures[method] = [(code, description)] * times

    def hold_chat(self, chat_id: int) -> None:
        """Sends to this chat are recorded, then wait for `release()` before being answered."""
        with self._changed:
            self.held_chats.add(chat_id)
            self._released.clear()

    def push_button(
        self,
        data: str,
        user_id: int = 777,
        chat_id: int | None = None,
        message_id: int = 1,
        language_code: str | None = None,
    ) -> int:
        chat_id = chat_id or user_id
        query = {
            "id": f"cb{next(self._update_ids)}",
            "from": _user(user_id, language_code),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "Bot"},
                "text": "…",
            },
        }
        return self._push({"callback_query": query})

    def push_sticker(self, user_id: int = 777) -> int:
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Test"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "s1u",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            },
        }
        return self._push({"message": message})

    def fail_next_send(self, chat_id: int, code: int, description: str, retry_after=None) -> None:
        with self._changed:
            self.failures[chat_id].append((code, description, retry_after))

    def hiccup(self, seconds: float) -> None:
        """Sends arriving in the next `seconds` are held up on the way and arrive together when
        it ends, as a network hiccup delivers them (the rate limit then judges the bunch)."""
        with self._changed:
            self._hiccup_until = time.monotonic() + seconds

    def hold(self, method: str) -> None:
        """Leave requests to `method` unanswered until `release()`, as if the bot died mid-call."""
        with self._changed:
            self._released.clear()
            self.held_methods.add(method)

    def release(self) -> None:
        with self._changed:
            self.held_methods.clear()
            self.held_chats.clear()
            self._released.set()

    def wait_until_holding(self, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self.holding:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no request was held")
                self._changed.wait(remaining)

    def wait_for_messages(self, count: int, chat_id: int | None = None, timeout: float = 10.0):
        """Block until at least `count` messages were sent (to `chat_id`), then return them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [m for m in self.sent if chat_id is None or m["chat_id"] == chat_id]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    texts = [m["text"][:80] for m in found]
                    raise TimeoutError(f"expected {count} messages, got {len(found)}: {texts}")
                self._changed.wait(remaining)

    def methods(self) -> list[str]:
        return [name for name, _ in self.calls]

    # -- the HTTP side -----------------------------------------------------------------------------

    def _push(self, update: dict) -> int:
        with self._changed:
            update_id = next(self._update_ids)
            self._updates.append({"update_id": update_id, **update})
            self._changed.notify_all()
            return update_id

    def _handle(self, method: str, params: dict) -> tuple[int, dict]:
        with self._changed:
            self.calls.append((method, params))
            self._changed.notify_all()
        with self._changed:
            if self.method_failures.get(method):
                code, description = self.method_failures[method].pop(0)
                return code, {"ok": False, "error_code": code, "description": description}
        if method == "getUpdates":
            with self._changed:
                if self.conflicts_left > 0:
                    self.conflicts_left -= 1
                    return 409, {"ok": False, "error_code": 409, "description": CONFLICT}
            return 200, {"ok": True, "result": self._get_updates(params)}
        if method in SENDS:
            held_up = self._hiccup_until - time.monotonic()
            if held_up > 0:
                time.sleep(held_up)
            chat_id = int(params.get("chat_id", 0))
            with self._changed:
                if self.failures.get(chat_id):
                    code, description, retry_after = self.failures[chat_id].pop(0)
                    body = {"ok": False, "error_code": code, "description": description}
                    if retry_after is not None:
                        body["parameters"] = {"retry_after": retry_after}
                    return code, body
            if self._over_rate_limit():
                body = {"ok": False, "error_code": 429, "description": "Too Many Requests"}
                return 429, body | {"parameters": {"retry_after": 1}}
            if self.send_delay:
                time.sleep(self.send_delay)
            result = self._record_send(method, chat_id, params)
            self._wait_if_held(method, chat_id)
            with self._changed:
                self.send_answered_at.append(time.monotonic())
            return 200, {"ok": True, "result": result}
        simple = {
            "getMe": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "Back coach",
                "username": BOT_USERNAME,
                "can_join_groups": False,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            },
            "getWebhookInfo": {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": 0,
            },
        }
        if method == "editMessageText":
            with self._changed:
                markup = params.get("reply_markup")
                self.edits.append(
                    {
                        "chat_id": int(params.get("chat_id", 0)),
                        "message_id": int(params.get("message_id", 0)),
                        "text": params.get("text", ""),
                        "reply_markup": json.loads(markup) if isinstance(markup, str) else markup,
                    }
                )
                self._changed.notify_all()
        self._wait_if_held(method)
        if method in simple:
            return 200, {"ok": True, "result": simple[method]}
        return 200, {"ok": True, "result": True}

    def _wait_if_held(self, method: str, chat_id: int | None = None) -> None:
        with self._changed:
            if method not in self.held_methods and chat_id not in self.held_chats:
                return
            self.holding += 1
            self._changed.notify_all()
        self._released.wait()
        with self._changed:
            self.holding -= 1

    def _over_rate_limit(self) -> bool:
        """Telegram's bulk limit, strictly: no more than N sends in any one-second window."""
        if self.max_sends_per_second is None:
            return False
        with self._changed:
            now = time.monotonic()
            while self._recent_sends and self._recent_sends[0] <= now - 1.0:
                self._recent_sends.popleft()
            if len(self._recent_sends) >= self.max_sends_per_second:
                self.too_many_requests += 1
                return True
            self._recent_sends.append(now)
            return False

    def _get_updates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset", 0) or 0)
        wait = min(float(params.get("timeout", 0) or 0), 0.5)
        deadline = time.monotonic() + wait
        with self._changed:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._changed.wait(deadline - time.monotonic())
            return list(self._updates)

    def _record_send(self, method: str, chat_id: int, params: dict) -> dict:
        message_id = next(self._message_ids)
        markup = params.get("reply_markup")
        entry = {
            "method": method,
            "chat_id": chat_id,
            "message_id": message_id,
            "text": params.get("text", params.get("caption", "")),
            "parse_mode": params.get("parse_mode"),
            "reply_markup": json.loads(markup) if isinstance(markup, str) else markup,
            "file": params.get("document") or params.get("photo") or params.get("animation"),
        }
        result = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Test"},
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Back coach"},
        }
        if method == "sendDocument":
            document = params.get("document") or {}
            result["document"] = {
                "file_id": f"doc{message_id}",
                "file_unique_id": f"docu{message_id}",
                "file_name": document.get("filename", "file"),
            }
        elif method == "sendPhoto":
            result["photo"] = [
                {
                    "file_id": f"photo{message_id}",
                    "file_unique_id": f"p{message_id}",
                    "width": 640,
                    "height": 240,
                }
            ]
            result["caption"] = entry["text"]
        elif method == "sendAnimation":
            result["animation"] = {
                "file_id": f"anim{message_id}",
                "file_unique_id": f"a{message_id}",
                "width": 320,
                "height": 240,
                "duration": 4,
            }
            result["caption"] = entry["text"]
        else:
            result["text"] = entry["text"]
        with self._changed:
            self.sent.append(entry)
            if method == "sendDocument":
                self.documents.append(entry)
            self._changed.notify_all()
        return result

    def _handler_class(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if api.keep_alive else "HTTP/1.0"
            disable_nagle_algorithm = True  # headers and body are two writes: do not delay

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                prefix = f"/bot{api.token}/"
                if not self.path.startswith(prefix):
                    api.unauthorized_calls += 1
                    self._reply(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                    return
                method = self.path[len(prefix) :]
                length = int(self.headers.get("Content-Length", 0))
                params = _parse_body(self.headers.get("Content-Type", ""), self.rfile.read(length))
                code, body = api._handle(method, params)
                self._reply(code, body)

            do_GET = do_POST  # noqa: N815

            def _reply(self, code: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


class _QuietServer(ThreadingHTTPServer):
    request_queue_size = 128
    """A burst of sends must queue, not be refused (the default backlog is 5)."""

    def handle_error(self, request, client_address) -> None:
        """A client that died mid-request (a killed bot) is part of the tests, not an error."""


def _parse_body(content_type: str, body: bytes) -> dict:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return json.loads(body)
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        params: dict = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True)
            if filename:
                params[name] = {"filename": filename, "data": payload}
            else:
                params[name] = payload.decode("utf-8")
        return params
    return {key: values[-1] for key, values in parse_qs(body.decode("utf-8")).items()}


def buttons(message: dict) -> list[tuple[str, str]]:
    """(label, callback data) of each button of a sent message, row by row."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(button["text"], button["callback_data"]) for row in rows for button in row]


def callback_data(message: dict, prefix: str = "") -> list[str]:
    """The callback data of a sent message's buttons, optionally only those starting `prefix`."""
    return [data for _, data in buttons(message) if data.startswith(prefix)]


def _user(user_id: int, language_code: str | None) -> dict:
    user = {"id": user_id, "is_bot": False, "first_name": "Test"}
    return user | {"language_code": language_code} if language_code else user

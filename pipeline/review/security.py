"""ASGI guards in front of the review app: request size, host, token, and same-origin writes.

The app edits files on the analyst's disk, so a web page they happen to visit must not be able
to drive it: writes need a JSON content type (a cross-site form cannot send one without a CORS
preflight, which this app never answers) and a matching Origin; the Host header must be one the
app serves (no DNS rebinding); a token, when set, is required on every request.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlencode

Scope = dict[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

MAX_BODY_BYTES = 1024 * 1024
TOKEN_COOKIE = "policyx_review_token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


async def _send_error(send: Callable, status: int, message: str, headers: list | None = None) -> None:
    body = json.dumps({"detail": message}, ensure_ascii=False).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """One middleware for all checks, so their order is explicit and in one place."""

    def __init__(self, app: ASGIApp, token: str | None, allowed_hosts: tuple[str, ...] | None,
                 max_body: int = MAX_BODY_BYTES, write_types: tuple[str, ...] = ("application/json",),
                 token_hint: str = "this review server needs its token: open the link printed by "
                 "`policyx review` (…?token=…) or send Authorization: Bearer TOKEN"):
        self.app = app
        self.token_hint = token_hint
        self.write_types = write_types
        self.token = token
        self.allowed_hosts = allowed_hosts  # None: any host (only when a token protects the app)
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        hostname = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if self.allowed_hosts is not None and hostname not in self.allowed_hosts:
            await _send_error(send, 400, f"host {host!r} is not served here; open http://127.0.0.1 instead")
            return
        if self.token is not None and not await self._authorised(scope, headers, send):
            return
        if scope["method"] in WRITE_METHODS:
            ctype = headers.get("content-type", "").split(";")[0].strip()
            if ctype not in self.write_types:
                await _send_error(send, 415, f"requests must be sent as {' or '.join(self.write_types)}")
                return
            origin = headers.get("origin")
            if origin and origin.split("://", 1)[-1] != host:
                await _send_error(send, 403, f"cross-origin write from {origin} refused")
                return
            try:
                declared = int(headers.get("content-length", "0") or 0)
            except ValueError:
                declared = 0
            if declared > self.max_body:
                await _send_error(send, 413, f"request body of {declared} bytes is over the {self.max_body}-byte limit")
                return
            body, too_big = await self._read_body(receive)
            if too_big:
                await _send_error(send, 413, f"request body is over the {self.max_body}-byte limit")
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    async def _read_body(self, receive: Callable) -> tuple[bytes, bool]:
        """Read at most max_body + 1 bytes, whatever Content-Length claimed (chunked bodies too)."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return b"", True
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(chunks), False

    async def _authorised(self, scope: Scope, headers: dict[str, str], send: Callable) -> bool:
        """Bearer header or cookie; ``?token=`` once in a link sets the cookie and redirects."""
        assert self.token is not None
        supplied = headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not supplied:
            cookie = SimpleCookie(headers.get("cookie", ""))
            supplied = cookie[TOKEN_COOKIE].value if TOKEN_COOKIE in cookie else ""
        if supplied and hmac.compare_digest(supplied.encode(), self.token.encode()):
            return True
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        from_link = (query.pop("token", [""]) or [""])[0]
        if scope["method"] == "GET" and from_link and hmac.compare_digest(from_link.encode(), self.token.encode()):
            rest = urlencode(query, doseq=True)
            location = scope["path"] + (f"?{rest}" if rest else "")
            cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            await send({"type": "http.response.start", "status": 303,
                        "headers": [(b"location", location.encode("utf-8")), (b"set-cookie", cookie.encode()),
                                    (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return False
        await _send_error(send, 401, self.token_hint)
        return False


def _replay(body: bytes, original: Callable) -> Callable:
    """Hand the already-read body to the app, then pass on the server's own messages (disconnect)."""
    sent = False

    async def receive() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive


def user_name() -> str:
    """Who is at the keyboard, for the audit log; a uid with no passwd entry (containers) is 'unknown'."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"

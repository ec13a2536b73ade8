"""The gate in front of every request: the Host must be this server's loopback address, the per-launch
token must come with it (once as ?token=, then as a cookie), and a state-changing request must come
from this origin. Plain ASGI so that streamed responses (server-sent events) pass through untouched."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

LOOPBACK = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
HEADERS = [  # on every response
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
     b"font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
     b"form-action 'self'"),
]


def cookie_name(port: int | None) -> str:
    """Cookies ignore ports: one name per port keeps two servers on one machine apart."""
    return f"mlkata_token_{port}" if port else "mlkata_token"


def _host_ok(host: str, allowed: frozenset[str] | None) -> bool:
    if allowed is not None:
        return host in allowed
    name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
    if not name:  # no port in the header
        name = host
    return name in LOOPBACK and (port == "" or port.isdigit())


class Gate:
    """ASGI middleware: Host, token and Origin checks; 403 (JSON under /api/, text elsewhere) otherwise."""

    def __init__(self, app, token: str, allowed_hosts: Iterable[str] | None = None):
        self.app, self.token = app, token
        self.allowed = None if allowed_hosts is None else frozenset(allowed_hosts)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.app(scope, receive, send)
        if scope["type"] != "http":  # no websockets here
            return await send({"type": "websocket.close", "code": 1008})
        headers = _headers(scope)
        host = headers.get("host", "")
        if not _host_ok(host, self.allowed):
            return await _deny(scope, send, "This server answers only at its loopback address (bad Host header).")
        method = scope["method"]
        if method not in SAFE_METHODS and not _same_origin(headers, host):
            return await _deny(scope, send, "Cross-site request refused.")
        port = _port(host) or (scope.get("server") or (None, None))[1]
        name = cookie_name(port)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given:
            if not hmac.compare_digest(given[-1].encode(), self.token.encode()):
                return await _deny(scope, send, "Wrong token: open the URL that `mlkata serve` printed.")
            if method in ("GET", "HEAD"):  # set the cookie and drop the token from the address bar
                rest = urlencode([(k, v) for k, v in query if k != "token"])
                path = scope.get("raw_path") or scope["path"].encode("utf-8")
                location = path.decode("latin-1") + (f"?{rest}" if rest else "")
                return await _redirect(send, location, f"{name}={self.token}; HttpOnly; SameSite=Strict; Path=/")
        elif not hmac.compare_digest(_cookie(headers.get("cookie", ""), name).encode(), self.token.encode()):
            return await _deny(scope, send, "Open the URL that `mlkata serve` printed (it carries the token).")

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _headers(scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _port(host: str) -> int | None:
    tail = host.rsplit(":", 1)[-1] if ":" in host and not host.endswith("]") else ""
    return int(tail) if tail.isdigit() else None


def _same_origin(headers: dict[str, str], host: str) -> bool:
    """A missing Origin is allowed (same-origin GET-like clients); a present one must be ours."""
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    return origin is None or origin == f"http://{host}"


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


async def _deny(scope, send, message: str) -> None:
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": {"kind": "forbidden", "message": message}}).encode()
        kind = b"application/json"
    else:
        body, kind = f"403 Forbidden: {message}\n".encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, cookie: str) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1")),
                            (b"content-length", b"0"), *HEADERS]})
    await send({"type": "http.response.body", "body": b""})

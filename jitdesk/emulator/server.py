"""HTTPS transport: a threading HTTP/1.1 server with keep-alive, TLS per connection.

The TLS handshake runs in the connection's own thread, so one slow client never holds up the
accept loop. All ARM logic lives in ``ArmApp``; this module only moves bytes.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from jitdesk.emulator.app import ArmApp

logger = logging.getLogger(__name__)

_HANDSHAKE_TIMEOUT = 10.0
_IDLE_TIMEOUT = 60.0
_MAX_BODY = 16 * 1024 * 1024


class _ArmRequestHandler(BaseHTTPRequestHandler):
    """Reads one request at a time from a kept-alive connection and hands it to the app."""

    protocol_version = "HTTP/1.1"
    server_version = "jitdesk-emulator"
    sys_version = ""
    timeout = _IDLE_TIMEOUT
    # Headers and body go out as separate writes; without this, Nagle adds ~40 ms per answer.
    disable_nagle_algorithm = True
    server: ArmHttpsServer

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > _MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        response = self.server.app.handle(
            self.command, self.path, headers, body, peer=str(self.client_address[0])
        )
        delay = self.server.app.faults.latency
        if delay > 0:
            time.sleep(delay)
        self.log_request(response.status)
        self.send_response_only(response.status)
        self.send_header("Server", self.server_version)
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if response.body and self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s %s", self.address_string(), format % args)


class ArmHttpsServer(ThreadingHTTPServer):
    """Serves ``app`` over TLS on a loopback address. Threads are daemons."""

    daemon_threads = True
    # A client opens a burst of parallel connections when it loads many subscriptions at once;
    # the default backlog of 5 drops SYNs, which the client only resends after a second.
    request_queue_size = 128
    allow_reuse_address = False

    def __init__(self, address: tuple[str, int], app: ArmApp, context: ssl.SSLContext) -> None:
        self.app = app
        self._tls = context
        self._connections: set[ssl.SSLSocket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _ArmRequestHandler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Do the TLS handshake in this connection's thread, then serve it until it closes."""
        request.settimeout(_HANDSHAKE_TIMEOUT)
        try:
            connection = self._tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as exc:
            logger.debug("TLS handshake with %s failed: %s", client_address, exc)
            return
        with self._connections_lock:
            self._connections.add(connection)
        try:
            _ArmRequestHandler(connection, client_address, self)
        except (ssl.SSLError, OSError) as exc:
            logger.debug("connection from %s ended: %s", client_address, exc)
        finally:
            with self._connections_lock:
                self._connections.discard(connection)
            connection.close()

    def shutdown_request(self, request: Any) -> None:
        """Close the raw socket (``finish_request`` closes the TLS one it became)."""
        with contextlib.suppress(OSError):
            request.close()

    def close_connections(self) -> None:
        """Cut every open keep-alive connection so their threads end promptly."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

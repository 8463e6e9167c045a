"""Demo port gates: TCP listeners on the demo VMs' loopback addresses that let people in only
while a JIT grant is open (where and when: gate_plan).

One thread runs a selector over all listeners, all accepted connections and a wake-up socket
pair; with nothing to do it sleeps in ``select`` without a timeout. A gate decides when it
accepts a connection, from the world (under its lock) at the emulator clock's now, so moving
the clock opens and closes gates without restarting anything.

What a client sees:

* closed gate: its connect succeeds (a listening socket always completes the TCP handshake),
  then the gate accepts and closes at once with ``SO_LINGER`` 0, which sends a TCP reset. The
  client's first read fails with ECONNRESET (Python: ``ConnectionResetError``), within
  milliseconds; later reads see end of stream, writes fail with EPIPE or ECONNRESET. The reset
  may even arrive before ``connect`` returns, which then fails with ECONNRESET itself. So a
  bare connect proves nothing: a probe must read.
* open gate of the SSH port (22): ``SSH-2.0-jitdesk-demo-gate\\r\\n`` at once, then silence;
  what the client sends is read and dropped, and the gate closes when the client closes.
* open gate of any other port: silence until the client closes.

Connections accepted while a grant was open stay when it ends (Azure does not cut established
connections either); ``stop`` ends them with a reset. A gate that cannot listen (address not
configured, as on macOS where only 127.0.0.1 is; port in use) is skipped, logged once per
address.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import selectors
import socket
import struct
import sys
import threading
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from jitdesk.emulator.clock import EmulatorClock
from jitdesk.emulator.gate_plan import GateTarget, grant_open, plan_gates
from jitdesk.emulator.world import World

logger = logging.getLogger(__name__)

SSH_BANNER = b"SSH-2.0-jitdesk-demo-gate\r\n"
OPEN, CLOSED, SKIPPED = "open", "closed", "skipped"
_BACKLOG = 16
# struct linger is two ints on POSIX and two u_shorts on Windows; on, 0 s: close sends a reset.
_RESET = struct.pack("hh" if sys.platform == "win32" else "ii", 1, 0)
_REFRESH_TIMEOUT = 10.0


class GateInfo(NamedTuple):
    """One gate as ``Emulator.gates`` lists it; ``state`` is open, closed or skipped."""

    vm: str
    port: int
    host: str
    gate_port: int
    state: str


@dataclass
class _Listener:
    sock: socket.socket
    targets: list[GateTarget]


class _Connection:
    """Selector data of an accepted connection (to tell it from a listener)."""


def _reset(sock: socket.socket) -> None:
    """Close ``sock`` with a TCP reset (and no TIME_WAIT left behind)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _RESET)
    sock.close()


def _listen(host: str, port: int) -> socket.socket:
    sock = socket.create_server((host, port), family=socket.AF_INET, backlog=_BACKLOG)
    sock.setblocking(False)
    return sock


class GateServer:
    """The gates of one world. ``start``, then ``refresh`` after policy writes, then ``stop``."""

    def __init__(self, world: World, clock: EmulatorClock) -> None:
        self._world = world
        self._clock = clock
        self._lock = threading.Lock()  # guards the fields below it
        self._listeners: dict[tuple[str, int], _Listener] = {}
        self._plan: list[GateTarget] = []
        self._pending: list[threading.Event] = []
        self._stopping = False
        self._thread: threading.Thread | None = None
        # Touched by the gate thread only.
        self._selector: selectors.BaseSelector = selectors.DefaultSelector()
        self._wake_in, self._wake_out = socket.socketpair()
        self._connections: set[socket.socket] = set()
        self._reported: set[str] = set()

    def start(self) -> GateServer:
        """Start the gate thread and listen on every gate the world needs; returns ``self``."""
        with self._lock:
            if self._thread is not None or self._stopping:
                raise RuntimeError("the gates were started before")
            self._wake_in.setblocking(False)
            self._wake_out.setblocking(False)
            self._selector.register(self._wake_in, selectors.EVENT_READ, None)
            self._thread = threading.Thread(
                target=self._run, name="jitdesk-emulator-gates", daemon=True
            )
            self._thread.start()
        self.refresh()
        return self

    def refresh(self) -> None:
        """Open gates the world needs now and close the ones it no longer needs.

        Blocks until the gate thread has done it (at most a few seconds). Call it without
        holding the world lock.
        """
        done = threading.Event()
        with self._lock:
            if self._thread is None or self._stopping:
                return
            self._pending.append(done)
        self._wake()
        done.wait(_REFRESH_TIMEOUT)

    def stop(self) -> None:
        """Close all listeners and connections (with a reset) and end the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
            first, self._stopping = not self._stopping, True
        if thread is not None:
            self._wake()
            thread.join(timeout=5)
            if thread.is_alive():
                logger.warning("the demo gate thread did not stop within 5 s")
        elif first:
            self._close_all()  # never started: only the selector and the socket pair are open
        self._wake_out.close()

    def info(self) -> list[GateInfo]:
        """Every gate target with its state at the emulator clock's now."""
        now = self._clock.now()
        with self._lock:
            plan, bound = list(self._plan), set(self._listeners)
        with self._world.lock:
            return [
                GateInfo(
                    target.vm_name,
                    target.vm_port,
                    target.host,
                    target.gate_port,
                    self._state(target, (target.host, target.gate_port) in bound, now),
                )
                for target in plan
            ]

    def _state(self, target: GateTarget, bound: bool, now: datetime) -> str:
        if not bound:
            return SKIPPED
        return OPEN if grant_open(self._world, target, now) else CLOSED

    # -- the gate thread --------------------------------------------------------------------

    def _wake(self) -> None:
        # A full buffer already holds a wake-up; a closed one means the thread is gone.
        with contextlib.suppress(OSError):
            self._wake_out.send(b"!")

    def _run(self) -> None:
        try:
            while True:
                woken = False
                for key, _ in self._selector.select():
                    if key.fileobj is self._wake_in:
                        woken = True
                    elif isinstance(key.data, _Listener):
                        self._accept(key.data)
                    else:
                        assert isinstance(key.fileobj, socket.socket)
                        self._read(key.fileobj)
                if woken and not self._commands():
                    break
        except Exception:
            logger.exception("the demo gates failed; they are closed now")
        finally:
            with self._lock:
                self._stopping = True
                pending, self._pending = self._pending, []
            self._close_all()
            for done in pending:
                done.set()

    def _commands(self) -> bool:
        """Handle wake-ups: refresh when asked; False when the thread must stop."""
        with contextlib.suppress(OSError):
            while self._wake_in.recv(512):
                pass
        with self._lock:
            stopping = self._stopping
            pending, self._pending = self._pending, []
        try:
            if pending and not stopping:
                self._reconcile()
        finally:
            for done in pending:
                done.set()
        return not stopping

    def _open_targets(self, targets: list[GateTarget]) -> list[GateTarget]:
        now = self._clock.now()
        with self._world.lock:
            return [t for t in targets if grant_open(self._world, t, now)]

    def _accept(self, listener: _Listener) -> None:
        while True:
            try:
                conn, _ = listener.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                logger.debug("demo gate %s cannot accept: %s", listener.sock.getsockname(), exc)
                return
            try:
                admitted = self._open_targets(listener.targets)
            except Exception:
                logger.exception("demo gate could not read the world; refusing")
                admitted = []
            if not admitted:
                _reset(conn)
                continue
            conn.setblocking(False)
            try:
                if any(target.ssh for target in admitted):
                    conn.send(SSH_BANNER)
                self._selector.register(conn, selectors.EVENT_READ, _Connection())
            except OSError:
                _reset(conn)
                continue
            self._connections.add(conn)

    def _read(self, conn: socket.socket) -> None:
        """Drop what the client sends; close when it closes (or resets)."""
        try:
            data = conn.recv(4096)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._selector.unregister(conn)
            self._connections.discard(conn)
            conn.close()

    def _reconcile(self) -> None:
        with self._world.lock:
            targets = plan_gates(self._world)
        wanted: dict[tuple[str, int], list[GateTarget]] = {}
        for target in targets:
            wanted.setdefault((target.host, target.gate_port), []).append(target)
        with self._lock:
            listeners = dict(self._listeners)
        for key in [key for key in listeners if key not in wanted]:
            gone = listeners.pop(key)
            self._selector.unregister(gone.sock)
            gone.sock.close()
        failures: dict[str, list[tuple[int, OSError]]] = {}
        for (host, port), group in wanted.items():
            if (host, port) in listeners:
                listeners[host, port].targets = group
                continue
            try:
                sock = _listen(host, port)
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE:
                    failures.setdefault(host, []).append((port, exc))
                    continue
                # Another demo (or anything) holds the planned port: take a free one; the VM's
                # gate tag then names it, so Connect still reaches this world's gate.
                try:
                    sock = _listen(host, 0)
                except OSError as again:
                    failures.setdefault(host, []).append((port, again))
                    continue
                moved = int(sock.getsockname()[1])
                with self._world.lock:
                    self._world.gate_moved[host, port] = moved
                logger.info(
                    "gate %s:%d is in use; this world's gate listens on %d", host, port, moved
                )
                group = [replace(target, gate_port=moved) for target in group]
                port = moved
            listener = _Listener(sock, group)
            self._selector.register(sock, selectors.EVENT_READ, listener)
            listeners[host, port] = listener
        if self._world.gate_moved:
            with self._world.lock:
                targets = plan_gates(self._world)  # with the ports the moved gates got
        with self._lock:
            self._listeners, self._plan = listeners, targets
        self._report(failures)

    def _report(self, failures: dict[str, list[tuple[int, OSError]]]) -> None:
        """Log the gates that cannot listen, once per address."""
        for host, items in failures.items():
            if host in self._reported:
                continue
            self._reported.add(host)
            ports = ", ".join(str(port) for port, _ in items)
            first = items[0][1]
            hint = ""
            if first.errno == errno.EADDRNOTAVAIL:
                hint = f" (the address is not configured; on macOS: sudo ifconfig lo0 alias {host})"
            elif first.errno == errno.EADDRINUSE:
                hint = " (the port is taken)"
            logger.warning(
                "demo gates on %s skipped, gate ports %s: %s%s",
                host,
                ports,
                first.strerror or first,
                hint,
            )

    def _close_all(self) -> None:
        for conn in list(self._connections):
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(conn)
            _reset(conn)
        self._connections.clear()
        with self._lock:
            listeners, self._listeners = self._listeners, {}
        for listener in listeners.values():
            listener.sock.close()
        self._selector.close()
        self._wake_in.close()

"""The public face of the emulator: build a world from a seed and serve it over HTTPS."""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import ssl
import threading
from collections.abc import Mapping
from datetime import timedelta
from os import PathLike
from types import TracebackType
from typing import Any

from jitdesk.emulator.app import ArmApp, RecordedRequest, ServeOptions
from jitdesk.emulator.certs import TlsFiles, create_tls_files
from jitdesk.emulator.clock import EmulatorClock
from jitdesk.emulator.faults import Faults
from jitdesk.emulator.gates import GateInfo, GateServer
from jitdesk.emulator.seed import load_seed
from jitdesk.emulator.seed_model import Seed, SeedUser
from jitdesk.emulator.server import ArmHttpsServer
from jitdesk.emulator.world import World

logger = logging.getLogger(__name__)

_POLL_INTERVAL = 0.5


def _loopback_host(host: str) -> str:
    """Return ``host`` as an IPv4 loopback address; refuse anything outside 127.0.0.0/8."""
    if host.lower() == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"host must be an address in 127.0.0.0/8, got '{host}'") from None
    if address.version != 4 or not address.is_loopback:
        raise ValueError(f"host must be an address in 127.0.0.0/8, got '{host}'")
    return str(address)


class Emulator:
    """A local ARM endpoint serving the world a seed describes, over HTTPS with its own CA.

    ``seed`` is a Seed from ``load_seed``, a dict in seed format, a built-in seed name or a
    path. Relative seed times resolve against ``clock`` when the emulator is created. Only
    loopback hosts are accepted; ``port=0`` picks a free port. ``initiate_delay`` is how long
    (in emulator-clock time) the ports of a new JIT request read ``Initiating`` before
    ``Initiated``. With ``gates=True`` the emulator also runs the demo's port gates on the VMs'
    loopback addresses (see gates.py and SEED.md) and VMs carry the ``jitdesk-demo-gate`` tag.
    """

    def __init__(
        self,
        seed: Seed | Mapping[str, Any] | str | PathLike[str],
        host: str = "127.0.0.1",
        port: int = 0,
        page_size: int | None = None,
        clock: EmulatorClock | None = None,
        initiate_delay: timedelta = timedelta(seconds=2),
        gates: bool = False,
    ) -> None:
        self._seed = seed if isinstance(seed, Seed) else load_seed(seed)
        self._host = _loopback_host(host)
        self._port = port
        self.clock = clock if clock is not None else EmulatorClock()
        self.faults = Faults()
        self.world = World(self._seed, self.clock.now())
        self.world.demo_gates = gates
        self._options = ServeOptions(base_url="")
        self.page_size = page_size
        self.initiate_delay = initiate_delay
        self._app = ArmApp(self.world, self.clock, self.faults, self._options)
        self._server: ArmHttpsServer | None = None
        self._thread: threading.Thread | None = None
        self._tls: TlsFiles | None = None
        self._gates: GateServer | None = None

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> Emulator:
        """Bind, then serve in a daemon thread; returns at once with ``self``.

        Raises OSError when the port is taken and RuntimeError when already started.
        """
        if self._server is not None:
            raise RuntimeError("the emulator is already running")
        tls = create_tls_files()
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(tls.cert_path, tls.key_path)
        try:
            server = ArmHttpsServer((self._host, self._port), self._app, context)
        except OSError:
            tls.remove()
            raise
        self._tls = tls
        self._server = server
        self._options.base_url = f"https://{self._host}:{server.server_address[1]}"
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": _POLL_INTERVAL},
            name=f"jitdesk-emulator-{server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        logger.info("ARM emulator serving %s (CA %s)", self.url, tls.ca_path)
        if self.world.demo_gates:
            self._start_gates()
        return self

    def _start_gates(self) -> None:
        gates = GateServer(self.world, self.clock).start()
        self._gates = gates
        self._options.after_policy_write = gates.refresh
        listed = self.gates
        listening = {(g.host, g.gate_port) for g in listed if g.state != "skipped"}
        logger.info(
            "demo gates: %d listening on %d addresses (%d skipped)",
            len(listening),
            len({host for host, _ in listening}),
            len({(g.host, g.gate_port) for g in listed}) - len(listening),
        )

    def stop(self) -> None:
        """Stop serving, close open connections and delete the TLS files. Blocks briefly."""
        server, thread, tls, gates = self._server, self._thread, self._tls, self._gates
        if server is None:
            return
        self._server = self._thread = self._tls = self._gates = None
        self._options.after_policy_write = None
        if gates is not None:
            gates.stop()
        stopper = threading.Thread(target=server.shutdown, daemon=True)
        stopper.start()
        while stopper.is_alive():
            self._wake(server)
            stopper.join(timeout=0.02)
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        if tls is not None:
            tls.remove()
        logger.info("ARM emulator stopped")

    @staticmethod
    def _wake(server: ArmHttpsServer) -> None:
        """Connect once so the accept loop notices a shutdown without waiting for its poll."""
        host, port = server.server_address[:2]
        with contextlib.suppress(OSError), socket.create_connection((str(host), port), 0.2):
            pass

    def __enter__(self) -> Emulator:
        return self if self._server is not None else self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what clients need ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._server is not None

    @property
    def url(self) -> str:
        """The base URL, ``https://127.0.0.1:PORT`` (only while running)."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return self._options.base_url

    @property
    def port(self) -> int:
        """The port it listens on (only while running)."""
        if self._server is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def gates(self) -> list[GateInfo]:
        """The demo port gates (vm, port, host, gate_port, state), state at the clock's now.

        ``state`` is ``open``, ``closed`` or ``skipped`` (could not listen). Empty unless
        started with ``gates=True``.
        """
        return self._gates.info() if self._gates is not None else []

    @property
    def ca_bundle(self) -> str:
        """Path of the PEM file of the CA a client must trust (only while running)."""
        if self._tls is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return str(self._tls.ca_path)

    @property
    def page_size(self) -> int | None:
        """Items per list page; None means the server default (100)."""
        return self._options.page_size

    @page_size.setter
    def page_size(self, value: int | None) -> None:
        if value is not None and value < 1:
            raise ValueError("page_size must be at least 1, or None for the default")
        self._options.page_size = value

    @property
    def initiate_delay(self) -> timedelta:
        """How long new JIT requests read ``Initiating`` (emulator-clock time; default 2 s).

        A change applies to requests made afterwards.
        """
        return self.world.initiate_delay

    @initiate_delay.setter
    def initiate_delay(self, value: timedelta) -> None:
        if value < timedelta(0):
            raise ValueError("initiate_delay must not be negative")
        with self.world.lock:
            self.world.initiate_delay = value

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of the requests served so far, oldest first (Authorization never kept)."""
        return self._app.recorded()

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        self._app.clear_recorded()

    # -- not ARM: facts about the seed a demo client needs ----------------------------------

    @property
    def seed(self) -> Seed:
        """The seed this world was built from."""
        return self._seed

    @property
    def user(self) -> SeedUser:
        """The seed's signed-in person (upn, name, object id, home tenant)."""
        return self._seed.user

    @property
    def home_tenant_id(self) -> str:
        """The id of the user's home tenant; every other tenant is one they are a guest in."""
        return self._seed.user.home_tenant_id

"""Choosing what jitdesk talks to: the built-in demo, a running emulator, or (later) Azure."""

from __future__ import annotations

import ipaddress
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jitdesk.cloud.credentials import DemoCredential, emulator_account
from jitdesk.cloud.gateway import ARM_SCOPE, AzureGateway, Endpoint
from jitdesk.domain.model import Account

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ConnectionOptions:
    """What the command line says about the connection."""

    demo: bool = False
    emulator_url: str | None = None
    ca_bundle: str | None = None
    seed: str = "demo"
    gates: bool = True


class ConnectionProblem(Exception):
    """The options do not describe a usable connection; the message says what to do."""


@dataclass
class Backend:
    """A gateway and what it needs kept alive (an in-process emulator in demo mode)."""

    gateway: AzureGateway
    description: str
    emulator: Any = None
    _closers: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        """Close SDK clients and stop the in-process emulator, if any."""
        self.gateway.close()
        for closer in reversed(self._closers):
            closer()


class _LazyAccount:
    """Asks the emulator for its demo account once, on first use, on a worker thread."""

    def __init__(self, url: str, ca_bundle: str | None) -> None:
        self._url = url
        self._ca_bundle = ca_bundle
        self._lock = threading.Lock()
        self._account: Account | None = None

    def __call__(self) -> Account:
        with self._lock:
            if self._account is None:
                self._account = emulator_account(self._url, self._ca_bundle, ARM_SCOPE)
            return self._account


def _demo_gateway(url: str, ca_bundle: str | None, account: Callable[[], Account]) -> AzureGateway:
    def credential_for(tenant_id: str | None) -> DemoCredential:
        return DemoCredential(account, tenant_id)

    # An emulator on this machine either answers or is not running: no reason to retry.
    endpoint = Endpoint(url, ca_bundle, connect_retries=0, emulator=True)
    return AzureGateway(endpoint, credential_for, account)


def _check_emulator_url(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host.lower() == "localhost"
    if not loopback:
        raise ConnectionProblem(
            f"--emulator {url}: the emulator runs on this computer only; use the "
            "https://127.0.0.1:PORT URL that 'jitdesk emulator' prints."
        )


def _check_ca_bundle(path: str) -> None:
    """The CA file must exist and hold a certificate: say so now, not as a TLS failure later."""
    file = Path(path)
    if not file.is_file():
        raise ConnectionProblem(
            f"--ca-bundle {path}: no such file. Use the ca_bundle path 'jitdesk emulator' "
            "printed (it changes each time the emulator starts)."
        )
    try:
        text = file.read_text(encoding="ascii", errors="replace")
    except OSError as error:
        raise ConnectionProblem(f"--ca-bundle {path}: cannot be read ({error}).") from error
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise ConnectionProblem(
            f"--ca-bundle {path}: this file holds no certificate (expected a PEM file with "
            "'BEGIN CERTIFICATE')."
        )


def open_backend(options: ConnectionOptions) -> Backend:
    """Build the backend the options ask for. Starting the demo emulator takes well under a
    second and touches only loopback; nothing here waits on a remote network.
    """
    if options.demo and options.emulator_url:
        raise ConnectionProblem("use either --demo or --emulator URL, not both.")
    if options.demo:
        from jitdesk.emulator import Emulator, load_seed

        # The demo runs port gates on the VMs' loopback addresses so Connect can be followed
        # end to end (a gate opens while a grant is open, see the emulator's SEED.md).
        emulator = Emulator(load_seed(options.seed), gates=options.gates).start()
        user = emulator.user
        known = Account(user.upn, user.home_tenant_id, user.name, user.object_id)
        gateway = _demo_gateway(emulator.url, emulator.ca_bundle, lambda: known)
        logger.info("demo emulator running at %s", emulator.url)
        return Backend(gateway, f"demo ({emulator.url})", emulator, [emulator.stop])
    if options.emulator_url:
        if not options.emulator_url.lower().startswith("https://"):
            raise ConnectionProblem(
                "--emulator needs an https:// URL, as printed by 'jitdesk emulator'."
            )
        if not options.ca_bundle:
            raise ConnectionProblem(
                "--emulator needs --ca-bundle PATH: the CA file printed by 'jitdesk emulator'."
            )
        _check_emulator_url(options.emulator_url)
        _check_ca_bundle(options.ca_bundle)
        account = _LazyAccount(options.emulator_url, options.ca_bundle)
        gateway = _demo_gateway(options.emulator_url, options.ca_bundle, account)
        return Backend(gateway, f"emulator at {options.emulator_url}")
    raise ConnectionProblem(
        "Signing in to Azure is not available yet. Start the demo with --demo, or use a "
        "running emulator with --emulator URL --ca-bundle PATH."
    )

"""``emulator [--seed demo|PATH] [--port N] [--host 127.0.0.1] [--page-size N] [--latency S]
[--initiate-delay S]``.

Starts the emulator, prints one JSON line (``url``, ``ca_bundle``, ``pid``, ``home_tenant_id``,
``user``, ``user_name``, ``user_object_id``) to stdout, then serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from datetime import timedelta
from types import FrameType

from jitdesk.emulator.emulator import Emulator
from jitdesk.emulator.seed import load_seed
from jitdesk.emulator.seed_reader import SeedError

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="emulator",
        description="Serve a local ARM emulator over HTTPS on a loopback address.",
    )
    parser.add_argument("--seed", default="demo", help="built-in seed name or a JSON file")
    parser.add_argument("--port", type=int, default=0, help="port (0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address in 127.0.0.0/8")
    parser.add_argument("--page-size", type=int, default=None, help="items per list page")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to answers")
    parser.add_argument(
        "--initiate-delay",
        type=float,
        default=2.0,
        help="seconds a new JIT request reads Initiating before Initiated",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the emulator until interrupted; return the exit code (0 after a signal, 2 on bad input).

    Blocks. Signal handlers are installed only when called on the main thread.
    """
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if (
        args.latency < 0
        or args.initiate_delay < 0
        or (args.page_size is not None and args.page_size < 1)
    ):
        print(
            "emulator: --latency and --initiate-delay must be >= 0 and --page-size >= 1",
            file=sys.stderr,
        )
        return 2

    try:
        emulator = Emulator(
            load_seed(args.seed),
            host=args.host,
            port=args.port,
            page_size=args.page_size,
            initiate_delay=timedelta(seconds=args.initiate_delay),
        )
    except (SeedError, ValueError) as exc:
        print(f"emulator: {exc}", file=sys.stderr)
        return 2
    emulator.faults.latency = args.latency

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

    try:
        emulator.start()
    except OSError as exc:
        print(f"emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    try:
        line = {
            "url": emulator.url,
            "ca_bundle": emulator.ca_bundle,
            "pid": os.getpid(),
            "home_tenant_id": emulator.home_tenant_id,
            "user": emulator.user.upn,
            "user_name": emulator.user.name,
            "user_object_id": emulator.user.object_id,
        }
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
        # A timed wait keeps Ctrl+C responsive on Windows, where a bare wait() is not.
        while not stop.wait(0.5):
            pass
    finally:
        emulator.stop()
    return 0

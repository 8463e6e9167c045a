"""``emulator [--seed demo|PATH] [--port N] [--host 127.0.0.1] [--page-size N] [--latency S]
[--initiate-delay S] [--gates]``.

Starts the emulator, prints one JSON line (``url``, ``ca_bundle``, ``pid``, ``home_tenant_id``,
``user``, ``user_name``, ``user_object_id``, ``gates``: how many port gates listen) to stdout,
then serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import signal
import sys
import threading
import time
from datetime import timedelta
from types import FrameType

from jitdesk.emulator.emulator import Emulator
from jitdesk.emulator.seed import load_seed
from jitdesk.emulator.seed_reader import SeedError

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jitdesk emulator",
        description="Serve a local ARM emulator over HTTPS on a loopback address. Prints one "
        "JSON line (url, ca_bundle, ...) and serves until Ctrl+C or SIGTERM.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
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
    parser.add_argument(
        "--gates",
        action="store_true",
        help="run the demo port gates: on each VM's loopback address, a TCP port per JIT rule "
        "that accepts connections only while a grant is open (22 listens on 10022, ...)",
    )
    return parser


def _check(args: argparse.Namespace) -> str | None:
    """The first option with an impossible value, said in words; None when all are fine."""
    if not 0 <= args.port <= 65535:
        return f"--port must be between 0 and 65535 (0 picks a free port), not {args.port}"
    if not math.isfinite(args.latency) or args.latency < 0:
        return f"--latency must be 0 or more seconds, not {args.latency}"
    if not math.isfinite(args.initiate_delay) or args.initiate_delay < 0:
        return f"--initiate-delay must be 0 or more seconds, not {args.initiate_delay}"
    if args.page_size is not None and args.page_size < 1:
        return f"--page-size must be at least 1, not {args.page_size}"
    return None


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
    problem = _check(args)
    if problem:
        print(f"jitdesk emulator: {problem}", file=sys.stderr)
        return 2

    try:
        emulator = Emulator(
            load_seed(args.seed),
            host=args.host,
            port=args.port,
            page_size=args.page_size,
            initiate_delay=timedelta(seconds=args.initiate_delay),
            gates=args.gates,
        )
    except (SeedError, ValueError) as exc:
        print(f"jitdesk emulator: {exc}", file=sys.stderr)
        return 2
    emulator.faults.latency = args.latency

    # A plain flag: a signal handler must not take a lock the interrupted main thread may hold
    # (threading.Event.set from a handler can deadlock against Event.wait).
    stop = [False]

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop[0] = True

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)

    try:
        emulator.start()
    except OSError as exc:
        print(
            f"jitdesk emulator: cannot listen on {args.host}:{args.port}: {exc}"
            + (" (use --port 0 to pick a free port)" if args.port else ""),
            file=sys.stderr,
        )
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
            "gates": len({(g.host, g.gate_port) for g in emulator.gates if g.state != "skipped"}),
        }
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
        # Short sleeps keep Ctrl+C responsive everywhere (Windows included).
        while not stop[0]:
            time.sleep(0.2)
    finally:
        emulator.stop()
    return 0

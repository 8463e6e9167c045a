"""A local ARM emulator for jitdesk: HTTPS on loopback, its own CA, driven by a seed and a clock.

Imports nothing from the rest of jitdesk, the Azure SDK or Qt. Typical use::

    with Emulator(load_seed("demo"), clock=EmulatorClock(start)) as emu:
        client = SecurityCenter(credential, sub, base_url=emu.url, connection_verify=emu.ca_bundle)
"""

from jitdesk.emulator.app import RecordedRequest
from jitdesk.emulator.clock import EmulatorClock
from jitdesk.emulator.emulator import Emulator
from jitdesk.emulator.gates import GateInfo
from jitdesk.emulator.seed import load_seed
from jitdesk.emulator.seed_model import Seed
from jitdesk.emulator.seed_reader import SeedError

__all__ = [
    "Emulator",
    "EmulatorClock",
    "GateInfo",
    "RecordedRequest",
    "Seed",
    "SeedError",
    "load_seed",
]

"""Fixtures for the ARM emulator tests: a running demo emulator, a client, and Microsoft's
API descriptions from ../shared/azure-specs (skipped when absent unless JITDESK_REQUIRE_SPECS=1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from arm_testkit import NOW, ArmClient, SwaggerValidator

from jitdesk.emulator import Emulator, EmulatorClock, Seed, load_seed


@pytest.fixture(scope="session")
def demo_seed() -> Seed:
    return load_seed("demo")


@pytest.fixture
def clock() -> EmulatorClock:
    return EmulatorClock(NOW)


@pytest.fixture
def emulator(demo_seed: Seed, clock: EmulatorClock) -> Iterator[Emulator]:
    with Emulator(demo_seed, clock=clock) as emu:
        yield emu


@pytest.fixture
def arm(emulator: Emulator) -> Iterator[ArmClient]:
    client = ArmClient(emulator)
    yield client
    client.close()


def _repo_root() -> Path:
    """The folder holding pyproject.toml, wherever this conftest lives inside the repo."""
    here = Path(__file__).resolve().parent
    return next(p for p in (here, *here.parents) if (p / "pyproject.toml").is_file())


@pytest.fixture(scope="session")
def swagger(azure_specs: Path) -> SwaggerValidator:
    return SwaggerValidator(azure_specs)


@pytest.fixture(scope="session")
def example(azure_specs: Path) -> Any:
    """Load a Microsoft example file and return its 200 response body."""

    def load(rel: str) -> Any:
        document = json.loads((azure_specs / rel).read_text(encoding="utf-8"))
        return document["responses"]["200"]["body"]

    return load

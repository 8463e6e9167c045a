"""The emulator ships its data with the package (the import rules live in test_architecture)."""

from __future__ import annotations

from importlib import resources

from jitdesk.emulator import load_seed


def test_the_demo_seed_and_its_documentation_ship_with_the_package() -> None:
    files = resources.files("jitdesk.emulator")

    assert files.joinpath("seeds").joinpath("demo.json").is_file()
    assert files.joinpath("SEED.md").is_file()
    assert load_seed("demo").origin == "built-in seed 'demo'"

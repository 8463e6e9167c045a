"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def azure_specs() -> Path:
    """The folder of Microsoft's API descriptions and examples, ``../shared/azure-specs``.

    Skips the test when the folder is absent, or fails it when ``JITDESK_REQUIRE_SPECS=1``
    (set in CI, where a missing folder must not turn the contract tests into silent skips).
    """
    folder = (REPO_ROOT / ".." / "shared" / "azure-specs").resolve()
    if not folder.is_dir():
        reason = (
            "../shared/azure-specs not found: Microsoft's API descriptions are needed for this test"
        )
        if os.environ.get("JITDESK_REQUIRE_SPECS") == "1":
            pytest.fail(f"{reason} (JITDESK_REQUIRE_SPECS=1)", pytrace=False)
        pytest.skip(reason)
    return folder


# Qt must not look for a display in tests; set before pytest-qt creates the application.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def demo_backend():
    """The built-in demo world on a fresh in-process emulator, and a gateway to it."""
    from jitdesk.services.backend import ConnectionOptions, open_backend

    backend = open_backend(ConnectionOptions(demo=True))
    yield backend
    backend.close()


@pytest.fixture(autouse=True)
def _restore_logging():
    """The command line sets up logging when a test calls its main(); undo that afterwards,
    so that later tests still see warnings through caplog."""
    import logging

    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)

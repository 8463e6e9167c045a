"""The layering rules of DESIGN.md, checked on the source with ``ast`` (nothing is imported).

- Only ``jitdesk.app`` and ``jitdesk.ui`` may import PySide6 or shiboken6.
- Only ``jitdesk.cloud`` may import ``azure``.
- ``jitdesk.emulator`` imports no other jitdesk module.
- ``jitdesk.domain`` imports from jitdesk only ``jitdesk.domain``, and no I/O module.

Every import statement counts, including those under ``if TYPE_CHECKING:``, and so do
``importlib.import_module("...")`` and ``__import__("...")`` calls with a literal name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parent.parent / "jitdesk"

QT_FREE = ("domain", "cloud", "services", "launch", "config", "emulator")
QT_MODULES = ("PySide6", "shiboken6")
DOMAIN_IO_MODULES = (
    "socket",
    "ssl",
    "http",
    "urllib",
    "requests",
    "subprocess",
    "sqlite3",
    "shutil",
    "keyring",
    "platformdirs",
    "msal",
)
PURE_EXCEPTIONS = frozenset({"urllib.parse"})
"""Modules inside an I/O package that only compute (urllib.parse splits text)."""
BEYOND_TOP = "<relative import above jitdesk>"


@dataclass(frozen=True)
class Import:
    line: int
    module: str


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _resolve_relative(module_name: str, is_package: bool, level: int, target: str | None) -> str:
    package = module_name if is_package else module_name.rpartition(".")[0]
    parts = package.split(".")
    if level - 1 >= len(parts):
        return BEYOND_TOP
    base = parts[: len(parts) - (level - 1)]
    return ".".join([*base, target] if target else base)


def imports_of(tree: ast.AST, module_name: str, is_package: bool) -> Iterator[Import]:
    """Every module the source names in an import, relative ones resolved to absolute names."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _resolve_relative(module_name, is_package, node.level, node.module)
            else:
                base = node.module or ""
            if base == "jitdesk":
                # "from jitdesk import cloud" imports jitdesk.cloud
                for alias in node.names:
                    yield Import(node.lineno, f"jitdesk.{alias.name}")
            else:
                yield Import(node.lineno, base)
        elif isinstance(node, ast.Call) and (name := _dynamic_import(node)):
            yield Import(node.lineno, name)


def _dynamic_import(call: ast.Call) -> str | None:
    """The module of ``importlib.import_module("x")`` or ``__import__("x")``, if literal."""
    func = call.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if called not in ("import_module", "__import__") or not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return None if first.value.startswith(".") else first.value
    return None


def violations(module_name: str, source: str, is_package: bool = False) -> list[str]:
    """The layering rules ``source`` (the text of ``module_name``) breaks, one line each."""
    tree = ast.parse(source, filename=module_name)
    layer = module_name.split(".")[1] if module_name.count(".") else ""
    found: list[str] = []
    for imp in imports_of(tree, module_name, is_package):
        where = f"{module_name}:{imp.line} imports {imp.module}"
        top = imp.module.split(".")[0]
        if layer in QT_FREE and top in QT_MODULES:
            found.append(f"{where}: only jitdesk.app and jitdesk.ui may use Qt")
        if layer != "cloud" and top == "azure":
            found.append(f"{where}: only jitdesk.cloud may use the Azure SDK")
        if layer == "emulator" and (
            imp.module == BEYOND_TOP
            or (_within(imp.module, "jitdesk") and not _within(imp.module, "jitdesk.emulator"))
        ):
            found.append(f"{where}: jitdesk.emulator must import no other jitdesk module")
        if layer == "domain":
            if imp.module == BEYOND_TOP or (
                _within(imp.module, "jitdesk") and not _within(imp.module, "jitdesk.domain")
            ):
                found.append(f"{where}: jitdesk.domain may import only jitdesk.domain")
            if top in DOMAIN_IO_MODULES and imp.module not in PURE_EXCEPTIONS:
                found.append(f"{where}: jitdesk.domain does no I/O")
    return found


def package_modules() -> list[tuple[str, Path, bool]]:
    """(module name, path, is package) of every .py file under jitdesk/."""
    modules = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE_ROOT.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules.append((".".join(parts), path, is_package))
    return modules


# --- the real tree ------------------------------------------------------------------------------


def test_the_walk_sees_the_layers() -> None:
    names = {name for name, _, _ in package_modules()}

    assert {"jitdesk", "jitdesk.domain.ids", "jitdesk.cloud.adapters"} <= names
    assert "jitdesk.services.inventory" in names


def test_jitdesk_keeps_its_layering() -> None:
    found = [
        problem
        for name, path, is_package in package_modules()
        for problem in violations(name, path.read_text(encoding="utf-8"), is_package)
    ]

    assert found == [], "\n".join(found)


# --- the checker itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "source", "rule"),
    [
        ("jitdesk.domain.clock", "import PySide6.QtCore", "Qt"),
        ("jitdesk.services.grants", "from PySide6.QtCore import QTimer", "Qt"),
        ("jitdesk.launch.rdp", "from shiboken6 import isValid", "Qt"),
        ("jitdesk.config.settings", "import importlib\nimportlib.import_module('PySide6')", "Qt"),
        (
            "jitdesk.cloud.client",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from PySide6 import QtCore",
            "Qt",
        ),
        ("jitdesk.emulator.server", "from PySide6.QtNetwork import QTcpServer", "Qt"),
        ("jitdesk.services.history", "from azure.core.exceptions import AzureError", "Azure"),
        ("jitdesk.ui.main_window", "import azure.identity", "Azure"),
        ("jitdesk.domain.model", "def f():\n    import azure.mgmt.security", "Azure"),
        ("jitdesk.emulator.server", "from jitdesk.domain.ids import ResourceId", "emulator"),
        ("jitdesk.emulator.server", "from ..domain import ids", "emulator"),
        ("jitdesk.emulator.api.routes", "from ... import cloud", "emulator"),
        ("jitdesk.emulator.server", "import jitdesk.cloud.adapters", "emulator"),
        ("jitdesk.emulator.server", "from jitdesk import __version__", "emulator"),
        ("jitdesk.emulator.server", "from .... import x", "emulator"),
        ("jitdesk.domain.text", "from jitdesk.cloud.errors import to_domain_error", "domain"),
        ("jitdesk.domain.text", "from ..config import settings", "domain"),
        ("jitdesk.domain.text", "from jitdesk import config", "domain"),
        ("jitdesk.domain.text", "from .. import __version__", "domain"),
        ("jitdesk.domain.text", "import socket", "no I/O"),
        ("jitdesk.domain.text", "from urllib.request import urlopen", "no I/O"),
        ("jitdesk.domain.text", "import subprocess", "no I/O"),
    ],
)
def test_checker_catches(module: str, source: str, rule: str) -> None:
    found = violations(module, source)

    assert len(found) >= 1
    assert any(rule in problem for problem in found), found
    assert all(problem.startswith(module + ":") for problem in found)


@pytest.mark.parametrize(
    ("module", "source", "is_package"),
    [
        ("jitdesk.ui.main_window", "from PySide6.QtWidgets import QMainWindow", False),
        ("jitdesk.app.tasks", "import shiboken6", False),
        ("jitdesk.cloud.gateway", "from azure.mgmt.security import SecurityCenter", False),
        ("jitdesk.cloud.gateway", "from jitdesk.domain.model import Tenant", False),
        ("jitdesk.services.inventory", "from jitdesk.cloud import adapters", False),
        ("jitdesk.emulator.server", "from jitdesk.emulator.seed import load", False),
        ("jitdesk.emulator.server", "from . import seed\nfrom .clock import Clock", False),
        ("jitdesk.emulator", "from .server import serve", True),
        ("jitdesk.emulator.api.routes", "from .. import state", False),
        ("jitdesk.emulator.server", "import ssl, socket, json", False),
        ("jitdesk.domain.jit_state", "from jitdesk.domain.errors import CloudError", False),
        ("jitdesk.domain.jit_state", "from .model import JitPolicy\nfrom . import ids", False),
        ("jitdesk.domain", "from .ids import ResourceId", True),
        ("jitdesk.domain.text", "from jitdesk import domain", False),
        ("jitdesk.domain.model", "import re\nfrom datetime import UTC, datetime", False),
        ("jitdesk.domain.model", "x = 'import PySide6'  # import azure", False),
    ],
)
def test_checker_accepts(module: str, source: str, is_package: bool) -> None:
    assert violations(module, source, is_package) == []


def test_checker_reports_the_line() -> None:
    source = "import json\n\nfrom azure.core import PipelineClient\n"

    assert violations("jitdesk.launch.ssh", source) == [
        "jitdesk.launch.ssh:3 imports azure.core: only jitdesk.cloud may use the Azure SDK"
    ]

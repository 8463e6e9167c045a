"""Builders of ARM JSON bodies, one module per resource provider."""

from typing import Any

JsonObject = dict[str, Any]

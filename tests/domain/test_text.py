"""Translatable sentences built in the core and rendered by the shell."""

from __future__ import annotations

import pytest

from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

GERMAN = {
    ("Grants", "Access to {vm} until {end}"): "Zugriff auf {vm} bis {end}",
    ("Grants", "{count} ports"): "{count} Ports",
    ("Errors", "Request failed: {why}"): "Anfrage fehlgeschlagen: {why}",
}


class FakeTranslator:
    """Looks templates up in a table and records every (context, source) it is asked for."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        self.table = table
        self.calls: list[tuple[str, str]] = []

    def __call__(self, context: str, source: str) -> str:
        self.calls.append((context, source))
        return self.table.get((context, source), source)


def test_render_translates_then_fills_in() -> None:
    translate = FakeTranslator(GERMAN)
    text = Text("Grants", "Access to {vm} until {end}", {"vm": "vm-web-01", "end": "14:30 UTC"})

    assert text.render(translate) == "Zugriff auf vm-web-01 bis 14:30 UTC"
    assert translate.calls == [("Grants", "Access to {vm} until {end}")]


def test_render_without_translator_is_english() -> None:
    text = Text("Grants", "Access to {vm} until {end}", {"vm": "vm-web-01", "end": "14:30 UTC"})

    assert text.render() == "Access to vm-web-01 until 14:30 UTC"
    assert str(text) == "Access to vm-web-01 until 14:30 UTC"


def test_nested_text_is_translated_in_its_own_context() -> None:
    translate = FakeTranslator(GERMAN)
    inner = Text("Grants", "{count} ports", {"count": 2})
    outer = Text("Errors", "Request failed: {why}", {"why": inner})

    assert outer.render(translate) == "Anfrage fehlgeschlagen: 2 Ports"
    assert set(translate.calls) == {
        ("Errors", "Request failed: {why}"),
        ("Grants", "{count} ports"),
    }


def test_untranslated_template_falls_back_to_the_source() -> None:
    text = Text("Other", "Hello {name}", {"name": "Ann"})

    assert text.render(FakeTranslator(GERMAN)) == "Hello Ann"


def test_arguments_are_not_translated() -> None:
    # An argument that happens to equal a template must come out verbatim.
    text = Text("Errors", "Request failed: {why}", {"why": "{count} ports"})

    assert text.render(FakeTranslator(GERMAN)) == "Anfrage fehlgeschlagen: {count} ports"


def test_missing_argument_raises() -> None:
    with pytest.raises(KeyError, match="end"):
        Text("Grants", "Access to {vm} until {end}", {"vm": "x"}).render()


def test_text_without_arguments() -> None:
    assert Text("Grants", "No grants").render(FakeTranslator(GERMAN)) == "No grants"


def test_translate_noop_marks_and_returns_the_source() -> None:
    assert QT_TRANSLATE_NOOP("Grants", "Access to {vm} until {end}") == "Access to {vm} until {end}"

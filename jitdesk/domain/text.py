"""Sentences for people, built in the Qt-free core and translated in the shell.

The core cannot call Qt's translator, so it marks each template with :func:`QT_TRANSLATE_NOOP`
(a no-op that Qt's ``lupdate`` recognises by name) and returns a :class:`Text`. The Qt shell
renders it through ``QCoreApplication.translate``; the command line renders the English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; return it unchanged.

    Named like Qt's macro on purpose: ``pyside6-lupdate`` finds the strings by this name.
    """
    return source


Translator = Callable[[str, str], str]


def _english(context: str, source: str) -> str:
    return source


@dataclass(frozen=True)
class Text:
    """A translatable template with named arguments, rendered late."""

    context: str
    template: str
    args: dict[str, Any] = field(default_factory=dict)

    def render(self, translate: Translator = _english) -> str:
        """Translate the template with ``translate`` and fill in the arguments."""
        values = {
            k: v.render(translate) if isinstance(v, Text) else v for k, v in self.args.items()
        }
        return translate(self.context, self.template).format(**values)

    def __str__(self) -> str:
        return self.render()

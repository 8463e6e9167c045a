"""Errors of the launch package, each with a sentence for people (a Text, translated late)."""

from __future__ import annotations

from jitdesk.domain.text import Text

C = "Launch"


class UnsafeValue(ValueError):
    """A host, port or user name that must not reach a command line; ``text`` names the field
    and the reason. str() is the English sentence."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


class BadTemplate(ValueError):
    """A launcher template (a JSON list of arguments) that cannot be used; ``text`` says why."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


class LaunchFailed(RuntimeError):
    """The client could not be started; ``text`` says what happened and what to do."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


class NoClient(LaunchFailed):
    """No known RDP or SSH client was found on this computer and none is set in the settings."""

"""Rendering the core's :class:`Text` in the user's language, and the shell's own words."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from jitdesk.domain.text import Text


def tr_text(text: Text) -> str:
    """Translate a core sentence with Qt's translator."""
    return text.render(lambda context, source: QCoreApplication.translate(context, source))


def local_time(value: datetime, with_date: bool = False) -> str:
    """A UTC time in the user's local time zone and locale format."""
    local = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000))
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        # No locale set (a bare X server, a service): ISO order reads well in any language.
        return local.toString("yyyy-MM-dd HH:mm" if with_date else "HH:mm")
    fmt = QLocale.FormatType.ShortFormat
    time_text = locale.toString(local.time(), fmt)
    if not with_date:
        return time_text
    return f"{locale.toString(local.date(), fmt)} {time_text}"

"""Qt widgets and item models. Only this package and :mod:`jitdesk.app` import PySide6."""

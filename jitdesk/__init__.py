"""jitdesk: Azure just-in-time VM access from the desktop."""

import time

__version__ = "0.1.0"

STARTED = time.perf_counter()
"""When the package was first imported: the zero of jitdesk's start-up measurements."""

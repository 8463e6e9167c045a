"""jitdesk: Azure just-in-time VM access from the desktop."""

__version__ = "0.1.0"

"""Use cases over the cloud layer. Qt-free; methods say which ones block."""

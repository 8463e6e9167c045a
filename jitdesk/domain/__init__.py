"""Domain model and rules of jitdesk. Pure Python: no I/O, no Qt, no Azure SDK."""

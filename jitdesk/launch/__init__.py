"""Reaching VMs: local routes, port probes and (later) RDP and SSH launchers. Qt-free."""

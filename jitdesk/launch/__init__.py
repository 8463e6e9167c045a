"""Reaching VMs: local routes, port probes, RDP and SSH launchers and .rdp files. Qt-free.

Nothing here builds a shell command: clients are argument lists checked value by value.
"""

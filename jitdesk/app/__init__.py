"""The Qt application: start-up, background tasks, bridges from the core to signals."""

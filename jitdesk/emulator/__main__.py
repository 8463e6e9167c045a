"""``python -m jitdesk.emulator``: see ``jitdesk.emulator.cli``."""

from jitdesk.emulator.cli import main

raise SystemExit(main())

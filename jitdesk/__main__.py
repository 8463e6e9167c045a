"""``python -m jitdesk``."""

import sys

from jitdesk.cli import main

sys.exit(main())

"""`python -m oic_tui`."""

import sys

from oic_tui.cli.main import main

sys.exit(main())

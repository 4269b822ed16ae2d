"""`python -m jobpulse` is the `jobpulse` command."""

import sys

from jobpulse.cli import main

sys.exit(main())

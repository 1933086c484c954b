"""Allow `python -m giamngheo …`."""

import sys

from giamngheo.cli import main

sys.exit(main())

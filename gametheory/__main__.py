"""``python -m gametheory``: the same command line as the ``gametheory`` script."""

import sys

from .cli import main

sys.exit(main())

"""The frozen app's entry point: a double-click opens the window; arguments work as for `shopguard`."""

import sys

from shopguard.cli import main

sys.exit(main())

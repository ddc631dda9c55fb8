import sys

from shopguard.cli import main

sys.exit(main())

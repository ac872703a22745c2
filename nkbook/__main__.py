"""`python -m nkbook`: validate every table in data/ (make book runs this before building)."""

import sys

from nkbook.data import main

sys.exit(main())

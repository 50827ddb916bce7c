"""`python -m demo`: run the tour."""

import sys

from demo.tour import main

sys.exit(main())

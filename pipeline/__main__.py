"""``python -m pipeline [--sources DIR] [--out DIR]``."""

import sys

from pipeline.build import main

sys.exit(main())

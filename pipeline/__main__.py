"""``python -m pipeline [--sources DIR] [--out DIR]``."""

import sys

try:
    from pipeline.build import main
except ModuleNotFoundError as exc:  # the dashboard's requirements.txt leaves the geo step's packages out
    sys.exit(f"pipeline: {exc.name} is not installed; rebuilding data/ needs the [pipeline] extra: "
             "`make data`, or `pip install -r requirements-dev.txt`")

sys.exit(main())

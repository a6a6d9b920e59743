"""``python -m bench``: run every benchmark and print its table."""

import runpy

for name in ("bench.api",):
    runpy.run_module(name, run_name="__main__")

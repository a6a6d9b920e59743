"""``python -m bench``: run every benchmark and print its table."""

import runpy

for name in ("bench.api", "bench.export", "bench.progress", "bench.load", "bench.briefing"):
    runpy.run_module(name, run_name="__main__")

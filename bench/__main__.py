"""``python -m bench``: run every benchmark and print its table."""

import runpy

for name in ("bench.api", "bench.pages", "bench.progress", "bench.export", "bench.briefing", "bench.load"):
    runpy.run_module(name, run_name="__main__")

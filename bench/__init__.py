"""Benchmarks: ``python -m bench [api ...]``; figures are written to bench/results/ and quoted in the README."""

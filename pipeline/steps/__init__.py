"""The steps, in the order they run: classifications first (every other step keeps only its ISO3
codes), derived last (it computes from what the others produced)."""

from pipeline.steps import classifications, wdi

STEPS = [classifications, wdi]

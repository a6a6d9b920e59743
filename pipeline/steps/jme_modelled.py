"""JME modelled step: the UNICEF/WHO/World Bank Joint Child Malnutrition Estimates' annual model series.

The JME publishes stunting and overweight as modelled annual estimates for every country and for
the World Bank's regions, income groups and the world; these, not the survey points of the wdi
step, are the figures UNICEF quotes ("22.0% of children under 5 were stunted in 2020"). They
become their own indicators (``stunting_modelled``, ``overweight_modelled``) beside the survey
points (``stunting``, ``overweight``), which keep their own progress rules. The files are World
Bank DDF by ``economy``: country rows become observations, the aggregates published rows.
"""

from __future__ import annotations

from pipeline.aggregates import economy_step
from pipeline.core import StepContext, StepOutput

NAME = "jme_modelled"
PRODUCER = "UNICEF/WHO/World Bank JME"


def run(ctx: StepContext) -> StepOutput:
    return economy_step(ctx, NAME, PRODUCER)

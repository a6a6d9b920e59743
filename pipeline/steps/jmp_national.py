"""JMP national step: WHO/UNICEF JMP basic hygiene and safely managed drinking water, total population.

The CCRI's hygiene file holds JMP's rural values (its water and sanitation files equal JMP's rural
series in every country), so the national basic hygiene series comes from here, as ``hygiene_basic``
with residence total; the CCRI's values stay in the same indicator as residence rural. Both files
are World Bank DDF by ``economy``: country rows become observations, the Bank's aggregates published
rows. A few drinking-water values are a hair over 100 (100.0000034, rounding noise) and are capped.
"""

from __future__ import annotations

from pipeline.aggregates import economy_step
from pipeline.core import StepContext, StepOutput

NAME = "jmp_national"
PRODUCER = "WHO/UNICEF JMP / World Bank"


def run(ctx: StepContext) -> StepOutput:
    return economy_step(ctx, NAME, PRODUCER)

"""wdi_ddf step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "wdi_ddf"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

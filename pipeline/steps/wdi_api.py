"""wdi_api step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "wdi_api"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

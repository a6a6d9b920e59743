"""uis step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "uis"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

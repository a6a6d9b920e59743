"""derived step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "derived"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

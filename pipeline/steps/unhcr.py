"""unhcr step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "unhcr"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

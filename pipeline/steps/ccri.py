"""ccri step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "ccri"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

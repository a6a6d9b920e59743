"""geo step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "geo"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

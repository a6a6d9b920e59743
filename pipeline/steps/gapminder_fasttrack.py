"""gapminder_fasttrack step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "gapminder_fasttrack"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

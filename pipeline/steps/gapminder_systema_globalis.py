"""gapminder_systema_globalis step (being written)."""

from pipeline.core import StepContext, StepOutput

NAME = "gapminder_systema_globalis"


def run(ctx: StepContext) -> StepOutput:
    return StepOutput()

"""The steps, in the order they run: classifications first (every other step keeps only its ISO3
codes), derived last (it computes from what the others produced)."""

from pipeline.steps import (ccri, classifications, derived, gapminder_fasttrack, gapminder_income,
                            gapminder_systema_globalis, geo, jme_modelled, jmp_national, uis, unhcr,
                            wb_income_history, wdi, wdi_api, wdi_ddf)

STEPS = [classifications, geo, wdi, wdi_api, wdi_ddf, gapminder_fasttrack, gapminder_systema_globalis, gapminder_income,
         wb_income_history, uis, unhcr, jme_modelled, jmp_national, ccri, derived]

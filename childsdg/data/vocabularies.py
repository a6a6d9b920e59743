"""The words the store is written in, named once for the pipeline that writes it and the app that reads it.

pipeline/core.py and pipeline/validate.py check the store against these; ``catalogue`` offers them to the
app (``catalogue.THEMES`` ...). Plain constants; the one import is gettext's marker (``childsdg.i18n`` needs
only Babel), so the pipeline can still use them without the app. Names shown to readers are English,
marked ``N_``: the app shows them as ``catalogue.theme_name(theme)``.
"""

from childsdg.i18n import N_

# The weight named in indicators.csv -> the indicator whose values are that weight (METHODS.md §2).
WEIGHT_INDICATORS = {
    "births": "live_births",
    "under5_population": "population_0_4",
    # Not in the list: the closest annual proxy we have for women aged 15-19 (the next cohort).
    # Weighting adolescent fertility by it lands within 9% of the World Bank's regional figures
    # (weighted by women 15-19); weighting by total population was up to 17% off.
    "children_0_14": "population_0_14",
    "population": "population",
    "children_0_17": "child_population",
}
COUNT_WEIGHT = "none"  # the weight of counts, which are summed, not averaged
SEXES = ("total", "female", "male")
RESIDENCES = ("total", "urban", "rural")
# A breakdown -> its two categories, compared first against second (gap = first - second).
BREAKDOWNS = {"sex": ("female", "male"), "residence": ("urban", "rural")}
THEMES = {
    "survival": N_("Child survival"),
    "early_childhood": N_("Early childhood development"),
    "environment": N_("Environment & climate"),
    "humanitarian": N_("Humanitarian"),
    "context": N_("Context"),
}
KINDS = ("modelled", "survey", "administrative", "derived")  # how a value was produced
POLARITIES = ("lower_is_better", "higher_is_better", "neutral")
# The languages the store carries beside English: indicator texts (indicator_texts.csv), group names
# (group_names.csv) and country names (countries.csv name_<lang>).
TRANSLATED_LANGUAGES = ("fr", "es", "ar")

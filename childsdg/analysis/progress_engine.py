"""Progress towards the 2030 targets, as METHODS.md §1 prescribes, for countries and for group aggregates.

Everything here works on plain tables (indicator, key, year, value), so the same code classifies a
country's own series and a group's weighted series (``api.aggregate``). The choices the method leaves
open are made here, once, and the pages explain them from these constants:

Rates and their basis
    Every rate is reported on the DISCRETE basis: the average relative change of the value per year,
    in %, signed so that positive means improving (falling for lower-is-better indicators, rising for
    higher-is-better ones; rising for neutral ones, which have no better direction). A reduction of
    5% a year means each year's value is 95% of the year before's. This is UNICEF's AARR for survey
    series, and, for annual modelled series, the continuous log ARR converted with
    ``discrete = 100 * (1 - e^(-ARR/100))`` (for rising indicators the same conversion, mirrored:
    ``100 * (e^(r/100) - 1)``). Observed and required rates are always on the same basis. UNICEF's
    comparisons (on track, "more than double") use the continuous log rates its rule is written in
    (the conversion keeps their order, but not the factor 2); the ratio method's R uses the discrete
    compound growth rates, as Statistics Canada defines it.

Observed rate (``fit``)
    Annual series (modelled, administrative, derived): the log ARR between the window's first value
    and the latest value, ``100 / (t2 - t1) * ln(M_t1 / M_t2)`` ('endpoints'). Survey series
    (catalogue kind 'survey'), and group aggregates of them: UNICEF's least-squares fit of
    ``ln(P) = a + b * year`` over the points in the window, ``AARR = (1 - e^b) * 100``
    ('regression'), which copes with gaps and with one odd survey better than two end points do.

Window
    From ``start`` (default 2015, the SDG era; the pages offer 2000 and 2010 too, WINDOW_STARTS) to
    the latest observation. Only observations from ``start`` on count, for the latest value as well:
    a country whose every value predates the window has status 'no_data' for that window.
    ``window_start_year`` is the first year used, ``n_points`` the number of values the rate rests on.

Minimum data (MIN_POINTS)
    Two values in different years, for either fit: two points define a line, and UNICEF's
    "insufficient trend data" is "fewer than two values in the window". Fewer gives
    'insufficient_data' (unless the latest value already meets the target: that needs one value).
    Two values of the same year (two surveys, or a group's duplicated year) are one year, not a trend.

Zeros
    A log rate cannot start from zero. The window's rate starts at its first positive value (zeros
    before it are skipped: a vaccine not yet introduced has no growth rate), and a survey fit leaves
    zero points out. A zero LATEST value is kept: it meets any target of a lower-is-better indicator,
    and for a rising indicator it is a fall of 100% (its rate is -100% a year).

Required rate, projection, year reached
    Required: from the latest year to the target in 2030, ``100 / (2030 - t) * ln(M_t / T)``, for
    targets not yet met (NaN otherwise). A target of zero (child labour, out-of-school) cannot be
    reached at any constant rate: its required rate is 100% a year on the discrete basis (infinite in
    logs), so every country not at zero needs to more than double its pace. Projection:
    ``M_t * exp(-ARR_obs/100 * (2030 - t))`` (percentages capped at 100). Year the target is reached:
    the first whole year at or past ``t + 100 * ln(M_t / T) / ARR_obs``, only when improving and the
    target is not yet met; NaN beyond HORIZON_YEAR (2100).

Latest year at or after 2030
    No years are left to reach the target: the required rate and the 2030 projection are NaN (a
    rate "from 2031 to 2030" would be negative), and a target not met is graded 'target_missed'
    (acceleration_needed, severe).

Relative targets (catalogue target_relative_change, target_baseline_year)
    The country's target is its baseline value times ``1 + change / 100`` (stunting: half its 2012
    level). The baseline value is the observation nearest to the baseline year, at most
    BASELINE_YEARS (3) years away, the earlier one on a tie: survey countries rarely measured in
    2012 itself, and a survey from 2009-2015 still describes "around 2012". Without one, the status
    is 'insufficient_data' with grade 'no_baseline'.

Classification (``status``, with ``severe`` and the finer ``grade``)
    Lower-is-better indicators (method 'arr' or 'aarr'), UNICEF's rule: target_met when ``M_t <= T``;
    on_track when ``ARR_obs >= ARR_req``; else acceleration_needed, severe when ``ARR_obs <= 0`` or
    ``ARR_req / ARR_obs > 2`` (grades 'deterioration', 'no_progress', 'pace_must_double').
    Higher-is-better indicators (method 'ratio'), the Open SDG / Statistics Canada ratio
    ``R = rate_observed / rate_required`` of compound annual growth rates: target_met when the
    level is reached; on_track when R >= 95%; acceleration_needed when 60% <= R < 95%; limited
    progress (0 <= R < 60%) and deterioration (R < 0) are acceleration_needed with severe=True and
    grade 'limited_progress' or 'deterioration'. One departure from Statistics Canada, whose growth
    needed runs from the base year: here it runs from the latest year, as UNICEF's required rate
    does, so that one required rate is shown for every method, it is positive whenever the target is
    not met, and R never divides by a zero or negative need (a base year already at the target).
    Note that R between 95% and 100% is on track although the projection falls just short.
    Indicators without a target get their rates and projection but no classification: status
    'no_target' (or 'insufficient_data' / 'no_data' when the data are short).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from childsdg.i18n import N_

TARGET_YEAR = 2030
DEFAULT_START = 2015
WINDOW_STARTS = (2000, 2010, 2015)
MIN_POINTS = 2
BASELINE_YEARS = 3
SEVERE_PACE = 2.0  # "needs to more than double its pace" (METHODS.md §1)
ON_TRACK_RATIO = 0.95  # Statistics Canada's thresholds for R
ACCELERATION_RATIO = 0.60
HORIZON_YEAR = 2100  # a year the target is reached later than this is not reported
PERCENT_MAX = 100.0  # a share cannot exceed the whole: projections of percentages stop there

STATUSES = ("target_met", "on_track", "acceleration_needed", "insufficient_data", "no_data", "no_target")
GRADES = {  # English, marked N_: shown as status.grade_text(grade)
    "target_met": N_("The latest value meets the 2030 target."),
    "on_track": N_("At the observed pace the target is reached by 2030 (ratio method: R >= 95%)."),
    "acceleration_needed": N_("Improving, but too slowly to reach the target by 2030 (ratio method: 60% <= R < 95%)."),
    "pace_must_double": N_("Improving, but the pace must more than double to reach the target by 2030."),
    "limited_progress": N_("Rising at less than 60% of the growth needed (ratio method: 0 <= R < 60%)."),
    "no_progress": N_("No change over the window."),
    "deterioration": N_("Moving away from the target."),
    "target_missed": N_("The latest value, from 2030 or later, does not meet the 2030 target."),
    "insufficient_data": N_("Fewer than two values in the window: no trend."),
    "no_baseline": N_("No value near the baseline year of the relative target, so no target for this country."),
    "no_data": N_("No value in the window."),
    "no_target": N_("The indicator has no 2030 target: trend only."),
}
COLUMNS = ["indicator", "key", "latest_year", "latest_value", "window_start_year", "n_points", "method", "fit",
           "rate_observed", "rate_required", "ratio", "projection_2030", "year_target_reached", "target",
           "target_baseline_year", "target_baseline_value", "status", "severe", "grade"]
# Grades that are 'acceleration_needed' with severe=True.
SEVERE_GRADES = ("pace_must_double", "limited_progress", "no_progress", "deterioration", "target_missed")


def has_target(specs: pd.DataFrame) -> pd.Series:
    """Which catalogue rows carry a 2030 target, absolute or relative (a boolean per row)."""
    return specs["target_2030"].notna() | specs["target_relative_change"].notna()


def history_start(specs: pd.DataFrame, start: int) -> int:
    """The first year a computation from ``start`` needs: relative targets look back to their baseline."""
    baselines = specs["target_baseline_year"].dropna()
    return int(min([start, *(baselines - BASELINE_YEARS)]))


def direction(polarity) -> np.ndarray:
    """-1 where lower is better, +1 elsewhere: multiplies a log change into an 'improving' rate."""
    return np.where(np.asarray(polarity) == "lower_is_better", -1.0, 1.0)


def discrete(continuous, sign) -> np.ndarray:
    """An improving continuous (log) rate in % a year -> the discrete rate on the same sign convention.

    Lower-is-better (sign -1): ``100 * (1 - e^(-ARR/100))`` (METHODS.md §1). Higher-is-better (+1):
    ``100 * (e^(r/100) - 1)``, the compound annual growth rate.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        return sign * 100.0 * np.expm1(sign * np.asarray(continuous, dtype=float) / 100.0)


def runs(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in ``codes`` (sorted, so each group is one run)."""
    codes = np.asarray(codes)
    return np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else np.zeros(0, int)


def run_ends(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal values ends in ``codes`` (the last position of each group)."""
    starts = runs(codes)
    return np.r_[starts[1:], len(codes)].astype(int)[:len(starts)] - 1


def trend(codes, years, values, regression: bool) -> pd.DataFrame:
    """Per group (run of equal ``codes``; arrays sorted by code, then year): the slope of ln(value) a year.

    ``regression`` False: between the first and the last point (the last may be 0: slope -inf).
    True: least squares over every point (all positive). Returns a frame indexed by code with
    first_year, last_year, n_points and slope (NaN with points in fewer than MIN_POINTS different
    years: two values of the same year are no trend). Plain numpy
    over contiguous runs: a pandas groupby on two string keys cost ten times as much.
    """
    codes, years, values = np.asarray(codes), np.asarray(years, float), np.asarray(values, float)
    starts, ends = runs(codes), run_ends(codes)
    n = ends - starts + 1
    new_year = np.r_[True, (codes[1:] != codes[:-1]) | (years[1:] != years[:-1])] if len(codes) else np.zeros(0)
    n_years = np.add.reduceat(new_year.astype(int), starts) if len(codes) else np.zeros(0, int)
    with np.errstate(divide="ignore", invalid="ignore"):
        if not len(codes):
            slope = np.zeros(0)
        elif regression:
            x = years - TARGET_YEAR  # centred, so that the sums stay small
            y = np.log(values)
            sx, sy, sxx, sxy = (np.add.reduceat(column, starts) for column in (x, y, x * x, x * y))
            slope = (n * sxy - sx * sy) / (n * sxx - sx ** 2)
        else:
            slope = (np.log(values[ends]) - np.log(values[starts])) / (years[ends] - years[starts])
    return pd.DataFrame({"first_year": years[starts], "last_year": years[ends], "n_points": n,
                         "slope": np.where(n_years >= MIN_POINTS, slope, np.nan)}, index=codes[starts])


def _baselines(code: np.ndarray, year: np.ndarray, value: np.ndarray, baseline_year: np.ndarray) -> pd.DataFrame:
    """Per group code, the observation nearest its relative target's baseline year (see module doc).

    ``baseline_year`` is per row (NaN for indicators without a relative target).
    """
    distance = np.abs(year - baseline_year)
    near = np.flatnonzero(distance <= BASELINE_YEARS)
    order = near[np.lexsort((year[near], distance[near], code[near]))]
    first = order[runs(code[order])]
    return pd.DataFrame({"target_baseline_year": year[first], "target_baseline_value": value[first]},
                        index=code[first])


def assess(observations: pd.DataFrame, specs: pd.DataFrame, start: int, keys: list[str]) -> pd.DataFrame:
    """Classify every indicator of ``specs`` x every key of ``keys`` from ``observations``.

    ``observations``: columns indicator, key (an ISO3 or a group code), year, value; rows of other
    indicators or keys are ignored. ``specs``: catalogue rows indexed by indicator id (polarity,
    kind, unit_kind, target_2030, target_relative_change, target_baseline_year). Survey indicators
    (catalogue kind) get the regression fit, the others end points. Returns COLUMNS, one row per
    (indicator, key) in that order (keys without values: 'no_data'); rates in % a year, positive =
    improving.

    The work is plain numpy on integer pair codes: pandas operations on string columns cost
    several times more, and this runs for every indicator x country inside a page rerun.
    """
    key_index = pd.Index(list(keys))
    n_keys = len(key_index)
    indicator_at = specs.index.get_indexer(observations["indicator"])
    key_at = key_index.get_indexer(observations["key"])
    pair = indicator_at * n_keys + key_at
    year, value = observations["year"].to_numpy(float), observations["value"].to_numpy(float)
    usable = (indicator_at >= 0) & (key_at >= 0) & ~np.isnan(value)
    order = np.flatnonzero(usable)
    order = order[np.lexsort((year[order], pair[order]))]
    code, year, value = pair[order], year[order], value[order]

    n_rows = len(specs) * n_keys
    columns = {name: np.full(n_rows, np.nan) for name in (
        "latest_year", "latest_value", "first_year", "n_points", "slope", "target_baseline_year",
        "target_baseline_value")}
    survey = (specs["kind"] == "survey").to_numpy(bool)
    row_survey = survey[code // n_keys]
    in_window = year >= start
    last = np.flatnonzero(in_window)
    last = last[run_ends(code[last])]
    columns["latest_year"][code[last]], columns["latest_value"][code[last]] = year[last], value[last]
    positive = in_window & (value > 0)
    first_positive = np.full(n_rows, np.inf)
    firsts = np.flatnonzero(positive)[runs(code[positive])]
    first_positive[code[firsts]] = year[firsts]
    ends = in_window & ~row_survey & (year >= first_positive[code])
    fitted = positive & row_survey
    baseline_year = specs["target_baseline_year"].to_numpy(float)[code // n_keys]
    for part in (trend(code[ends], year[ends], value[ends], regression=False),
                 trend(code[fitted], year[fitted], value[fitted], regression=True),
                 _baselines(code, year, value, baseline_year)):
        for name in part.columns.intersection(list(columns)):
            columns[name][part.index.to_numpy(int)] = part[name].to_numpy(float)

    spec_row = np.repeat(np.arange(len(specs)), n_keys)
    spec = {name: specs[name].to_numpy()[spec_row] for name in ("polarity", "unit_kind", "target_2030",
                                                                "target_relative_change")}
    spec["with_target"] = has_target(specs).to_numpy(bool)[spec_row]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        table = _classify(columns, spec, survey[spec_row])
    table = pd.DataFrame({"indicator": specs.index.to_numpy(object)[spec_row],
                          "key": np.tile(key_index.to_numpy(object), len(specs)), **table})
    return table


def _classify(columns: dict[str, np.ndarray], spec: dict[str, np.ndarray], survey: np.ndarray) -> dict:
    """Rates, target, projection and status from each row's trend, latest value and catalogue spec."""
    sign = direction(spec["polarity"])
    latest, t, slope = columns["latest_value"], columns["latest_year"], columns["slope"]
    relative = spec["target_relative_change"].astype(float)
    target = np.where(np.isnan(relative), spec["target_2030"].astype(float),
                      columns["target_baseline_value"] * (1 + relative / 100))
    with_target = spec["with_target"]
    ratio_method = with_target & (spec["polarity"] == "higher_is_better")
    observed = sign * 100 * slope  # continuous, positive = improving
    met = with_target & ~np.isnan(latest) & (sign * (latest - target) >= 0)
    years_left = TARGET_YEAR - t
    past = years_left <= 0  # no years left: no required rate, no projection (see module doc)
    gap = sign * 100 * np.log(target / latest)  # continuous distance to the target, positive when not met
    required = np.where(met | past, np.nan, gap / np.where(past, np.nan, years_left))
    reach = np.ceil(t + gap / observed - 1e-9)
    reach = np.where(~met & (observed > 0) & (reach <= HORIZON_YEAR), reach, np.nan)
    projection = latest * np.exp(sign * observed / 100 * years_left)
    projection = np.where(spec["unit_kind"] == "percent", np.minimum(projection, PERCENT_MAX), projection)
    projection = np.where(past, np.nan, projection)
    rate_observed, rate_required = discrete(observed, sign), discrete(required, sign)
    ratio = np.where(ratio_method, rate_observed / rate_required, np.nan)

    grade = np.select(
        [np.isnan(latest), ~with_target & np.isnan(observed), ~with_target,
         np.isnan(target), met, past, np.isnan(observed),
         ratio_method & (ratio >= ON_TRACK_RATIO), ratio_method & (ratio >= ACCELERATION_RATIO),
         ratio_method & (rate_observed >= 0), ratio_method,
         observed >= required, observed < 0, observed == 0, required > SEVERE_PACE * observed],
        ["no_data", "insufficient_data", "no_target",
         "no_baseline", "target_met", "target_missed", "insufficient_data",
         "on_track", "acceleration_needed",
         "limited_progress", "deterioration",
         "on_track", "deterioration", "no_progress", "pace_must_double"],
        "acceleration_needed").astype(object)
    severe = np.isin(grade, SEVERE_GRADES)
    status = np.where(severe, "acceleration_needed", np.where(grade == "no_baseline", "insufficient_data", grade))
    return {"latest_year": pd.array(t, dtype="Int64"), "latest_value": latest,
            "window_start_year": pd.array(columns["first_year"], dtype="Int64"),
            "n_points": np.nan_to_num(columns["n_points"]).astype(int),
            "method": np.where(ratio_method, "ratio", np.where(survey, "aarr", "arr")),
            "fit": np.where(survey, "regression", "endpoints"),
            "rate_observed": rate_observed, "rate_required": rate_required, "ratio": ratio,
            "projection_2030": projection, "year_target_reached": pd.array(reach, dtype="Int64"),
            "target": target, "target_baseline_year": pd.array(columns["target_baseline_year"], dtype="Int64"),
            "target_baseline_value": columns["target_baseline_value"],
            "status": status, "severe": severe, "grade": grade}

"""South-South peers (METHODS.md §3): who once stood where a country stands today, and then did better.

For a focal country at level ``L`` (its latest value), a peer is another Global South country whose
series once came within ``tolerance`` of ``L`` (default ±15%) and then improved faster than the focal
country improves now. The rules the pages explain:

Stood at the level (``year_at_level``)
    Only observed values count: survey points are not interpolated, because a made-up value between
    two surveys would put a country "at your level" in a year nobody measured it (with ±15% and the
    usual 3-5 years between surveys, a country passing through ``L`` almost always has a point in the
    band). The peer's values within the band form runs of consecutive observations ("visits"); the
    LAST visit counts, since the trajectory after it is the one that took the country away from
    ``L``, and within it the value nearest to ``L`` (the later year on a tie). Only visits that leave
    MIN_FOLLOW_YEARS of data after them count: a country at ``L`` last year has no record to learn from.

Rate achieved (``rate_achieved``, ``years_followed``)
    Over the HORIZON_YEARS (10) years from ``year_at_level``, or to the peer's latest value if
    sooner, by the same fit as the progress engine (end points for annual series, least-squares on
    the log for survey series), on the same discrete basis: % a year, positive = improving. The
    horizon must cover at least MIN_FOLLOW_YEARS (5). Peers are those whose rate beats the focal
    country's own current rate (``api.progress`` from 2015; 0 when it has none or is worsening),
    ranked fastest first.

Reaching the target (``target_year_reached``, ``years_to_target``)
    The target is the FOCAL country's 2030 target (for a relative target, its own baseline-based
    value): the question is how long the peer took to go from where the focal country is to where it
    must get. The first observed year from ``year_at_level`` on in which the peer's value met it.

Rebound (``rebound``)
    A fast fall may only undo a crisis spike (a war, an epidemic, an earthquake in mortality
    series). The peer is flagged when, in the REBOUND_YEARS (5) years before ``year_at_level``, its
    value had been better than at ``year_at_level`` by more than REBOUND_MARGIN (10%): lower by more
    than 10% for lower-is-better indicators, higher by more than 10% for rising ones.
    ``rebound_year`` and ``rebound_value`` name that better value (the best one in those years; a
    peer without values in those years is not flagged: there is no evidence). Ordinary declining
    series have worse (higher) values before, so they are not flagged; 10% is above the
    year-to-year noise of modelled series, so a flag means the country had recently been clearly
    better off. Survey series are noisier: a flag there may also mean one high survey.

Context: region, income group and fragility are today's classifications; population and GDP per
capita (PPP) are those of ``year_at_level`` (NaN where the series does not reach back that far:
GDP PPP starts in 1990).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from childsdg import formatting, progress

DEFAULT_TOLERANCE = 0.15
HORIZON_YEARS = 10
MIN_FOLLOW_YEARS = 5
REBOUND_YEARS = 5
REBOUND_MARGIN = 0.10
# Context values read in the year a peer stood at the level: column -> indicator id.
CONTEXT_INDICATORS = {"population": "population", "gdp_per_capita": "gdp_per_capita_ppp"}
COLUMNS = ["iso3", "year_at_level", "value_at_level", "rate_achieved", "years_followed", "years_to_target",
           "target_year_reached", "latest_year", "rebound", "rebound_year", "rebound_value"]


def _first_per_group(rows: np.ndarray, group: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Of ``rows`` (indices), the first of each group after sorting by ``keys`` (the first key sorts first)."""
    order = rows[np.lexsort([key[rows] for key in reversed(keys)] + [group[rows]])]
    return order[progress.runs(group[order])]


def find(series: pd.DataFrame, level: float, polarity: str, regression: bool, target: float,
         faster_than: float, tolerance: float = DEFAULT_TOLERANCE) -> pd.DataFrame:
    """Peers in ``series`` (columns iso3, year, value: the candidates only) for a focal level.

    ``faster_than``: the rate (% a year, positive = improving) a peer must beat. Returns COLUMNS,
    fastest first (ties by iso3); rates on progress.py's discrete basis.
    """
    value = series["value"].to_numpy(float)
    known = ~np.isnan(value)
    group, names = pd.factorize(series["iso3"].to_numpy(object)[known])
    year, value = series["year"].to_numpy(float)[known], value[known]
    order = np.lexsort((year, group))  # numpy on codes: a pandas sort on the string column cost as much as the rest
    group, year, value = group[order], year[order], value[order]
    new_country = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, bool)
    n_groups = len(names)
    sign = float(progress.direction(polarity))
    last_year = year[progress.run_ends(group)]

    eligible = (np.abs(value - level) <= tolerance * level) & (year <= last_year[group] - MIN_FOLLOW_YEARS)
    visit = np.cumsum(new_country | np.r_[True, eligible[1:] != eligible[:-1]])
    last_visit = np.zeros(n_groups, int)
    np.maximum.at(last_visit, group[eligible], visit[eligible])
    chosen = _first_per_group(np.flatnonzero(eligible & (visit == last_visit[group])), group,
                              np.abs(value - level), -year)
    y0 = np.full(n_groups, np.nan)
    v0 = np.full(n_groups, np.nan)
    y0[group[chosen]], v0[group[chosen]] = year[chosen], value[chosen]

    after = (year >= y0[group]) & (year <= y0[group] + HORIZON_YEARS) & ((value > 0) | (not regression))
    fit = progress.trend(group[after], year[after], value[after], regression=regression)
    rate = np.full(n_groups, np.nan)
    followed = np.full(n_groups, np.nan)
    rate[fit.index] = progress.discrete(sign * 100 * fit["slope"].to_numpy(), sign)
    followed[fit.index] = fit["last_year"].to_numpy() - y0[fit.index]

    reached_rows = _first_per_group(np.flatnonzero((year >= y0[group]) & (sign * (value - target) >= 0)),
                                    group, year)
    reached = np.full(n_groups, np.nan)
    reached[group[reached_rows]] = year[reached_rows]

    score = sign * value  # higher = better
    before = _first_per_group(np.flatnonzero((year >= y0[group] - REBOUND_YEARS) & (year < y0[group])),
                              group, -score, year)
    before = before[score[before] > sign * v0[group[before]] + REBOUND_MARGIN * v0[group[before]]]
    rebound_year = np.full(n_groups, np.nan)
    rebound_value = np.full(n_groups, np.nan)
    rebound_year[group[before]], rebound_value[group[before]] = year[before], value[before]

    bar = 0.0 if np.isnan(faster_than) else max(float(faster_than), 0.0)
    with np.errstate(invalid="ignore"):
        keep = (followed >= MIN_FOLLOW_YEARS) & (rate > bar)
    keep = np.flatnonzero(keep)
    keep = keep[np.lexsort((names[keep].astype(str), -rate[keep]))]
    whole = {"year_at_level": y0, "years_followed": followed, "years_to_target": reached - y0,
             "target_year_reached": reached, "latest_year": last_year, "rebound_year": rebound_year}
    table = {"iso3": names[keep].astype(object), "value_at_level": v0[keep], "rate_achieved": rate[keep],
             "rebound": ~np.isnan(rebound_year[keep]), "rebound_value": rebound_value[keep],
             **{column: pd.array(values[keep], dtype="Int64") for column, values in whole.items()}}
    return pd.DataFrame({column: table[column] for column in COLUMNS})


def trajectories(series: pd.DataFrame, found: pd.DataFrame, focal: str, focal_year: int) -> pd.DataFrame:
    """Level-aligned lines for the chart: x = years since standing at the level.

    ``series``: iso3, year, value for the focal country and the peers; ``found``: rows of ``find``.
    The focal country's last HORIZON_YEARS up to ``focal_year`` (x from -10 to 0: it stands at the
    level now) and each peer's values from its ``year_at_level`` on (x from 0).
    Columns: iso3, role ('focal' or 'peer'), year, value, years_since_level.
    """
    own = series[(series["iso3"] == focal) & series["year"].between(focal_year - HORIZON_YEARS, focal_year)]
    own = own.assign(role="focal", years_since_level=own["year"] - focal_year)
    start = series["iso3"].map(found.set_index("iso3")["year_at_level"])
    theirs = series[start.notna() & (series["year"] >= start)]
    theirs = theirs.assign(role="peer", years_since_level=theirs["year"] - start[theirs.index])
    lines = pd.concat([own, theirs])[["iso3", "role", "year", "value", "years_since_level"]]
    lines["years_since_level"] = lines["years_since_level"].astype(int)
    return lines.dropna(subset=["value"]).reset_index(drop=True)


def reading(peer: Mapping, focal_name: str, indicator: Mapping) -> str:
    """The plain-language reading of one peer, generated from its row (api.peers).

    'Cambodia stood at Niger's current level in 1999 (112.1 per 1,000; Niger now: 110.7 per 1,000)
    and then reduced it by 8.3% a year for 10 years, reaching the 2030 target (25.0 per 1,000) in 2018.'
    ``peer`` needs name, year_at_level, value_at_level, rate_achieved, years_followed,
    target_year_reached, latest_year, rebound, rebound_year, rebound_value, level, target;
    ``indicator`` the catalogue's polarity and unit_kind.
    """
    unit = indicator["unit_kind"]
    falling = indicator["polarity"] == "lower_is_better"
    years = int(peer["years_followed"])
    text = (f"{peer['name']} stood at {focal_name}'s current level in {int(peer['year_at_level'])} "
            f"({formatting.number(peer['value_at_level'], unit)}; {focal_name} now: "
            f"{formatting.number(peer['level'], unit)}) and then {'reduced' if falling else 'raised'} it by "
            f"{float(peer['rate_achieved']):.1f}% a year for {years} year{'' if years == 1 else 's'}")
    if formatting.is_missing(peer["target"]):
        text += "."
    elif formatting.is_missing(peer["target_year_reached"]):
        text += (f"; it had not reached the 2030 target ({formatting.number(peer['target'], unit)}) "
                 f"by its latest data ({int(peer['latest_year'])}).")
    else:
        text += (f", reaching the 2030 target ({formatting.number(peer['target'], unit)}) "
                 f"in {int(peer['target_year_reached'])}.")
    if peer["rebound"]:
        text += (f" Caution: in {int(peer['rebound_year'])} its value had been "
                 f"{formatting.number(peer['rebound_value'], unit)}, markedly {'lower' if falling else 'higher'} "
                 f"than in {int(peer['year_at_level'])}, so part of this {'fall' if falling else 'rise'} "
                 f"may be a recovery from a crisis or setback rather than steady progress.")
    return text

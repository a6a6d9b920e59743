"""South-South peers (METHODS.md §3): who once stood where a country stands today, in circumstances
like its own, and then did better.

For a focal country at level ``L`` (its latest value), a candidate is another Global South country
whose series once came within ``tolerance`` of ``L`` (default ±15%). A peer is a candidate that was
comparable at the time (``Criteria``) and then improved faster than the focal country improves now.
The rules the pages explain:

Stood at the level (``find``: ``year_at_level``)
    Only observed values count: survey points are not interpolated, because a made-up value between
    two surveys would put a country "at your level" in a year nobody measured it. The candidate's
    values within the band form runs of consecutive observations ("visits"); the LAST visit counts
    (from ``since`` on, when an era is set), since the trajectory after it is the one that took the
    country away from ``L``, and within it the value nearest to ``L`` (the later year on a tie).
    Only visits that leave MIN_FOLLOW_YEARS of data after them count.

Rate achieved (``rate_achieved``, ``rate_robust``, ``years_followed``)
    A least-squares fit of ln(value) on the year over every observation from ``year_at_level`` to
    HORIZON_YEARS (10) later (or the latest value if sooner, at least MIN_FOLLOW_YEARS), as UNICEF
    fits survey series, on the progress engine's discrete basis (% a year, positive = improving).
    A fit uses every year, so a crisis spike or one odd survey weighs one point in eleven instead of
    being one of two end points. ``rate_robust`` is the slowest of the fits with any one point left
    out: a candidate counts as faster than the focal country only when both rates beat the focal
    country's own current rate (``api.progress`` from 2015; 0 when it has none or is worsening), so
    one odd year cannot make a peer. With fewer than three points there is nothing to leave out.

Comparable then (``screen``; each criterion a default the reader can loosen)
    - income: the candidate's GDP per capita (PPP) relative to the world's in ``year_at_level``
      within ``income_factor`` (3) of the focal country's relative income now; or, with the World
      Bank measure, its income class for that year's GNI the focal country's class now;
    - scale: population in ``year_at_level`` at least ``min_population`` (1 million), or a tenth of
      the focal country's population when that is less;
    - era: standing at the level in ``since`` (1990) or later;
    - optional: same region (UNICEF's, else the World Bank's), fragile (the OECD 2025 list: the
      sources have no history of fragility, so it is today's), landlocked (LLDC), small island (SIDS).
    A value the sources do not have (a population or income for that year) fails its criterion.

Ranking
    Comparable candidates that improved faster, fastest first by ``rate_achieved``; rebounds after
    the others, still flagged. The fastest regardless of context is ``Criteria.regardless()``.

Reaching the target (``target_year_reached``, ``years_to_target``)
    The FOCAL country's 2030 target (for a relative target, its own baseline-based value): the
    first observed year from ``year_at_level`` on in which the candidate's value met it.

Rebound (``rebound``)
    Flagged when, in the REBOUND_YEARS (5) years before ``year_at_level``, the value had been better
    than at ``year_at_level`` by more than REBOUND_MARGIN (10%). ``rebound_year`` and
    ``rebound_value`` name that better value (the best one in those years; no values, no flag).

What moved with it (``moved``)
    For each peer's decade, the change in the indicators the catalogue lists as the headline's
    ``peer_drivers``: the value nearest the decade's start and end (survey points within
    DRIVER_YEARS), beside the focal country's latest value. Annual flows (growth, net aid:
    unit kinds in FLOW_UNIT_KINDS) are averaged over the decade instead. Association, not cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from childsdg import formatting
from childsdg.analysis import progress_engine
from childsdg.i18n import N_, _, ngettext

DEFAULT_TOLERANCE = 0.15
HORIZON_YEARS = 10
MIN_FOLLOW_YEARS = 5
REBOUND_YEARS = 5
REBOUND_MARGIN = 0.10
DEFAULT_INCOME_FACTOR = 3.0
DEFAULT_MIN_POPULATION = 1_000_000
POPULATION_SHARE = 0.1  # "or a tenth of the focal country's, if less"
DEFAULT_SINCE = 1990
# Names shown to readers are English, marked N_: shown as ``_(name)``.
INCOME_MEASURES = {"gdp": N_("GDP per capita (PPP) relative to the world's"), "class": N_("World Bank income class")}
CLASS_NAMES = {"L": N_("low income"), "LM": N_("lower-middle income"), "UM": N_("upper-middle income"),
               "H": N_("high income")}
DRIVER_YEARS = 3  # how far from a decade's start or end a driver's value may be
FLOW_UNIT_KINDS = ("percent_change", "currency_signed")
# Context values read in the year a candidate stood at the level: column -> indicator id.
CONTEXT_INDICATORS = {"population": "population", "income_relative": "income_relative_world",
                      "gdp_per_capita": "gdp_per_capita_ppp_long"}
# Each criterion: (column of the screen, the flag it needs).
CRITERIA = ("era", "income", "population", "region", "fragile", "landlocked", "small_island")
COLUMNS = ["iso3", "year_at_level", "value_at_level", "rate_achieved", "rate_robust", "years_followed",
           "years_to_target", "target_year_reached", "latest_year", "rebound", "rebound_year", "rebound_value",
           "faster"]


@dataclass(frozen=True)
class Criteria:
    """What makes a candidate comparable (METHODS.md §3, step 2); None switches a criterion off."""

    income_factor: float | None = DEFAULT_INCOME_FACTOR
    income_measure: str = "gdp"
    min_population: float | None = DEFAULT_MIN_POPULATION
    since: int | None = DEFAULT_SINCE
    same_region: bool = False
    fragile: bool = False
    landlocked: bool = False
    small_island: bool = False

    def __post_init__(self):
        if self.income_measure not in INCOME_MEASURES:
            raise ValueError(f"income_measure must be one of {', '.join(INCOME_MEASURES)}, not {self.income_measure!r}")
        if self.income_factor is not None and not float(self.income_factor) >= 1:
            raise ValueError(f"income_factor must be at least 1 (3 = within 3x), not {self.income_factor!r}")
        if self.min_population is not None and not float(self.min_population) >= 0:
            raise ValueError(f"min_population must be a number of people, not {self.min_population!r}")

    @classmethod
    def regardless(cls) -> Criteria:
        """The second view: the fastest regardless of context (no income, scale or era test)."""
        return cls(income_factor=None, min_population=None, since=None)


def _first_per_group(rows: np.ndarray, group: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Of ``rows`` (indices), the first of each group after sorting by ``keys`` (the first key sorts first)."""
    order = rows[np.lexsort([key[rows] for key in reversed(keys)] + [group[rows]])]
    return order[progress_engine.runs(group[order])]


def _slopes_without_one(group: np.ndarray, x: np.ndarray, y: np.ndarray, n_groups: int
                        ) -> tuple[np.ndarray, np.ndarray]:
    """Per group, the least-squares slopes of ``y`` on ``x`` with each point left out in turn: (the
    largest, the smallest). Groups of fewer than 3 points get NaN (one point left has no slope)."""
    sums = [np.bincount(group, weights=w, minlength=n_groups) for w in (np.ones_like(x), x, y, x * x, x * y)]
    n, sx, sy, sxx, sxy = (s[group] for s in sums)
    n, sx, sy, sxx, sxy = n - 1, sx - x, sy - y, sxx - x * x, sxy - x * y
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = (n * sxy - sx * sy) / (n * sxx - sx ** 2)
    slope = np.where(n >= 2, slope, np.nan)
    worst_up, worst_down = np.full(n_groups, -np.inf), np.full(n_groups, np.inf)
    np.maximum.at(worst_up, group, np.nan_to_num(slope, nan=-np.inf))
    np.minimum.at(worst_down, group, np.nan_to_num(slope, nan=np.inf))
    return np.where(np.isfinite(worst_up), worst_up, np.nan), np.where(np.isfinite(worst_down), worst_down, np.nan)


def find(series: pd.DataFrame, level: float, polarity: str, target: float, faster_than: float,
         tolerance: float = DEFAULT_TOLERANCE, since: int | None = None) -> pd.DataFrame:
    """Every candidate in ``series`` (iso3, year, value) that stood at ``level`` from ``since`` on.

    ``faster_than``: the rate (% a year, positive = improving) a peer must beat; ``faster`` says who
    did (both the fitted and the leave-one-out rate). Returns COLUMNS, one row per candidate, in the
    peers' order (faster first, rebounds after the others, then fastest first, ties by iso3).
    """
    value = series["value"].to_numpy(float)
    known = ~np.isnan(value)
    group, names = pd.factorize(series["iso3"].to_numpy(object)[known])
    year, value = series["year"].to_numpy(float)[known], value[known]
    order = np.lexsort((year, group))  # numpy on codes: a pandas sort on the string column cost as much as the rest
    group, year, value = group[order], year[order], value[order]
    new_country = np.r_[True, group[1:] != group[:-1]] if len(group) else np.zeros(0, bool)
    n_groups = len(names)
    sign = float(progress_engine.direction(polarity))
    last_year = year[progress_engine.run_ends(group)]

    eligible = (np.abs(value - level) <= tolerance * level) & (year <= last_year[group] - MIN_FOLLOW_YEARS)
    if since is not None:
        eligible &= year >= since
    visit = np.cumsum(new_country | np.r_[True, eligible[1:] != eligible[:-1]])
    last_visit = np.zeros(n_groups, int)
    np.maximum.at(last_visit, group[eligible], visit[eligible])
    chosen = _first_per_group(np.flatnonzero(eligible & (visit == last_visit[group])), group,
                              np.abs(value - level), -year)
    y0 = np.full(n_groups, np.nan)
    v0 = np.full(n_groups, np.nan)
    y0[group[chosen]], v0[group[chosen]] = year[chosen], value[chosen]

    after = np.flatnonzero((year >= y0[group]) & (year <= y0[group] + HORIZON_YEARS) & (value > 0))
    fit = progress_engine.trend(group[after], year[after], value[after], regression=True)
    rate = np.full(n_groups, np.nan)
    followed = np.full(n_groups, np.nan)
    rate[fit.index] = progress_engine.discrete(sign * 100 * fit["slope"].to_numpy(), sign)
    followed[fit.index] = fit["last_year"].to_numpy() - y0[fit.index]
    rising, falling = _slopes_without_one(group[after], year[after] - progress_engine.TARGET_YEAR, np.log(value[after]),
                                           n_groups)
    slowest = falling if sign > 0 else rising  # the least improving of the leave-one-out fits
    robust = np.where(np.isnan(slowest), rate, progress_engine.discrete(sign * 100 * slowest, sign))

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
        faster = (rate > bar) & (robust > bar)
        keep = np.flatnonzero(followed >= MIN_FOLLOW_YEARS)
    rebound = ~np.isnan(rebound_year)
    keep = keep[np.lexsort((names[keep].astype(str), -rate[keep], rebound[keep], ~faster[keep]))]
    whole = {"year_at_level": y0, "years_followed": followed, "years_to_target": reached - y0,
             "target_year_reached": reached, "latest_year": last_year, "rebound_year": rebound_year}
    table = {"iso3": names[keep].astype(object), "value_at_level": v0[keep], "rate_achieved": rate[keep],
             "rate_robust": robust[keep], "rebound": rebound[keep], "rebound_value": rebound_value[keep],
             "faster": faster[keep],
             **{column: pd.array(values[keep], dtype="Int64") for column, values in whole.items()}}
    return pd.DataFrame({column: table[column] for column in COLUMNS})


def in_era(found_any: pd.DataFrame, found_since: pd.DataFrame) -> pd.DataFrame:
    """Candidates from ``find`` without an era and with one: the era's visit where there is one, else the
    earlier visit with ``fails_era`` set, in the peers' order."""
    earlier = found_any[~found_any["iso3"].isin(found_since["iso3"])].assign(fails_era=True)
    return pd.concat([found_since.assign(fails_era=False), earlier], ignore_index=True)


def screen(found: pd.DataFrame, context: pd.DataFrame, focal: Mapping, criteria: Criteria) -> pd.DataFrame:
    """``found`` (with its ``fails_era``, see ``in_era``) with a ``fails_<criterion>`` column for every
    other criterion (CRITERIA) and ``comparable``.

    ``context``: per candidate row (aligned with ``found``) population, income_relative, income_class
    (World Bank class for year_at_level's GNI), region, fragile, lldc, sids. ``focal``: the focal
    country's population, income_relative, income_class and region, now.
    """
    table = found.copy()
    table["fails_income"] = False
    if criteria.income_factor is not None and criteria.income_measure == "gdp" and not formatting.is_missing(
            focal["income_relative"]):
        ratio = context["income_relative"].to_numpy(float) / float(focal["income_relative"])
        with np.errstate(invalid="ignore", divide="ignore"):
            table["fails_income"] = ~((ratio <= criteria.income_factor) & (ratio >= 1 / criteria.income_factor))
    elif criteria.income_factor is not None and criteria.income_measure == "class" and isinstance(
            focal["income_class"], str):
        table["fails_income"] = (context["income_class"] != focal["income_class"]).to_numpy(bool)
    table["fails_population"] = False
    if criteria.min_population is not None:
        floor = population_floor(criteria, focal["population"])
        table["fails_population"] = ~(context["population"].to_numpy(float) >= floor)
    table["fails_region"] = criteria.same_region & (context["region"] != focal["region"]).to_numpy(bool)
    for flag, column in (("fragile", "fragile"), ("landlocked", "lldc"), ("small_island", "sids")):
        table[f"fails_{flag}"] = getattr(criteria, flag) & ~context[column].fillna(False).astype(bool).to_numpy()
    table["comparable"] = ~table[[f"fails_{c}" for c in CRITERIA]].any(axis=1)
    return table


def population_floor(criteria: Criteria, focal_population: float) -> float:
    """The smallest population a peer may have had: the minimum, or a tenth of the focal country's if less."""
    floor = float(criteria.min_population or 0)
    if not formatting.is_missing(focal_population):
        floor = min(floor, POPULATION_SHARE * float(focal_population))
    return floor


def trajectories(series: pd.DataFrame, found: pd.DataFrame, focal: str, focal_year: int) -> pd.DataFrame:
    """Level-aligned lines for the chart: x = years since standing at the level.

    ``series``: iso3, year, value for the focal country and the peers; ``found``: rows of ``find``.
    The focal country's last HORIZON_YEARS up to ``focal_year`` (x from -10 to 0: it stands at the
    level now) and each peer's values over the horizon its rate was fitted on (x from 0 to 10).
    Columns: iso3, role ('focal' or 'peer'), year, value, years_since_level.
    """
    own = series[(series["iso3"] == focal) & series["year"].between(focal_year - HORIZON_YEARS, focal_year)]
    own = own.assign(role="focal", years_since_level=own["year"] - focal_year)
    start = series["iso3"].map(found.set_index("iso3")["year_at_level"])
    since = series["year"] - start
    theirs = series[start.notna() & (since >= 0) & (since <= HORIZON_YEARS)]
    theirs = theirs.assign(role="peer", years_since_level=since[theirs.index])
    lines = pd.concat([own, theirs])[["iso3", "role", "year", "value", "years_since_level"]]
    lines["years_since_level"] = lines["years_since_level"].astype(int)
    return lines.dropna(subset=["value"]).reset_index(drop=True)


def moved(drivers: pd.DataFrame, found: pd.DataFrame, focal: str, specs: pd.DataFrame) -> pd.DataFrame:
    """What moved with each peer's progress: each driver's value at the start and end of its decade.

    ``drivers``: indicator, iso3, year, value for the drivers of the peers and the focal country;
    ``found``: peers (iso3, year_at_level, years_followed); ``specs``: the drivers' catalogue rows.
    Flows (FLOW_UNIT_KINDS) are the mean over the decade (and over the focal country's last
    HORIZON_YEARS). Columns: iso3, indicator, summary ('change'/'mean'), decade_start, decade_end (the
    peer's years of progress), start_year, start_value, end_year, end_value (the driver's values
    nearest them), mean_value, focal_start_year, focal_year, focal_value; only rows with values.
    """
    rows = []
    years_all, values_all = drivers["year"].to_numpy(int), drivers["value"].to_numpy(float)
    by_pair = {key: (years_all[index], values_all[index])  # numpy per pair: pandas per cell cost ~5 ms each
               for key, index in drivers.groupby(["indicator", "iso3"], sort=False).indices.items()}
    for indicator, spec in specs.iterrows():
        flow = spec["unit_kind"] in FLOW_UNIT_KINDS
        own = by_pair.get((indicator, focal))
        focal_value, focal_first, last = np.nan, None, None
        if own is not None:
            last = int(own[0].max())
            recent = own[0] > last - HORIZON_YEARS
            focal_value = own[1][recent].mean() if flow else own[1][own[0] == last][0]
            focal_first = int(own[0][recent].min()) if flow else last
        for peer in found.itertuples():
            pair = by_pair.get((indicator, peer.iso3))
            if pair is None:
                continue
            years, values = pair
            start, end = int(peer.year_at_level), int(peer.year_at_level) + int(peer.years_followed)
            row = {"iso3": peer.iso3, "indicator": indicator, "summary": "mean" if flow else "change",
                   "decade_start": start, "decade_end": end, "focal_start_year": focal_first, "focal_year": last,
                   "focal_value": focal_value, "start_value": np.nan, "end_value": np.nan, "mean_value": np.nan}
            if flow:
                inside = (years >= start) & (years <= end)
                if not inside.any():
                    continue
                row.update(start_year=int(years[inside].min()), end_year=int(years[inside].max()),
                           mean_value=values[inside].mean())
            else:
                first, final = _nearest(years, values, start), _nearest(years, values, end)
                if first is None or final is None or first[0] >= final[0]:
                    continue
                row.update(start_year=first[0], start_value=first[1], end_year=final[0], end_value=final[1])
            rows.append(row)
    columns = ["iso3", "indicator", "summary", "decade_start", "decade_end", "start_year", "start_value", "end_year",
               "end_value", "mean_value",
               "focal_start_year", "focal_year", "focal_value"]
    return pd.DataFrame(rows, columns=columns)


def _nearest(years: np.ndarray, values: np.ndarray, year: int) -> tuple[int, float] | None:
    """(year, value) of the observation nearest ``year`` within DRIVER_YEARS (the earlier on a tie)."""
    distance = np.abs(years - year)
    if not len(years) or distance.min() > DRIVER_YEARS:
        return None
    best = np.lexsort((years, distance))[0]
    return int(years[best]), float(values[best])


def moved_matrix(moved: pd.DataFrame, focal_name: str) -> list[list[str]]:
    """``api.peers_moved`` as a table of text: indicators down, peers across (each with its decade), the focal
    country's latest values last; the first row is the header."""
    peers = list(dict.fromkeys(moved["iso3"]))
    decades = moved.drop_duplicates("iso3").set_index("iso3")
    header = [_("Indicator"), *[f"{decades.loc[p, 'name']} ({int(decades.loc[p, 'decade_start'])}-"
                                f"{int(decades.loc[p, 'decade_end'])})" for p in peers],
              _("{country}, latest").format(country=focal_name)]
    rows = []
    for _indicator, group in moved.groupby("indicator", sort=False):
        cells = group.set_index("iso3")
        unit, first = group["unit_kind"].iloc[0], group.iloc[0]
        values = [("" if p not in cells.index else
                   _per_year(cells.loc[p, "mean_value"], unit) if cells.loc[p, "summary"] == "mean"
                   else _change_cell(cells.loc[p], unit)) for p in peers]
        focal = (formatting.no_data() if formatting.is_missing(first["focal_value"]) else
                 f"{_per_year(first['focal_value'], unit)} "
                 f"({formatting.years(first['focal_start_year'], first['focal_year'])})" if first["summary"] == "mean"
                 else f"{formatting.number(first['focal_value'], unit)} ({int(first['focal_year'])})")
        rows.append([group["short_name"].iloc[0], *values, focal])
    return [header, *rows]


def _per_year(value, unit: str) -> str:
    """'4.2% a year': a value averaged over the years of a decade."""
    return _("{value} a year").format(value=formatting.number(value, unit))


def _change_cell(row: pd.Series, unit: str) -> str:
    """'43.8% → 89.0%', with the data years where they are not the decade's own (survey points)."""
    off = (row["start_year"], row["end_year"]) != (row["decade_start"], row["decade_end"])
    start, end = formatting.number(row["start_value"], unit), formatting.number(row["end_value"], unit)
    return f"{start} ({int(row['start_year'])}) → {end} ({int(row['end_year'])})" if off else f"{start} → {end}"


def moved_text(row: Mapping, spec: Mapping, peer_name: str, focal_name: str) -> str:
    """'Rwanda 2005-2015: skilled birth attendance 38.6% → 90.7% (Afghanistan, latest: 61.8% in 2020)'."""
    unit = spec["unit_kind"]
    name = spec["short_name"]
    name = name if name[:2].isupper() else name[0].lower() + name[1:]
    decade = f"{peer_name} {int(row['start_year'])}-{int(row['end_year'])}"
    if row["summary"] == "mean":
        text = _("{peer}: {indicator} averaged {value}").format(
            peer=decade, indicator=name, value=_per_year(row["mean_value"], unit))
        focal = ("" if formatting.is_missing(row["focal_value"]) else
                 f"{focal_name}, {formatting.years(row['focal_start_year'], row['focal_year'])}: "
                 f"{_per_year(row['focal_value'], unit)}")
    else:
        text = (f"{decade}: {name} "
                f"{formatting.number(row['start_value'], unit)} → {formatting.number(row['end_value'], unit)}")
        focal = ("" if formatting.is_missing(row["focal_value"]) else
                 _("{country}, latest: {value} in {year}").format(
                     country=focal_name, value=formatting.number(row["focal_value"], unit), year=int(row["focal_year"])))
    return text + (f" ({focal})" if focal else f" ({focal_name}: {formatting.no_data()})")


def reading(peer: Mapping, focal_name: str, indicator: Mapping) -> str:
    """The plain-language reading of one peer, generated from its row (api.peers).

    'Cambodia stood at Niger's current level in 1999 (112.1 per 1,000; Niger now: 110.7 per 1,000)
    and then reduced it by 8.3% a year over 10 years (fitted trend), and reached 25.0 per 1,000,
    Niger's 2030 target, in 2018.'
    ``peer`` needs name, year_at_level, value_at_level, rate_achieved, years_followed,
    target_year_reached, latest_year, rebound, rebound_year, rebound_value, level, target;
    ``indicator`` the catalogue's polarity and unit_kind.
    """
    unit = indicator["unit_kind"]
    falling = indicator["polarity"] == "lower_is_better"
    years = int(peer["years_followed"])
    words = dict(peer=peer["name"], country=focal_name, year=int(peer["year_at_level"]),
                 value=formatting.number(peer["value_at_level"], unit), now=formatting.number(peer["level"], unit),
                 rate=formatting.percent(float(peer["rate_achieved"]), 1),
                 over=ngettext("{count} year", "{count} years", years).format(count=years))
    text = (_("{peer} stood at {country}'s current level in {year} ({value}; {country} now: {now}) and then "
              "reduced it by {rate} a year over {over} (fitted trend)") if falling else
            _("{peer} stood at {country}'s current level in {year} ({value}; {country} now: {now}) and then "
              "raised it by {rate} a year over {over} (fitted trend)")).format(**words)
    if formatting.is_missing(peer["target"]):
        text += "."
    else:
        goal = dict(target=formatting.number(peer["target"], unit), country=focal_name)
        text += (_("; it had not reached {target}, {country}'s 2030 target, by its latest data ({year}).").format(
                     year=int(peer["latest_year"]), **goal)
                 if formatting.is_missing(peer["target_year_reached"]) else
                 _(", and reached {target}, {country}'s 2030 target, in {year}.").format(
                     year=int(peer["target_year_reached"]), **goal))
    if peer["rebound"]:
        caution = dict(year=int(peer["rebound_year"]), value=formatting.number(peer["rebound_value"], unit),
                       at_level=int(peer["year_at_level"]))
        text += " " + (_("Caution: in {year} its value had been {value}, markedly lower than in {at_level}, so part "
                         "of this fall may be a recovery from a crisis or setback rather than steady progress.")
                       if falling else
                       _("Caution: in {year} its value had been {value}, markedly higher than in {at_level}, so part "
                         "of this rise may be a recovery from a crisis or setback rather than steady progress.")
                       ).format(**caution)
    return text

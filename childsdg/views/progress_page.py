"""Sections of the "Progress to 2030" page: filters, then map, table, counts, pace chart and window sensitivity.

The page reads: ``choose()`` (the filters, in the URL), then ``api.progress`` for the group's
members, then one section per view of that table. Every status is shown with its words and symbol
(``status.STYLES``); the window and the number of points a rate rests on sit next to the status, so
that a reader sees how much data a verdict has behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from childsdg import api, formatting, i18n
from childsdg.analysis import progress_engine, status
from childsdg.charts import progress_charts
from childsdg.data import catalogue, geo
from childsdg.exports import chart_files
from childsdg.i18n import N_, _, ngettext
from childsdg.views import captions, chart_block, downloads, filters

PAGE = "progress"
WINDOWS = [str(year) for year in sorted(progress_engine.WINDOW_STARTS, reverse=True)]  # the default (2015) first
METHODS = {"arr": N_("annual rate (end points)"), "aarr": N_("survey trend (regression)"), "ratio": N_("growth ratio")}


@dataclass(frozen=True)
class Choice:
    """What the reader asked for on this page."""

    indicator: str
    start: int
    grouping: str
    group_name: str
    group_spec: str
    members: tuple[str, ...]
    focal: str | None = None  # the focal country (filters.FOCAL), named above the table

    @property
    def row(self) -> pd.Series:
        return catalogue.indicator(self.indicator)


def choose() -> Choice:
    """Sidebar group, indicator (those with a 2030 target) and window start, all in the URL."""
    url = filters.UrlFilters(PAGE)
    grouping, group, group_name = filters.group_filters(url)
    summary = st.container()  # above the indicator, once the sidebar's window is known
    targeted = status.targeted_indicators()
    default = catalogue.HEADLINE_INDICATORS["survival"]
    indicator = url.select(_("Indicator (those with a 2030 target)"), list(targeted.index), "indicator", default,
                           dict(zip(targeted.index, targeted["short_name"])), quiet=set(catalogue.indicators().index))
    start = int(url.radio(_("Window starts in"), WINDOWS, "window", str(progress_engine.DEFAULT_START),
                          where=st.sidebar))
    focal = url.focal_country()
    filters.sidebar_summary(group_name, _("window from {year}").format(year=start), where=summary)
    url.notice()
    spec = catalogue.group_spec(grouping, group)
    return Choice(indicator, start, grouping, group_name, spec, tuple(catalogue.group_members(spec)), focal)


def focal_status(choice: Choice) -> None:
    """The focal country's status on this indicator and window, with the pace behind it, whatever group is shown."""
    if choice.focal is None:
        return
    row = api.progress(choice.indicator, [choice.focal], start=choice.start).iloc[0]
    name = formatting.plain(catalogue.country_names()[choice.focal])
    pace = ("" if formatting.is_missing(row["rate_observed"]) else " — " + (
        _("observed {observed} a year") if formatting.is_missing(row["rate_required"]) else
        _("observed {observed} a year, required {required}")).format(
        observed=i18n.percent(row["rate_observed"], 1, signed=True),
        required=None if formatting.is_missing(row["rate_required"]) else i18n.percent(row["rate_required"], 1)))
    window = ("" if formatting.is_missing(row["latest_year"])
              else f" ({formatting.years(row['window_start_year'], row['latest_year'])})")
    st.markdown(f"**{name}: {status.badge(row['status'])}**{window}{pace}. {status.grade_text(row['grade'])}")


def assess(choice: Choice, start: int | None = None) -> pd.DataFrame:
    """The group's members' progress rows (api.progress) for the chosen window or another one."""
    return api.progress(choice.indicator, list(choice.members), start=choice.start if start is None else start)


def method_note(choice: Choice) -> None:
    """The method in a few sentences, from the engine's own constants."""
    row = choice.row
    rising = row["polarity"] == "higher_is_better"
    target = (formatting.number(row["target_2030"], row["unit_kind"]) if not formatting.is_missing(row["target_2030"])
              else _("relative to each country's own baseline"))
    method = (_("**Method:** the growth ratio (Statistics Canada / Open SDG): the observed compound growth rate divided "
                "by the rate needed from the latest year to reach the target in 2030; on track at {on_track} or more, "
                "acceleration needed from {acceleration}, below that (or falling) the need is severe.") if rising else
              _("**Method:** UNICEF's annual rate of reduction: observed over the window (end points for annual "
                "modelled series, a log-linear regression for survey series) against the rate required from the "
                "latest year to the target in 2030; on track when observed ≥ required; severe when the pace must "
                "more than {severe}× rise or the value is not falling."))
    st.markdown("  \n".join([
        _("**Target 2030:** {target} — {basis}.").format(target=target, basis=row["target_basis"]),
        _("**Window:** each country's values from {start} to its latest; at least {points} values in different years "
          "are needed for a trend.").format(start=choice.start, points=progress_engine.MIN_POINTS),
        method.format(on_track=i18n.percent(progress_engine.ON_TRACK_RATIO * 100, 0),
                      acceleration=i18n.percent(progress_engine.ACCELERATION_RATIO * 100, 0),
                      severe=f"{progress_engine.SEVERE_PACE:.0f}"),
        _("Rates are in % a year, positive = improving. Statuses are shown with a symbol and words; the colours are "
          "colour-blind-safe: green = target met, blue = on track, orange = acceleration needed, greys and purple = "
          "no verdict.")]))


def _source(choice: Choice, table: pd.DataFrame) -> None:
    years = pd.concat([table["window_start_year"], table["latest_year"]]).dropna()
    captions.source_note(choice.row, years, pd.Series([choice.row["kind"]]))


def _context(choice: Choice, chart: str, table: pd.DataFrame | None = None):
    """What a chart of this page's exports say: the group and window, and the data years of the verdicts."""
    years = () if table is None else pd.concat([table["window_start_year"], table["latest_year"]]).dropna()
    return chart_files.ChartContext.create(chart, choice.indicator, {_("Group"): choice.group_name,
                                                                     _("Window starts in"): str(choice.start)}, years)


def chart_table(table: pd.DataFrame) -> pd.DataFrame:
    """What the map and the pace chart show of each country: its status and the numbers behind it."""
    return pd.DataFrame({"country": table["name"], "status": status.badges(table)}).join(
        table[["window_start_year", "latest_year", "latest_value", "n_points", "rate_observed", "rate_required"]])


def counts_table(choice: Choice, counts: pd.DataFrame) -> pd.DataFrame:
    """The counts chart as a table: a row per group, a column per status (in the engine's order)."""
    wide = counts.pivot_table(index="group_name", columns="status", values="n_countries", aggfunc="sum", fill_value=0)
    wide = wide[[code for code in progress_engine.STATUSES if code in wide.columns]]
    return wide.rename(columns=status.badge).rename_axis(_(catalogue.GROUPINGS[choice.grouping])).reset_index()


def status_map(choice: Choice, table: pd.DataFrame) -> None:
    """Every member's status on the map; the legend names each status and how many countries have it."""
    if table["latest_year"].isna().all():
        st.info(_("No country of {group} has {indicator} data from {start} on.").format(
            group=choice.group_name, indicator=choice.row["short_name"], start=choice.start))
        return
    figure = progress_charts.status_map(table, choice.row, choice.start, geo.geojson_for_browser())
    chart_block.show(figure, _context(choice, "progress-map", table), lambda: chart_table(table), map_chart=True)
    st.caption(_("Each status has its own colour and is named in the legend and on hover (✔ met, ↗ on track, "
                 "⚠ acceleration needed, … too few values, – no value in the window)."))
    _source(choice, table)


def status_table(choice: Choice, table: pd.DataFrame) -> None:
    """Every member's status with the numbers behind it, sorted by status then country."""
    order = {code: position for position, code in enumerate(progress_engine.STATUSES)}
    rows = table.assign(order=table["status"].map(order)).sort_values(["order", "name"])
    shown = pd.DataFrame({
        "Country": rows["name"], "Status": status.badges(rows),
        "Window": [formatting.years(a, b) if not formatting.is_missing(b) else formatting.no_data()
                   for a, b in zip(rows["window_start_year"], rows["latest_year"])],
        "Points": rows["n_points"], "Latest value": rows["latest_value"], "Year": rows["latest_year"],
        "Observed (% a year)": rows["rate_observed"], "Required (% a year)": rows["rate_required"],
        "Projected 2030": rows["projection_2030"], "Target reached": rows["year_target_reached"],
        "Target": rows["target"], "Method": [_(METHODS[m]) if m in METHODS else None for m in rows["method"]],
        "Why": rows["grade"].map(status.grade_text), "ISO3": rows["iso3"]})
    unit = choice.row["unit"]
    # Status first (the rows are grouped by it), then the country: on a phone both are in view. Not pinned:
    # Streamlit draws pinned columns in faded text. A missing number is a blank cell, not "None".
    # English column names (what the code reads), headers in the reader's language.
    st.dataframe(shown, hide_index=True, width="stretch", key="progress-table", placeholder="",
                 column_order=["Status", *[c for c in shown.columns if c != "Status"]], column_config={
        "Country": _("Country"), "Window": _("Window"), "Points": _("Points"), "Method": _("Method"),
        "Why": _("Why"), "ISO3": "ISO3",
        "Status": st.column_config.TextColumn(_("Status"), width="medium"),
        "Latest value": st.column_config.NumberColumn(_("Latest ({unit})").format(unit=unit), format="%.1f"),
        "Observed (% a year)": st.column_config.NumberColumn(_("Observed (% a year)"), format="%+.1f"),
        "Required (% a year)": st.column_config.NumberColumn(_("Required (% a year)"), format="%.1f"),
        "Projected 2030": st.column_config.NumberColumn(_("Projected 2030"), format="%.1f"),
        "Year": st.column_config.NumberColumn(_("Year"), format="%d"),
        "Target reached": st.column_config.NumberColumn(_("Target reached (at this pace)"), format="%d"),
        "Target": st.column_config.NumberColumn(_("Target"), format="%.1f")})
    downloads.button(_("Download this table (CSV)"), lambda: rows.drop(columns="order").to_csv(index=False).encode(),
                     f"progress_{choice.indicator}_{choice.start}.csv", "text/csv", key="progress-csv")
    st.caption(_("'Target reached' is the year the target would be met if the observed pace continued (blank when "
                 "already met, not improving, or after 2100). Projections of percentages stop at 100%."))
    _source(choice, table)


def counts_by_group(choice: Choice) -> pd.DataFrame:
    """Stacked bars: how many countries of each group of the chosen grouping have each status."""
    counts = api.progress_counts([choice.indicator], grouping=choice.grouping, start=choice.start)
    figure = progress_charts.status_counts(
        counts, _("{indicator}: countries per status, {grouping}").format(
            indicator=choice.row["short_name"], grouping=_(catalogue.GROUPINGS[choice.grouping])))
    chart_block.show(figure, _context(choice, "progress-counts"), lambda: counts_table(choice, counts),
                     unit_kind="count")
    st.caption(_("Each segment is labelled with its number of countries; the legend names the statuses."))
    return counts


def pace_chart(choice: Choice, table: pd.DataFrame) -> None:
    """Observed against required rate; countries above the diagonal are fast enough."""
    paced = table["rate_observed"].notna() & table["rate_required"].notna()
    if not paced.any():
        st.info(_("No country here has both an observed and a required rate (all met the target, or too few "
                  "values)."))
        return
    figure = progress_charts.rate_scatter(table, choice.row, choice.start)
    chart_block.show(figure, _context(choice, "progress-pace", table), lambda: chart_table(table[paced]))
    note = (" " + _("With the growth ratio, {share} of the required pace already counts as on track.").format(
        share=i18n.percent(progress_engine.ON_TRACK_RATIO * 100, 0)) if choice.row["polarity"] == "higher_is_better"
            else "")
    paced_count = int(paced.sum())
    st.caption(ngettext("{count} country with both rates; countries that met the target need no rate and are not shown. "
                        "Above the dashed diagonal, the observed pace reaches the target by 2030.",
                        "{count} countries with both rates; countries that met the target need no rate and are not "
                        "shown. Above the dashed diagonal, the observed pace reaches the target by 2030.",
                        paced_count).format(count=paced_count) + note)


def window_sensitivity(choice: Choice) -> pd.DataFrame:
    """How the verdicts change with the window: counts per status per window, and the countries that move."""
    verdicts = pd.concat([assess(choice, start).assign(window=start) for start in sorted(progress_engine.WINDOW_STARTS)])
    counts = verdicts.pivot_table(index="status", columns="window", values="iso3", aggfunc="count", fill_value=0)
    counts = counts.reindex([s for s in progress_engine.STATUSES if s != "no_target"], fill_value=0)
    counts.index = [status.badge(s) for s in counts.index]
    counts.columns = [_("from {year}").format(year=w) for w in counts.columns]
    st.dataframe(counts, width="content", key="progress-windows")
    wide = verdicts.pivot(index="iso3", columns="window", values="status")
    moved = wide[wide.nunique(axis=1) > 1]
    if moved.empty:
        st.caption(_("No country changes status with the window."))
        return moved
    names = catalogue.country_names()
    shown = pd.DataFrame({_("Country"): [names[c] for c in moved.index]}
                         | {_("from {year}").format(year=w): [status.badge(s) for s in moved[w]] for w in moved.columns})
    st.markdown(ngettext("**{count} country changes status with the window:**",
                         "**{count} countries change status with the window:**", len(moved)).format(count=len(moved)))
    st.dataframe(shown, hide_index=True, width="stretch", key="progress-moved")
    return moved


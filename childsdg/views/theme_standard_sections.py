"""The sections every theme page shows, each a query and a chart for the reader's ``View``.

A theme page reads: filters (``filters.theme_view``), then these sections in order — headline,
map, ranking, trend, table — then the theme's own charts. Each section says under its chart where
the numbers come from, which years they are, and whether they are survey points or modelled.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from childsdg import api, formatting, i18n
from childsdg.analysis import status
from childsdg.charts import common_charts
from childsdg.data import catalogue, geo
from childsdg.exports import chart_files
from childsdg.i18n import N_, _, ngettext
from childsdg.views import captions, chart_block, downloads, page_registry
from childsdg.views.filters import MAX_COUNTRIES, View

MAP_KEY = "map"
BASELINE_YEAR = 2015


def _add_clicked_country(countries_key: str) -> None:
    """Map click -> add the country to the comparison (runs before the rerun, so the widget sees it)."""
    names = catalogue.country_names()
    event = st.session_state.get(MAP_KEY)
    points = (event.get("selection") or {}).get("points") if isinstance(event, dict) else None
    # The browser sends map points; a forged message can send any JSON: keep known countries only.
    locations = [p.get("location") for p in points if isinstance(p, dict)] if isinstance(points, list) else []
    clicked = [iso3 for iso3 in locations if isinstance(iso3, str) and iso3 in names]
    chosen = list(st.session_state.get(countries_key, []))
    for iso3 in clicked:
        if iso3 not in chosen and len(chosen) < MAX_COUNTRIES:
            chosen.append(iso3)
    st.session_state[countries_key] = chosen
    if clicked:
        st.session_state["last_clicked"] = clicked[-1]


def chart_data(values: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """What a chart of country values shows, as a table: country, ISO3, data year, value, kind."""
    table = values.reindex(columns=["iso3", "data_year", "value", "kind"])
    return table.assign(country=table["iso3"].map(names))[["country", "iso3", "data_year", "value", "kind"]]


def trend_data(series: pd.DataFrame, group: pd.DataFrame, names: pd.Series, notes: pd.DataFrame) -> pd.DataFrame:
    """What the trend chart shows, as a table: the countries' values (with any series note), then the
    group's, with whose figure it is, our weighted estimate beside a published one, the difference and
    our coverage (``api.group_series``; from ``api.aggregate``, our value and coverage only)."""
    countries = chart_data(series.rename(columns={"year": "data_year"}), names)
    countries = countries.merge(notes.rename(columns={"year": "data_year"})[["iso3", "data_year", "note"]],
                                on=["iso3", "data_year"], how="left")
    columns = [c for c in ("group_name", "year", "value", "label", "own_value", "difference", "coverage")
               if c in group.columns]  # api.aggregate has no published figure beside ours
    return pd.concat([countries, group.loc[group["value"].notna(), columns].rename(
        columns={"group_name": "country", "year": "data_year"})], ignore_index=True)


def note_lines(notes: pd.DataFrame, names=None) -> list[str]:
    """'Central African Republic, 2009, 2019 and 2022: <note>' — one line per country and note
    (without the country's name when ``names`` is None)."""
    lines = []
    for (iso3, note), rows in notes.groupby(["iso3", "note"], sort=False):
        years = [str(int(y)) for y in sorted(rows["year"])]
        listed = years[0] if len(years) == 1 else _("{years} and {last}").format(years=", ".join(years[:-1]),
                                                                                 last=years[-1])
        lines.append(f"{listed}: {note}" if names is None else f"{names.get(iso3, iso3)}, {listed}: {note}")
    return lines


def series_notes_caption(notes: pd.DataFrame, names) -> None:
    """The series notes under a chart, as the diamonds on the chart say them on hover."""
    for line in note_lines(notes, names):
        st.caption(_("◇ Note — {line}").format(line=line))


def group_table(view: View) -> None:
    """The group's figures year by year: the producer's published aggregate beside our weighted estimate."""
    row = view.row
    group = api.group_series(view.indicator, view.group_spec, view.start, view.end, view.sex, view.residence)
    group = group[group["value"].notna() | group["own_value"].notna()]
    if group.empty:
        return
    published = bool(group["published"].any())
    st.markdown(_("**{group}: the {label} beside our weighted estimate**").format(
        group=view.group_name, label=group["label"].iloc[0]) if published else
        _("**{group}: our weighted estimate**").format(group=view.group_name))
    columns = ["year", "published_value", "own_value", "difference", "coverage", "n_countries"] if published else [
        "year", "own_value", "coverage", "n_countries"]
    st.dataframe(group[columns], hide_index=True, width="stretch", column_config={
        "year": st.column_config.NumberColumn(_("Year"), format="%d"),
        "published_value": st.column_config.NumberColumn(
            _("Published ({producer})").format(producer=group["producer"].iloc[0]), format="%.1f")
        if published else None,
        "own_value": st.column_config.NumberColumn(_("Our weighted estimate ({unit})").format(unit=row["unit"]),
                                                   format="%.1f"),
        "difference": st.column_config.NumberColumn(_("Difference (ours - published)"), format="%+.1f"),
        "coverage": st.column_config.NumberColumn(_("Our coverage"), format="percent"),
        "n_countries": _("Countries with data")})
    if published:
        st.caption(_("The published figure is the one shown in the headline and the trend. Ours weights the country "
                     "values by {weight} over the countries with data; a difference comes from countries without "
                     "data, the producer's own composition or weights, or a later income classification (the World "
                     "Bank's July 2026 groups; ours are FY26).").format(weight=weight_words(row["weight"])))


WEIGHT_WORDS = {"births": N_("births"), "under5_population": N_("children under 5"),
                "population": N_("the population"), "children_0_14": N_("children under 15"),
                "children_0_17": N_("children"), "none": N_("the population")}


def weight_words(weight: str) -> str:
    """What a group's values are weighted by, in the reader's language ('children under 5')."""
    return _(WEIGHT_WORDS[weight])


def headline(view: View) -> dict:
    """The group's figure for the year, its change since 2015, and whose figure it is.

    Published first: for the world, a World Bank region or income group the producer's own aggregate
    (labelled so, with our weighted estimate and the difference beside it); elsewhere our weighted
    value with its coverage.
    """
    row = view.row
    figures = api.headline(view.indicator, view.group_spec, view.year, baseline=BASELINE_YEAR, sex=view.sex,
                           residence=view.residence)
    weight = weight_words(row["weight"])
    left, middle, right = st.columns(3)
    count = row["unit_kind"] == "count"
    members, reporting = int(figures["n_members"]), int(figures["n_countries"])
    left.metric(f"{view.group_name}, {figures['year']}", formatting.number(figures["value"], row["unit_kind"]),
                help=(_("The {label}, as its producer publishes it for this group.").format(label=figures["label"])
                      if figures["published"] else _("Sum over the countries that report.") if count else
                      _("Weighted by {weight}; shown only when countries with data hold at least half of it.").format(
                          weight=weight)))
    since = BASELINE_YEAR if formatting.is_missing(figures["baseline_year"]) else int(figures["baseline_year"])
    if figures["year"] < BASELINE_YEAR:  # a change "since 2015" for an earlier year would read backwards
        middle.metric(_("Change since {year}").format(year=BASELINE_YEAR), _("not applicable"),
                      help=_("{year} is before {baseline}, the baseline of the SDG period.").format(
                          year=figures["year"], baseline=BASELINE_YEAR))
    else:
        middle.metric(_("Change since {year}").format(year=since),
                      formatting.change(figures["baseline_value"], figures["panel_value"], row["unit_kind"]),
                      delta_color="off", help=(
                          _("Along the producer's published series, {since} to {year}.").format(
                              since=since, year=figures["year"])
                          if figures["published"] else
                          _("Totals of the countries reporting in each year.") if count else
                          ngettext("Same countries at both ends: the {count} with a value in both {since} and {year}, "
                                   "holding {share} of the group's {weight}.",
                                   "Same countries at both ends: the {count} with a value in both {since} and {year}, "
                                   "holding {share} of the group's {weight}.", int(figures["panel_n_countries"])).format(
                              count=figures["panel_n_countries"], since=since, year=figures["year"],
                              share=formatting.share(figures["panel_coverage"]), weight=weight)))
    if figures["published"]:
        right.metric(_("Our weighted estimate") if not count else _("Our sum over reporting countries"),
                     formatting.number(figures["own_value"], row["unit_kind"]),
                     delta=None if formatting.is_missing(figures["difference"]) else
                     _("{change} vs published").format(
                         change=formatting.change(figures["value"], figures["own_value"], row["unit_kind"])),
                     delta_color="off",
                     help=(ngettext("Summed over the {count} of {members} country that report.",
                                    "Summed over the {count} of {members} countries that report.", members)
                           if count else
                           ngettext("Weighted by {weight}; coverage {share} ({count} of {members} country have data).",
                                    "Weighted by {weight}; coverage {share} ({count} of {members} countries have "
                                    "data).", members)).format(
                         count=reporting, members=members, weight=weight, share=formatting.share(figures["coverage"])))
    elif count:
        right.metric(_("Countries reporting"), _("{count} of {members}").format(count=reporting, members=members),
                     help=_("A count is the sum over the countries that report; the others report none."))
    else:
        right.metric(_("Coverage (share of {weight} with data)").format(weight=weight),
                     formatting.share(figures["coverage"]),
                     help=ngettext("{count} of {members} country have data", "{count} of {members} countries have data",
                                   members).format(count=reporting, members=members))
    st.caption(figure_label(figures))
    if figures["year"] != view.year:
        st.caption(missing_year_reason(view, figures, weight))
    if (not figures["published"] and not formatting.is_missing(figures["data_year_min"])
            and figures["data_year_min"] != figures["year"]):
        st.caption(ngettext(
            "Country values from {years}. Of the {count} country with a value for {year}, {interpolated} are "
            "interpolated between two observations and {carried} carry their last one forward (at most {carry} "
            "years). The trend breaks where the countries behind it change by more than {share} of the {weight}; "
            "the change since {since} compares the same countries at both ends.",
            "Country values from {years}. Of the {count} countries with a value for {year}, {interpolated} are "
            "interpolated between two observations and {carried} carry their last one forward (at most {carry} "
            "years). The trend breaks where the countries behind it change by more than {share} of the {weight}; "
            "the change since {since} compares the same countries at both ends.", reporting).format(
            years=formatting.years(figures["data_year_min"], figures["data_year_max"]), count=reporting,
            year=figures["year"], interpolated=figures["n_interpolated"], carried=figures["n_carried"],
            carry=catalogue.carry_years(view.indicator), share=i18n.percent(catalogue.BREAK_SHARE * 100, 0),
            weight=weight, since=since))
    if figures.get("n_zero") and not figures["published"]:
        st.caption(ngettext("Counted as 0% (vaccine not yet introduced), as WUENIC counts them: {zero} of the {count} "
                            "country, which report DTP3 but not this vaccine.",
                            "Counted as 0% (vaccine not yet introduced), as WUENIC counts them: {zero} of the {count} "
                            "countries, which report DTP3 but not this vaccine.", reporting).format(
            zero=figures["n_zero"], count=reporting))
    return figures


def focal_value(view: View, figures: dict) -> None:
    """The focal country's latest value beside the group's figure: a reader who came with a country
    reads first how it compares with its group."""
    if view.focal is None:
        return
    row, name = view.row, formatting.plain(catalogue.country_names()[view.focal])
    latest = api.latest(view.indicator, [view.focal], as_of=view.year, sex=view.sex, residence=view.residence)
    group = (f"{formatting.plain(view.group_name)}, {figures['year']}: "
             f"{formatting.number(figures['value'], row['unit_kind'])}")
    outside = "" if view.focal in view.members else " " + _("({name} is not in this group)").format(name=name)
    if latest.empty:
        st.markdown(_("**{name}**: no value up to {year}").format(name=name, year=view.year) + f" · {group}{outside}")
        return
    value = latest.iloc[0]
    st.markdown(f"**{name}, {int(value['data_year'])}: {formatting.number(value['value'], row['unit_kind'])}** · "
                f"{group}{outside}")


def figure_label(figures: dict) -> str:
    """'Figure: UN IGME / World Bank published aggregate.' or 'Figure: our weighted estimate, coverage 87%.'"""
    if figures["published"]:
        return _("Figure: {label}. Our own weighted estimate for the same year is in the third box and in the table "
                 "below, with the difference.").format(label=figures["label"])
    return _("Figure: {label}, coverage {share}.").format(label=figures["label"],
                                                         share=formatting.share(figures["coverage"]))


def missing_year_reason(view: View, figures: dict, weight: str) -> str:
    """Why the headline shows an earlier year than the one chosen."""
    last = figures["last_year"]
    if not formatting.is_missing(last) and int(last) < view.year:
        what = figures["label"] if figures["published"] else _("series")
        return _("No figure after {last}: the latest {what} is for {last} ({source}, vintage {vintage}); no later "
                 "years are mixed in.").format(last=int(last), what=what, source=view.row["source_name"],
                                               vintage=view.row["vintage"])
    if figures["published"]:
        return _("The producer publishes no figure for {year}: its latest, {latest}, is shown.").format(
            year=view.year, latest=figures["year"])
    return _("No group value for {year}: countries with data hold less than half of the group's {weight}; the latest "
             "year with one is shown.").format(year=view.year, weight=weight)


def latest_in_group(view: View) -> pd.DataFrame:
    return api.latest(view.indicator, list(view.members), as_of=view.year, sex=view.sex, residence=view.residence)


def map_section(view: View, latest: pd.DataFrame) -> None:
    """Choropleth of the group's latest values; a click adds the country to the comparison."""
    row = view.row
    if latest.empty:
        st.info(_("No data for {indicator} in {group} up to {year}.").format(
            indicator=row["short_name"], group=view.group_name, year=view.year))
        return
    names = pd.Series(catalogue.country_names())
    figure = common_charts.choropleth(latest, names, row, view.year, geo.geojson_for_browser(), focal=view.focal)
    chart_block.show(figure, chart_files.ChartContext.for_view(view, MAP_KEY, latest["data_year"], view.year),
                     partial(chart_data, latest, names), map_chart=True,
                     on_select=partial(_add_clicked_country, view.countries_key), selection_mode="points")
    st.caption(_("Colours: {meaning} (viridis, readable with colour-blindness). Click a country to add it to the "
                 "comparison.").format(meaning=figure.layout.meta["colour_meaning"]))
    captions.source_note(row, latest["data_year"], latest["kind"])
    clicked = st.session_state.get("last_clicked")
    if clicked in names.index:
        st.page_link(page_registry.file("country_profile"), label=_("Open the profile of {country}").format(country=names[clicked]),
                     query_params={"country": clicked})


def ranking_section(view: View, latest: pd.DataFrame, group_value) -> None:
    row = view.row
    if latest.empty:
        return
    names = pd.Series(catalogue.country_names())
    figure = common_charts.ranking(latest, names, row, view.year, group_value, view.group_name, focal=view.focal)
    chart_block.show(figure, chart_files.ChartContext.for_view(view, "ranking", latest["data_year"], view.year),
                     partial(chart_data, latest, names))
    st.caption(_("Bars in light blue are survey points; a year in brackets is the data year where it is not "
                 "{year}.").format(year=view.year))
    captions.source_note(row, latest["data_year"], latest["kind"])


NO_NOTES = pd.DataFrame(columns=["iso3", "year", "note", "source"])


def trend_section(view: View) -> pd.DataFrame:
    """Selected countries, the group's line (published first: ``api.group_series``) and the 2030 target."""
    row = view.row
    names = pd.Series(catalogue.country_names())
    series = (api.series(view.indicator, list(view.countries), view.start, view.end, view.sex, view.residence)
              if view.countries else pd.DataFrame(columns=["iso3", "year", "value", "kind"]))
    group = api.group_series(view.indicator, view.group_spec, view.start, view.end, view.sex, view.residence)
    if series.empty and group["value"].notna().sum() == 0:
        st.info(_("No trend data for {indicator} in {group} between {start} and {end}.").format(
            indicator=row["short_name"], group=view.group_name, start=view.start, end=view.end))
        return series
    notes = (api.series_notes(view.indicator, list(view.countries), view.start, view.end)
             if view.countries else NO_NOTES)
    notes = notes[notes["iso3"].isin(series["iso3"]) & notes["year"].isin(series["year"])]
    figure = common_charts.trend(series, names, row, group, view.group_name, row["target_2030"], notes,
                                 focal=view.focal)
    years = pd.concat([series["year"], group.loc[group["value"].notna(), "year"]])
    chart_block.show(figure, chart_files.ChartContext.for_view(view, "trend", years, (view.start, view.end),
                                                               view.countries),
                     partial(trend_data, series, group, names, notes), table=chart_block.by_line("data_year"))
    series_notes_caption(notes, names)
    if not view.countries:
        st.caption(_("Add countries above, or click them on the map, to compare them with the group."))
    if group["published"].any():
        st.caption(_("Dashed line: the {label} for {group}, not our weighted estimate (the table below has "
                     "both).").format(label=group["label"].iloc[0], group=view.group_name))
    captions.source_note(row, years, series["kind"] if not series.empty else pd.Series([row["kind"]]))
    if not formatting.is_missing(row["target_2030"]):
        st.caption(_("Target: {basis}.").format(basis=row["target_basis"]))
    return series


def change_table(view: View) -> None:
    """The table twin of the charts: each member's first and last value in the years chosen."""
    row = view.row
    iso3s = sorted(set(view.members) | set(view.countries))
    table = api.change(view.indicator, iso3s, view.start, view.end, view.sex, view.residence)
    if table.empty:
        st.info(_("No values in the years chosen."))
        return
    names = catalogue.country_names()
    table.insert(0, "country", table["iso3"].map(names))
    notes = api.series_notes(view.indicator, iso3s, view.start, view.end)
    notes_by_country = {iso3: " · ".join(note_lines(rows)) for iso3, rows in notes.groupby("iso3")}
    table["notes"] = [notes_by_country.get(iso3, "") for iso3 in table["iso3"]]
    if view.indicator in status.targeted_indicators().index:
        # The Progress page's verdict (window from 2015, totals), whatever years and breakdown are chosen here.
        # Asked for every country, one cached answer for all groups: each country's verdict is its own.
        verdicts = api.progress(view.indicator).set_index("iso3")
        table.insert(1, "status", status.badges(verdicts.loc[table["iso3"]]))  # beside the name: seen on a phone
    st.dataframe(table, hide_index=True, width="stretch", placeholder="", column_config={
        "iso3": "ISO3", "country": st.column_config.TextColumn(_("Country"), width="medium"),
        "start_year": st.column_config.NumberColumn(_("From"), format="%d"),
        "start_value": st.column_config.NumberColumn(_("Value ({unit})").format(unit=row["unit"]), format="%.1f"),
        "end_year": st.column_config.NumberColumn(_("To"), format="%d"),
        "end_value": st.column_config.NumberColumn(_("Latest value"), format="%.1f"),
        "change": st.column_config.NumberColumn(_("Change"), format="%+.1f"),
        "relative_change": st.column_config.NumberColumn(_("Change (%)"), format="percent"),
        "n_values": _("Values"), "kind": _("Kind"),
        "status": st.column_config.TextColumn(_("Progress to 2030 (from 2015)"), width="medium"),
        "notes": st.column_config.TextColumn(_("Series notes"), help=_("Why the series jumps in a year, from the "
                                                                       "source"))})
    downloads.button(_("Download this table (CSV)"), lambda: table.to_csv(index=False).encode("utf-8"),
                     f"{view.indicator}_{view.group}_{view.start}-{view.end}.csv", "text/csv", key="table-csv")
    captions.source_note(row, pd.concat([table["start_year"], table["end_year"]]), table["kind"])


def standard_sections(view: View) -> None:
    """Headline, map, then ranking and trend side by side, then the tables: what every theme page shows."""
    figures = headline(view)
    focal_value(view, figures)
    latest = latest_in_group(view)
    map_section(view, latest)
    left, right = st.columns(2)
    with left:
        ranking_section(view, latest, figures["value"])
    with right:
        trend_section(view)
    with st.expander(_("Table and download"), expanded=False):
        group_table(view)
        change_table(view)

"""Sections of the overview: the counts UNICEF leads with, one headline per theme, a map, and the group
against the 2030 targets."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from childsdg import api, formatting
from childsdg.analysis import progress_engine, status
from childsdg.charts import common_charts
from childsdg.data import catalogue, geo
from childsdg.exports import chart_files
from childsdg.i18n import _, ngettext
from childsdg.views import chart_block, filters, page_registry, theme_standard_sections


def focal_links(iso3: str | None) -> None:
    """Where the reader came with a country (the focal one): links to its profile and its peers."""
    if iso3 is None:
        return
    name = catalogue.country_names()[iso3]
    st.page_link(page_registry.file("country_profile"),
                 label=_("{country}'s profile: every indicator against its region").format(country=name),
                 query_params={filters.FOCAL: iso3})
    st.page_link(page_registry.file("peers"), label=_("{country}'s peers").format(country=name),
                 query_params={filters.FOCAL: iso3})


GRID_COLUMNS = 2


def grid(count: int) -> list:
    """``count`` boxes, two to a row (one on a phone, where Streamlit stacks columns).

    Four to a row left each box about 160 px at 200% zoom (700 px of page), and st.metric cuts a value
    that does not fit its box ("13.7 per…"); two to a row keep "115.2 per 1,000" whole there.
    """
    boxes = []
    while len(boxes) < count:
        boxes.extend(st.columns(GRID_COLUMNS, gap="large"))
    return boxes[:count]


def lead_numbers(group_spec: str) -> pd.DataFrame:
    """The counts UNICEF leads with, each with its year, its source (or "derived") and how many countries report."""
    parts = api.lead_numbers(group_spec)
    for column, (_lead, rows) in zip(grid(len(catalogue.LEAD_NUMBERS)), parts.groupby("lead", sort=False)):
        first = rows.iloc[0]
        with column:
            st.markdown(f"**{_(first['label'])}**")
            reported = rows[rows["value"].notna()]
            value = reported["value"].sum() if len(reported) else float("nan")
            year = _("no data") if formatting.is_missing(first["year"]) else str(int(first["year"]))
            st.metric(_("{year} · derived").format(year=year) if first["kind"] == "derived" else year,
                      formatting.number(value, "count"), help=" + ".join(rows["short_name"]) if len(rows) > 1 else None)
            for part in rows.itertuples():
                amount = f"{part.short_name}: {formatting.number(part.value, 'count')} · " if len(rows) > 1 else ""
                reporting = ngettext("{count} of {members} country reporting", "{count} of {members} countries reporting",
                                     int(part.n_members)).format(count=part.n_countries, members=part.n_members)
                st.caption(f"{amount}{reporting} · {source_label(part.source_name)}")
    st.caption(_("Counts are sums over the countries that report them. Deaths are derived here: the UN IGME rate × "
                 "live births (crude birth rate × population). Zero-dose children: surviving infants without DTP1 "
                 "(WUENIC 2024). Children displaced: UNHCR's refugee children hosted plus internally displaced "
                 "children of concern to UNHCR, both estimated from the share of known age; UNICEF's own total also "
                 "counts children displaced by disasters."))
    return parts


def source_label(source_name: str) -> str:
    """The producer part of a catalogue source name ('derived: rate × live births (…)', 'UNHCR (…)')."""
    return source_name.split(", via ")[0]


def theme_cards(group_spec: str, group_name: str) -> pd.DataFrame:
    """Each theme's headline indicator: the group's latest value, change since 2015, and a sparkline."""
    headlines = list(catalogue.HEADLINE_INDICATORS.values())
    snapshot = api.group_snapshot(group_spec, headlines)
    trends = api.group_series(headlines, group_spec, start=2000)
    targeted = [i for i in headlines if i in status.targeted_indicators().index]
    counts = api.progress_counts(targeted, grouping=group_spec).set_index(["indicator", "status"])["n_countries"]
    for column, (theme, row) in zip(grid(len(headlines)), zip(catalogue.HEADLINE_INDICATORS,
                                                                     snapshot.itertuples())):
        with column:
            st.markdown(f"**{_(catalogue.THEMES[theme])}**")
            year = "" if formatting.is_missing(row.year) else f", {int(row.year)}"
            st.metric(f"{row.short_name}{year}", formatting.number(row.value, row.unit_kind),
                      delta=None if formatting.is_missing(row.change) else
                      _("{change} since {year}").format(
                          change=formatting.change(row.baseline_value, row.panel_value, row.unit_kind),
                          year=int(row.baseline_year)),
                      delta_color={"lower_is_better": "inverse", "higher_is_better": "normal"}.get(row.polarity, "off"),
                      help=None if formatting.is_missing(row.change) else
                      _("Change along the producer's published series.") if row.published else
                      ngettext("Change over the same {count} country at both ends.",
                               "Change over the same {count} countries at both ends.",
                               int(row.panel_n_countries)).format(count=int(row.panel_n_countries)))
            line = trends[(trends["indicator"] == row.indicator) & trends["value"].notna()]
            if not line.empty:
                # A picture beside the card's numbers: named in words, without the Download menu and table
                # of a chart block (the theme page has both for the same series).
                first, last = line.iloc[0], line.iloc[-1]
                st.plotly_chart(common_charts.sparkline(line), theme=None, key=f"spark-{theme}",
                                config={"staticPlot": True},
                                alt=_("{indicator}, {group}: {first} in {first_year}, {last} in {last_year}.").format(
                                    indicator=row.short_name, group=group_name,
                                    first=formatting.number(first["value"], row.unit_kind), first_year=int(first["year"]),
                                    last=formatting.number(last["value"], row.unit_kind), last_year=int(last["year"])))
            st.caption(card_source(row, group_name))
            if row.indicator in targeted:
                st.markdown(progress_line(counts[row.indicator]))
    return snapshot


def card_source(row, group_name: str) -> str:
    """Whose figure a card shows: the producer's published aggregate (with ours beside it), or ours and its coverage."""
    if row.published:
        label = f"{row.label[0].upper()}{row.label[1:]}"
        if formatting.is_missing(row.own_value):
            return _("{label} (latest: {year}); {group}.").format(label=label, year=int(row.year), group=group_name)
        return _("{label} (latest: {year}); our weighted estimate {value}; {group}.").format(
            label=label, year=int(row.year), value=formatting.number(row.own_value, row.unit_kind), group=group_name)
    return (_("Our weighted estimate: covers {share} of the group's population; {group}.") if row.unit_kind == "count"
            else _("Our weighted estimate: covers {share} of the group's weight; {group}.")).format(
        share=formatting.share(row.coverage), group=group_name)


def progress_line(counts: pd.Series) -> str:
    """'12 countries ✔ target met · 3 ↗ on track · 20 ⚠ acceleration needed (of 45)', from progress_counts."""
    shown = ("target_met", "on_track", "acceleration_needed")
    parts = [f"{int(counts[code])} {status.badge(code)}" for code in shown]
    total = int(counts.sum())
    return ngettext("**Progress to 2030** (window from {start}): {statuses} — of {count} country; {other} without a "
                    "verdict.", "**Progress to 2030** (window from {start}): {statuses} — of {count} countries; "
                    "{other} without a verdict.", total).format(
        start=progress_engine.DEFAULT_START, statuses=" · ".join(parts), count=total,
        other=int(counts.drop(list(shown)).sum()))


def headline_map(members: list[str], group_name: str, focal: str | None = None) -> None:
    """Map of one theme's headline indicator across the group, the reader's choice; ``focal`` outlined."""
    headlines = catalogue.HEADLINE_INDICATORS
    labels = {i: catalogue.indicator(i)["short_name"] for i in headlines.values()}
    indicator = st.radio(_("Map"), list(labels), format_func=labels.get, horizontal=True, key="overview-map")
    row = catalogue.indicator(indicator)
    latest = api.latest(indicator, members)
    if latest.empty:
        st.info(_("No data for {indicator} in this group.").format(indicator=row["short_name"]))
        return
    names = pd.Series(catalogue.country_names())
    figure = common_charts.choropleth(latest, names, row, int(latest["data_year"].max()), geo.geojson_for_browser(),
                                      focal=focal)
    chart_block.show(figure, chart_files.ChartContext.create("overview-map-chart", indicator, {_("Group"): group_name},
                                                             latest["data_year"]),
                     partial(theme_standard_sections.chart_data, latest, names), map_chart=True)
    st.caption(_("Colours: {meaning}. Source: {source} ({licence}); data years {years}.").format(
        meaning=figure.layout.meta["colour_meaning"], source=row["source_name"], licence=row["licence"],
        years=formatting.years(latest["data_year"].min(), latest["data_year"].max())))


def targets_table(group_spec: str) -> None:
    """Every indicator with a 2030 target: where the group stands, and how far it has to go."""
    table = api.indicators()
    with_target = [i for i in table.loc[table["target_2030"].notna(), "id"]]
    snapshot = api.group_snapshot(group_spec, with_target)
    snapshot = snapshot[snapshot["value"].notna()]
    if snapshot.empty:
        st.info(_("No indicator with a 2030 target has enough data for this group."))
        return
    met = [(v <= t) if p == "lower_is_better" else (v >= t)
           for v, t, p in zip(snapshot["value"], snapshot["target_2030"], snapshot["polarity"])]
    shown = pd.DataFrame({
        "Indicator": snapshot["short_name"],
        "Group value": [formatting.number(v, u) for v, u in zip(snapshot["value"], snapshot["unit_kind"])],
        "Year": snapshot["year"].astype(int).astype(str),
        "2030 target": [formatting.number(v, u) for v, u in zip(snapshot["target_2030"], snapshot["unit_kind"])],
        "Target met": [_("yes") if m else _("not yet") for m in met],
        "Figure": [_("published aggregate") if p else _("our weighted estimate") for p in snapshot["published"]],
        "Our weighted estimate": [formatting.number(v, u) for v, u in zip(snapshot["own_value"], snapshot["unit_kind"])],
        "Our coverage": [formatting.share(c) for c in snapshot["coverage"]],
        "Target basis": snapshot["target_basis"],
    })
    # English column names (what tests and the code read), headers in the reader's language.
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "Indicator": _("Indicator"), "Group value": _("Group value"), "Year": _("Year"),
        "2030 target": _("2030 target"), "Target met": _("Target met"), "Figure": _("Figure"),
        "Our weighted estimate": _("Our weighted estimate"), "Our coverage": _("Our coverage"),
        "Target basis": _("Target basis")})
    st.caption(_("Group values are the producer's published aggregate where it publishes this group (the world, World "
                 "Bank regions and income groups), else our weighted aggregate of country values; a target marked "
                 "'not yet' may still be on track — see each theme page."))

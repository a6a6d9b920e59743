"""Sections of the country profile: who the country is, and each theme against its comparators."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from childsdg import api, formatting
from childsdg.analysis import peer_finder, progress_engine, status
from childsdg.charts import common_charts
from childsdg.data import catalogue
from childsdg.exports import chart_files
from childsdg.i18n import N_, _
from childsdg.views import chart_block, filters, page_registry


# A country's classifications named on its profile: column of countries.csv -> words.
CLASSIFICATION_FLAGS = (("ldc", N_("least developed")), ("lldc", N_("landlocked developing")),
                        ("sids", N_("small island developing State")), ("fragile", N_("fragile context")),
                        ("global_south", N_("Global South")))


def identity(iso3: str) -> dict[str, str | None]:
    """Title, classifications line, and the comparison groups."""
    row = catalogue.countries().loc[iso3]
    flags = [_(label) for flag, label in CLASSIFICATION_FLAGS if bool(row[flag])]
    parts = [row["unicef_region_name"], row["wb_region_name"], row["income_group_name"]]
    st.title(row["name"])
    st.caption(" · ".join(str(p) for p in parts if isinstance(p, str)) + (" · " + ", ".join(flags) if flags else ""))
    filters.sidebar_summary(row["name"])
    st.page_link(page_registry.file("briefing"), label=_("Briefing pack for {name} (PowerPoint and PDF)").format(name=row["name"]),
                 icon="📑",
                 query_params={"place": iso3})
    progress_badges(iso3)
    return api.comparison_groups(iso3)


def progress_badges(iso3: str) -> None:
    """Each indicator with a 2030 target: the country's status badge (symbol + words) and the pace behind it.

    Shown with the identity, above the themes, because "are we on track?" is the first question a
    profile is opened with; the Progress page explains the method and shows the other countries.
    """
    table = api.progress_all(iso3s=[iso3])
    themes = catalogue.indicators()["theme"]
    table = table.assign(theme=table["indicator"].map(themes).map(catalogue.THEMES).map(_, na_action="ignore"),
                         short_name=table["indicator"].map(catalogue.indicators()["short_name"]))
    with st.expander(_("Progress to 2030: {statuses}").format(statuses=", ".join(
            f"{int((table['status'] == code).sum())} {status.badge(code)}"
            for code in ("target_met", "on_track", "acceleration_needed")))):
        st.dataframe(pd.DataFrame({
            "Indicator": table["short_name"], "Status": status.badges(table), "Theme": table["theme"],
            "Window": [formatting.years(a, b) if not formatting.is_missing(b) else formatting.no_data()
                       for a, b in zip(table["window_start_year"], table["latest_year"])],
            "Observed (% a year)": table["rate_observed"].round(1),
            "Required (% a year)": table["rate_required"].round(1)}), hide_index=True, width="stretch",
            key="profile-progress", placeholder="", column_config={
                "Indicator": st.column_config.TextColumn(_("Indicator"), width="medium"),
                "Status": st.column_config.TextColumn(_("Status"), width="medium"), "Theme": _("Theme"),
                "Window": _("Window"), "Observed (% a year)": _("Observed (% a year)"),
                "Required (% a year)": _("Required (% a year)")})
        st.caption(_("Window from {start} to the latest value; rates in % a year, positive = improving.").format(
            start=progress_engine.DEFAULT_START))
        st.page_link(page_registry.file("progress"),
                     label=_("How the status is decided, and every country's: Progress to 2030"),
                     query_params={filters.FOCAL: iso3, **filters.region_params(iso3)})


def group_labels(groups: dict[str, str | None]) -> dict[str, str]:
    """{'region': 'West and Central Africa', 'income': 'Low income'} ('none' where the country has no group)."""
    return {key: catalogue.group_label(group) if group else _("none") for key, group in groups.items()}


def theme_table(table: pd.DataFrame, groups: dict[str, str | None]) -> None:
    """Latest values of a theme's indicators beside the region's and income group's (same year).

    Numbers without their unit words (the unit has its own column), so that no cell is cut on a phone.
    """
    labels = group_labels(groups)
    shown = pd.DataFrame({
        "Indicator": table["short_name"],
        "Latest": [formatting.compact(v, u) for v, u in zip(table["value"], table["unit_kind"])],
        "Region": [formatting.compact(v, u) for v, u in zip(table["region_value"], table["unit_kind"])],
        "Income group": [formatting.compact(v, u) for v, u in zip(table["income_value"], table["unit_kind"])],
        "2030 target": [formatting.compact(v, u) if not formatting.is_missing(v) else ""
                        for v, u in zip(table["target_2030"], table["unit_kind"])],
        "Unit": table["unit"],
        "Year": table["data_year"].astype(int).astype(str),
        "Kind": table["kind"],
        "Source": table["source_name"],
    })
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "Indicator": st.column_config.TextColumn(_("Indicator"), width="medium"),
        "Latest": st.column_config.TextColumn(_("Latest"), width="small"),
        "Region": st.column_config.TextColumn(_("Region: {name}").format(name=labels["region"]), width="small"),
        "Income group": st.column_config.TextColumn(_("Income group: {name}").format(name=labels["income"]),
                                                    width="small"),
        "2030 target": st.column_config.TextColumn(_("2030 target"), width="small"),
        "Year": st.column_config.TextColumn(_("Year"), width="small"),
        "Unit": _("Unit"), "Kind": _("Kind"), "Source": _("Source")})
    st.caption(_("Region = {region}, income group = {income}: weighted values in the country's data year, shown only "
                 "where countries with data hold at least half of the group's weight.").format(
        region=labels["region"], income=labels["income"]))


def theme_trend(iso3: str, theme: str, table: pd.DataFrame, groups: dict[str, str | None]) -> None:
    """One indicator of the theme over time: the country, its region and its income group."""
    options = list(table["indicator"])
    default = catalogue.HEADLINE_INDICATORS.get(theme)
    names = dict(zip(table["indicator"], table["short_name"]))
    indicator = st.selectbox(_("Trend of"), options, index=options.index(default) if default in options else 0,
                             format_func=names.get, key=f"trend-{theme}")
    row = catalogue.indicator(indicator)
    series = api.series(indicator, [iso3], start=1990)
    comparators = [api.aggregate(indicator, group, start=1990).assign(iso3=catalogue.group_label(group))
                   for group in groups.values() if group]
    lines = pd.concat([series, *[c[["iso3", "year", "value"]].assign(kind="modelled") for c in comparators]])
    lines = lines.dropna(subset=["value"])
    country_names = pd.Series(catalogue.country_names())
    chart_block.show(common_charts.trend(lines, country_names, row, target=row["target_2030"],
                                         focal=iso3),
                     chart_files.ChartContext.create(f"profile-trend-{theme}", indicator,
                                                     {_("Country"): country_names[iso3]}, lines["year"]),
                     lambda: lines[["iso3", "year", "value", "kind"]].assign(
                         iso3=lines["iso3"].map(lambda code: country_names.get(code, code))).rename(
                         columns={"iso3": "line"}), table=chart_block.by_line("year", "line"))
    st.caption(_("Source: {source} ({licence}). Region and income group lines are weighted aggregates; survey points "
                 "are dots.").format(source=row["source_name"], licence=row["licence"]))
    if page_registry.theme_page_file(theme):
        st.page_link(page_registry.theme_page_file(theme),
                     label=_("Open {indicator} on the {theme} page").format(indicator=names[indicator],
                                                                            theme=_(catalogue.THEMES[theme])),
                     query_params={"indicator": indicator, "countries": iso3, filters.FOCAL: iso3,
                                   **filters.region_params(iso3)})


PEER_INDICATOR = catalogue.HEADLINE_INDICATORS["survival"]
PROFILE_PEERS = 3


def peers_section(iso3: str) -> None:
    """A small peers section: the first comparable peers on under-5 mortality and what moved with their
    progress (association, not cause), with a link to the Peers page for the rest."""
    name = catalogue.country_names()[iso3]
    found = api.peers(iso3, PEER_INDICATOR).head(PROFILE_PEERS)
    label = catalogue.indicator(PEER_INDICATOR)["short_name"].lower()
    with st.expander(_("Peers on {indicator}: {peers}").format(
            indicator=label, peers=", ".join(found["name"]) if not found.empty else _("none found"))):
        if found.empty:
            st.caption(_("No comparable Global South country once stood at {name}'s level of {indicator} and then "
                         "improved faster; the Peers page can loosen the criteria.").format(name=name, indicator=label))
        else:
            st.markdown(f"- {formatting.plain(found['reading'].iloc[0])}")
            moved = api.peers_moved(iso3, PEER_INDICATOR, list(found["iso3"]))
            if not moved.empty:
                header, *rows = peer_finder.moved_matrix(moved, name)
                st.dataframe(pd.DataFrame(rows, columns=header), hide_index=True, width="stretch",
                             key="profile-peers-moved")
                st.caption(_("What moved with their progress over the decade after standing at this level. "
                             "Association, not cause: what to ask a peer about."))
        st.page_link(page_registry.file("peers"), label=_("Every peer of {name}, and the criteria: Peers").format(
            name=name),
                     query_params={"country": iso3, "indicator": PEER_INDICATOR})

"""The sections a theme page shows of its own, after the standard ones of ``theme_standard_sections``.

A theme page reads: filters, standard sections, then these. Each section takes the reader's ``View``,
shows its chart(s), says what the colours mean, and puts ``captions.source_note`` under each chart.
Numbers come from ``api`` (the theme's own questions: ``api.breakdown_gaps``, ``api.hazard_exposure`` ...);
group figures of rates come from ``api.aggregate``, so that they are weighted exactly as everywhere else.

- survival: both SDG 3.2 targets at once (neonatal and under-5 mortality), whatever indicator is chosen;
- early childhood: girls and boys, for every indicator of the theme that the data splits by sex;
- environment: urban and rural for every indicator split by residence; children exposed to each
  climate hazard;
- humanitarian: refugees by origin and by asylum with the children among them, and hosting per
  1,000 inhabitants; the largest origin-to-asylum movements.
"""

from __future__ import annotations

import dataclasses
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from childsdg import api, formatting
from childsdg.charts import common_charts, palette, theme_charts
from childsdg.data import catalogue
from childsdg.exports import chart_files
from childsdg.i18n import N_, _, ngettext
from childsdg.views import captions, chart_block, theme_standard_sections
from childsdg.views.filters import View

# SDG 3.2: end preventable deaths of newborns and children under 5 (targets in the catalogue's target_2030).
SDG32_INDICATORS = ("nmr", "u5mr")
# Category -> (label, colour, colour's name for the caption); colour-blind-safe (charts.palette).
CATEGORY_STYLE = {
    "female": (N_("girls"), palette.NAMED["orange"], N_("orange")),
    "male": (N_("boys"), palette.NAMED["blue"], N_("blue")),
    "urban": (N_("urban"), palette.NAMED["reddish purple"], N_("reddish purple")),
    "rural": (N_("rural"), palette.NAMED["green"], N_("green")),
}
# What the bars of a movement say of its direction (the query's 'into', 'out', 'within').
DIRECTIONS = {"into": N_("into"), "out": N_("out"), "within": N_("within")}
NO_BREAKDOWN = {"sex": N_("No indicator of this theme is split by sex in the data."),
                "residence": N_("No indicator of this theme is split by residence in the data.")}
MAX_ROWS = 15            # country rows in a gap or hosting chart (the reader's selected countries are added)
TOP_MOVEMENTS = 15       # origin -> asylum pairs shown
# displacement_pairs keeps UNHCR's codes that are not countries (data/README.md).
UNHCR_CODES = {"UNK": N_("Unknown origin"), "XXA": N_("Stateless"), "TIB": N_("Tibetan")}
REFUGEE_INDICATORS = ("refugees_hosted", "refugee_children_hosted")  # a count and its children estimate
HOSTING_INDICATOR = "refugees_per_1000"


# Helpers ---------------------------------------------------------------------------------------------

def _names() -> dict[str, str]:
    return {**{code: _(name) for code, name in UNHCR_CODES.items()}, **catalogue.country_names()}


def _largest(table: pd.DataFrame, size: pd.Series, view: View) -> pd.DataFrame:
    """The MAX_ROWS rows with the largest ``size`` plus the reader's selected countries, largest first.

    Ties keep the table's order (the queries return countries by ISO3); sorting on the ISO3 strings as
    well cost more than the rest of a chart (pandas 3 strings). Missing sizes go last. Sorted with numpy:
    pandas' assign, sort and drop copied the table three times (~2.5 ms against ~1 ms).
    """
    ordered = table.iloc[np.argsort(-size.to_numpy(dtype=float, na_value=np.nan), kind="stable")]
    return ordered[(np.arange(len(ordered)) < MAX_ROWS) | ordered["iso3"].isin(view.countries).to_numpy()]


def _labels(view: View, table: pd.DataFrame, year_column: str | None = None) -> list[str]:
    """Country names for chart rows, with the data year where it is not the chosen one; chosen countries in bold."""
    names = catalogue.country_names()
    years = table[year_column] if year_column else [view.year] * len(table)
    return [theme_charts.row_label(names[i], y, view.year, i in view.countries) for i, y in zip(table["iso3"], years)]


def _shown_rows_note(shown: int, total: int, what: str, view: View) -> str:
    """'The 15 largest gaps of the 23 countries of West and Central Africa with data.' (``what``: translated)."""
    chosen = " " + _("Countries you selected are in bold.") if view.countries else ""
    if shown >= total:
        text = ngettext("All {count} country of {group} with data.", "All {count} countries of {group} with data.", total)
    elif view.countries:
        text = ngettext("The {most} {what} of the {count} country of {group} with data and the countries you selected.",
                        "The {most} {what} of the {count} countries of {group} with data and the countries you "
                        "selected.", total)
    else:
        text = ngettext("The {most} {what} of the {count} country of {group} with data.",
                        "The {most} {what} of the {count} countries of {group} with data.", total)
    return text.format(count=total, group=view.group_name, most=MAX_ROWS, what=what) + chosen


def _kinds(*indicators: str) -> pd.Series:
    return pd.Series([catalogue.indicator(i)["kind"] for i in indicators])


def _source(indicator: str) -> pd.Series:
    """The source of an indicator as ``source_note`` wants it, named as in sources.csv (one name for a
    section whose indicators share a source but name different providers)."""
    source = api.sources().set_index("id").loc[catalogue.indicator(indicator)["source"]]
    return pd.Series({"source_name": source["name"], "licence": source["licence"]})


# Survival --------------------------------------------------------------------------------------------

def sdg32_targets(view: View) -> None:
    """Neonatal and under-5 mortality side by side, each against its SDG 3.2 target line.

    Whatever indicator the reader chose above, both targets are in view: the group's weighted series,
    the selected countries, and the catalogue's 2030 target, with how many of the group's countries
    already meet it. The one chosen
    above is not drawn again: its trend there has the target too.
    """
    st.subheader(_("SDG 3.2: newborn and under-5 deaths against their 2030 targets"))
    names = pd.Series(catalogue.country_names())
    for column, indicator in zip(st.columns(len(SDG32_INDICATORS)), SDG32_INDICATORS):
        row = catalogue.indicator(indicator)
        with column:
            latest = api.latest(indicator, list(view.members), as_of=view.year)
            met = int((latest["value"] <= row["target_2030"]).sum())  # mortality: lower is better
            target = formatting.number(row["target_2030"], row["unit_kind"])
            met_text = ngettext("Up to {year}, {met} of the {count} country of {group} with data are at or below the "
                                "target.", "Up to {year}, {met} of the {count} countries of {group} with data are at or "
                                "below the target.", len(latest)).format(year=view.year, met=met, count=len(latest),
                                                                          group=view.group_name)
            if indicator == view.indicator:  # its trend against the target is the one above: not drawn twice
                st.markdown(_("**{indicator}**: the trend above, with its 2030 target, {target} ({basis}).").format(
                    indicator=row["short_name"], target=target, basis=row["target_basis"]))
                st.caption(met_text)
                continue
            series = (api.series(indicator, list(view.countries), view.start, view.end)
                      if view.countries else pd.DataFrame(columns=["iso3", "year", "value", "kind"]))
            group = api.aggregate(indicator, view.group_spec, view.start, view.end)
            if series.empty and group["value"].notna().sum() == 0:
                st.info(_("No {indicator} data for {group} between {start} and {end}.").format(
                    indicator=row["short_name"].lower(), group=view.group_name, start=view.start, end=view.end))
                continue
            figure = common_charts.trend(series, names, row, group, view.group_name, row["target_2030"],
                                         focal=view.focal)
            years = group.loc[group["value"].notna(), "year"]
            chart_block.show(figure, chart_files.ChartContext.for_view(
                dataclasses.replace(view, indicator=indicator, sex="total", residence="total"), f"sdg32-{indicator}",
                pd.concat([series["year"], years]), (view.start, view.end), view.countries),
                partial(theme_standard_sections.trend_data, series, group, names, theme_standard_sections.NO_NOTES),
                table=chart_block.by_line("data_year"))
            st.caption(_("Dotted line in vermillion: the 2030 target, {target} ({basis}). Dashed grey line: {group}, "
                         "weighted average. {met}").format(target=target, basis=row["target_basis"],
                                                           group=view.group_name, met=met_text))
            years = pd.concat([series["year"], years, latest["data_year"]])
            captions.source_note(row, years, pd.concat([series["kind"], latest["kind"]]))


# Gaps between two groups of children (early childhood: sex; environment: residence) ------------------

def _gap_chart(view: View, indicator: str, by: str, gaps: pd.DataFrame, group: pd.DataFrame) -> None:
    """One indicator's dumbbell of the group's countries, with the group's weighted values as lines."""
    row = catalogue.indicator(indicator)
    first, second = catalogue.BREAKDOWNS[by]
    (first_label, first_colour, first_name), (second_label, second_colour, second_name) = (
        CATEGORY_STYLE[first], CATEGORY_STYLE[second])
    first_label, first_name, second_label, second_name = (_(first_label), _(first_name), _(second_label),
                                                          _(second_name))
    table = gaps[gaps["indicator"] == indicator]
    if table.empty:
        st.info(_("No {indicator} values for {first} and {second} in {group} up to {year}.").format(
            indicator=row["short_name"], first=first_label, second=second_label, group=view.group_name, year=view.year))
        return
    shown = _largest(table, table["gap"].abs(), view)
    shown = shown.assign(id=shown["iso3"], label=_labels(view, shown, "data_year"))
    group_values, years = None, shown["data_year"]
    subtitle = _("{group}: no weighted value (the countries with data cover under half of the group)").format(
        group=view.group_name)
    if indicator in group.index:
        values = group.loc[indicator]
        group_values = (values["first_value"], values["second_value"])
        subtitle = _("{group} (weighted), {year}: {first} {first_value}, {second} {second_value}").format(
            group=view.group_name, year=int(values["year"]), first=first_label,
            first_value=formatting.number(values["first_value"], row["unit_kind"]), second=second_label,
            second_value=formatting.number(values["second_value"], row["unit_kind"]))
        years = pd.concat([years, pd.Series([values["year"]])])
    figure = theme_charts.dumbbell(shown, row, (first_label, second_label), (first_colour, second_colour),
                                   group_values, subtitle)
    names = catalogue.country_names()
    data = shown[["iso3", "data_year", "first_value", "second_value", "gap", "kind"]].rename(columns={
        "first_value": first_label, "second_value": second_label})  # gap: the first less the second
    chart_block.show(figure, chart_files.ChartContext.create(
        f"gap-{by}-{indicator}", indicator, {_("Group"): view.group_name, _("Year"): str(view.year)}, years),
        lambda: data.assign(iso3=data["iso3"].map(names)).rename(columns={"iso3": "country"}))
    st.caption(_("Dots: {first_colour} = {first}, {second_colour} = {second} (colour-blind-safe colours), both from "
                 "the same year; dashed lines: {group}'s weighted values. Values: {unit}. {shown} A year in brackets "
                 "is the data year where it is not {year}.").format(
        first_colour=first_name, first=first_label, second_colour=second_name, second=second_label,
        group=view.group_name, unit=row["unit"], year=view.year,
        shown=_shown_rows_note(len(shown), len(table), _("largest gaps"), view)))
    captions.source_note(row, years, shown["kind"])


def _gaps(view: View, by: str) -> None:
    """For every indicator of the page's theme split by ``by``: each country's two values and the group's."""
    indicators = list(api.breakdown_indicators(view.row["theme"], by)["id"])
    if not indicators:
        st.info(_(NO_BREAKDOWN[by]))
        return
    indicators.sort(key=lambda i: i != view.indicator)  # the indicator chosen above comes first
    gaps = api.breakdown_gaps(indicators, view.members, view.year, by)
    group = api.group_by_category(indicators, view.group_spec, view.year, by)
    for indicator in indicators:  # full width each: country names are long, and the gaps are often small
        _gap_chart(view, indicator, by, gaps, group)


def sex_differences(view: View) -> None:
    """Girls and boys: each country's latest pair of values, largest gaps first, and the group's (SDG 4.2)."""
    st.subheader(_("Girls and boys"))
    _gaps(view, "sex")


def urban_rural_gap(view: View) -> None:
    """Urban and rural: each country's latest pair of values for water and sanitation, and the group's."""
    st.subheader(_("Urban and rural"))
    _gaps(view, "residence")


# Environment: climate hazards -----------------------------------------------------------------------

def climate_hazards(view: View) -> None:
    """The group's children exposed to each CCRI hazard (summed counts, share of the same countries' children).

    The CCRI is a snapshot of where each hazard can strike over a childhood, so the year chosen above
    does not apply; each hazard carries the end of its reference period.
    """
    st.subheader(_("Children exposed to climate hazards in {group}").format(group=view.group_name))
    table = api.hazard_exposure(view.members)
    if table.empty:
        st.info(_("No climate-hazard exposure data for {group}.").format(group=view.group_name))
        return
    multi, single = table[table["multi_hazard"]], table[~table["multi_hazard"]]
    for column, item in zip(st.columns(max(len(multi), 1)), multi.itertuples()):
        column.metric(f"{item.short_name.split(': ', 1)[-1]} ({item.year})", formatting.number(item.exposed, "count"),
                      _("{share} of children").format(share=formatting.number(item.share, "percent")),
                      delta_color="off", delta_arrow="off",
                      help=catalogue.indicator(item.indicator)["definition"])
    labels = [f"{name.split(': ', 1)[-1]} ({year})" for name, year in zip(single["short_name"], single["year"])]
    texts = [f"{formatting.compact(e, 'count')} ({formatting.number(s, 'percent')})"
             for e, s in zip(single["exposed"], single["share"])]
    hovers = [ngettext("{hazard}: {exposed} children, {share} of the {population} children under 18 in {count} "
                       "country", "{hazard}: {exposed} children, {share} of the {population} children under 18 in "
                       "{count} countries", int(n)).format(
        hazard=label, exposed=formatting.number(e, "count"), share=formatting.number(s, "percent"),
        population=formatting.number(c, "count"), count=int(n))
              for label, e, s, c, n in zip(labels, single["exposed"], single["share"], single["child_population"],
                                           single["n_countries"])]
    figure = theme_charts.ranked_bars(list(single["indicator"]), labels, single["exposed"], texts, hovers,
                                      _("Children under 18 exposed to each hazard, {group}").format(
                                          group=view.group_name), _("children"))
    chart_block.show(figure, chart_files.ChartContext.create(
        "hazards", single["indicator"].iloc[0], {_("Group"): view.group_name}, single["year"]),
        lambda: single[["short_name", "year", "exposed", "share", "child_population", "n_countries"]].rename(
            columns={"short_name": _("hazard"), "exposed": _("children exposed"), "share": _("children exposed (%)"),
                     "child_population": _("children under 18")}), unit_kind="count")
    st.caption(_("Bars: children living where each hazard can strike, summed over {group}'s countries; in brackets, "
                 "their share of the same countries' children under 18 (WorldPop 2024). The year is the end of each "
                 "hazard's reference period: the CCRI is a snapshot, so the year chosen above does not apply. "
                 "Children exposed to several hazards count in each bar.").format(group=view.group_name))
    captions.source_note(_source(single["indicator"].iloc[0]), single["year"], _kinds(*single["indicator"]))


# Humanitarian ----------------------------------------------------------------------------------------

def displacement(view: View) -> None:
    """Refugees from and hosted by the group's countries with the children among them, then hosting per 1,000."""
    st.subheader(_("Refugees from and in {group}, {year}, and the children among them").format(
        group=view.group_name, year=view.year))
    table = api.refugees_by_country(view.members, view.year)
    if table.empty:
        st.info(_("UNHCR records no refugees from or in {group} in {year}.").format(group=view.group_name,
                                                                                    year=view.year))
    else:
        _refugee_totals(view, table)
        _refugees_by_country(view, table)
    _hosting(view)


def _refugee_totals(view: View, table: pd.DataFrame) -> None:
    """The group's refugees by origin and by asylum, the children among them, and how much age is known."""
    sides = (("by_origin", _("Refugees from {group}").format(group=view.group_name)),
             ("hosted", _("Refugees in {group}").format(group=view.group_name)))
    for column, (side, label) in zip(st.columns(2), sides):
        refugees, children = table[f"refugees_{side}"].fillna(0), table[f"children_{side}"]
        known = (table[f"age_known_{side}"].fillna(0) / 100 * refugees).sum()
        column.metric(label, formatting.number(refugees.sum(), "count"),
                      _("children: {children} (estimated; age known for {share})").format(
                          children=formatting.number(children.sum(), "count"),
                          share=formatting.share(known / refugees.sum() if refugees.sum() else None)),
                      delta_color="off", delta_arrow="off",
                      help=_("Children are estimated with UNHCR's known-age method, country by country, and only "
                             "where some ages are known; the share whose age is known says how much that rests on."))


def _refugees_by_country(view: View, table: pd.DataFrame) -> None:
    shown = _largest(table, table[["refugees_by_origin", "refugees_hosted"]].max(axis=1), view)
    shown = shown.assign(id=shown["iso3"], label=_labels(view, shown))
    figure = theme_charts.displacement_by_country(shown, _("Refugees and other people in need of international "
                                                           "protection, end of {year}").format(year=view.year))
    names = _names()
    chart_block.show(figure, chart_files.ChartContext.create(
        "displacement-countries", REFUGEE_INDICATORS[0], {_("Group"): view.group_name, _("Year"): str(view.year)},
        [view.year]), lambda: shown.drop(columns=["id", "label"]).assign(iso3=shown["iso3"].map(names)).rename(
            columns={"iso3": "country", "age_known_by_origin": _("age known, by origin (%)"),
                     "age_known_hosted": _("age known, hosted (%)")}))
    st.caption(_("Blue: children under 18, light blue: adults, grey: nobody's age known (children not estimated). "
                 "Children are estimated with UNHCR's known-age method: the share of children among the refugees "
                 "whose age is known, applied to all of them; the right panel shows how much of each total that "
                 "share rests on (orange dots: refugees from the country, green diamonds: refugees it hosts).")
               + " " + _shown_rows_note(len(shown), len(table), _("largest"), view))
    captions.source_note(_source(REFUGEE_INDICATORS[0]), pd.Series([view.year]), _kinds(*REFUGEE_INDICATORS))


def _hosting(view: View) -> None:
    """Refugees hosted per 1,000 inhabitants: the group's largest hosts relative to their population.

    One year for all (the latest up to the chosen year with figures: the newest UNHCR year often has no
    population yet), rather than each country's latest value: a host ranking from mixed decades misleads.
    """
    row = catalogue.indicator(HOSTING_INDICATOR)
    history = api.series(HOSTING_INDICATOR, list(view.members), end=view.year)
    if history.empty:
        st.info(_("No {indicator} for {group} up to {year}.").format(indicator=row["short_name"].lower(),
                                                                     group=view.group_name, year=view.year))
        return
    year = int(history["year"].max())
    values = history[history["year"] == year]
    shown = _largest(values, values["value"], view)
    labels = _labels(view, shown)  # one year for all, named in the title
    group = api.aggregate(HOSTING_INDICATOR, view.group_spec, year, year)["value"].dropna()
    figure = theme_charts.ranked_bars(
        list(shown["iso3"]), labels, shown["value"], [formatting.compact(v, row["unit_kind"]) for v in shown["value"]],
        [f"{label}: {formatting.number(v, row['unit_kind'])}" for label, v in zip(labels, shown["value"])],
        _("{indicator}: the largest hosts, {year}").format(indicator=row["short_name"], year=year), row["unit"],
        group.iloc[0] if len(group) else None)
    names = catalogue.country_names()
    chart_block.show(figure, chart_files.ChartContext.create(
        "hosting", HOSTING_INDICATOR, {_("Group"): view.group_name, _("Year"): str(year)}, [year]),
        lambda: pd.DataFrame({"country": shown["iso3"].map(names), "year": shown["year"], "value": shown["value"]}))
    group_text = (_("Dashed line: {group}, {value} (refugees hosted per 1,000 people of the countries with "
                    "data).").format(group=view.group_name, value=formatting.number(group.iloc[0], row["unit_kind"]))
                  + " " if len(group) else "")
    latest_text = ("" if year == view.year else
                   _("{year} is the latest year up to {chosen} with these figures.").format(year=year,
                                                                                           chosen=view.year) + " ")
    st.caption(f"{group_text}{latest_text}{_shown_rows_note(len(shown), len(values), _('largest hosts'), view)}")
    captions.source_note(row, values["year"], values["kind"])


def movements(view: View) -> None:
    """The largest origin -> asylum pairs into, out of and within the group, with the children among them."""
    st.subheader(_("Largest movements into, out of and within {group}, {year}").format(group=view.group_name,
                                                                                        year=view.year))
    table = api.movement_pairs(view.members, view.year, TOP_MOVEMENTS)
    if table.empty:
        st.info(_("UNHCR records no refugees moving into or out of {group} in {year}.").format(
            group=view.group_name, year=view.year))
        return
    names = _names()
    table = table.assign(
        id=table["origin_iso3"] + "-" + table["asylum_iso3"],
        label=[f"{names.get(o, o)} → {names.get(a, a)}" for o, a in zip(table["origin_iso3"], table["asylum_iso3"])],
        text=[f" {formatting.compact(n, 'count')}, {_(DIRECTIONS.get(d, d))}"
              for n, d in zip(table["refugees_oip"], table["direction"])])
    figure = theme_charts.movements(table, ngettext("The {count} largest origin → asylum pair, end of {year}",
                                                    "The {count} largest origin → asylum pairs, end of {year}",
                                                    len(table)).format(count=len(table), year=view.year))
    chart_block.show(figure, chart_files.ChartContext.create(
        "movements", REFUGEE_INDICATORS[0], {_("Group"): view.group_name, _("Year"): str(view.year)}, [view.year]),
        lambda: table[["label", "direction", "refugees_oip", "children_0_17", "age_known_share"]].assign(
            direction=table["direction"].map(lambda code: _(DIRECTIONS.get(code, code)))).rename(columns={
            "label": _("origin → asylum"), "refugees_oip": _("refugees and others in need of protection"),
            "children_0_17": _("children (estimated)")}), unit_kind="count")
    known = table["age_known_share"].mul(table["refugees_oip"]).sum() / table["refugees_oip"].sum()
    st.caption(_("Blue: children under 18, estimated from each pair's own known-age share; light blue: adults; grey: "
                 "nobody's age known. Age is known for {share} of the people in these pairs. 'into', 'out' and "
                 "'within': the pair enters, leaves or stays within {group}. Asylum-seekers are not included.").format(
        share=formatting.share(known), group=view.group_name))
    captions.source_note(_source(REFUGEE_INDICATORS[0]), pd.Series([view.year]), _kinds(*REFUGEE_INDICATORS))

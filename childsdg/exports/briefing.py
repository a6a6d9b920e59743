"""A briefing pack for one country or group: a PowerPoint deck and the same content as a PDF.

People prepare briefings (a slide for a minister, a handout for a delegation) from this dashboard;
the pack hands them finished, correctly sourced material instead of screenshots and retyped sources.
Every sentence is generated from the data through the public API, so the text is right for the
numbers beside it; where the data stop, the text says so instead of guessing.

Slides, in order:
  1. title (place, date, data vintage of every source used);
  2. key figures (each indicator's latest value and year beside the comparator's: a country's region,
     a group's world figure; the 2030 target and the progress status);
  3. one per indicator: the trend chart and a two-sentence reading (level and change since 2015;
     progress status with the observed and required rates), then the best peer's reading;
  4. peers (countries only: the chosen peers, else the top comparable peers of the first indicator
     with a better direction): their readings beside the level-aligned chart, then a slide of what
     moved with their progress (the catalogue's peer_drivers, beside the country's latest values);
  5. sources (each producer and the indicators it produced, then the citation, licence and vintage of
     every distributor, and the link to this exact view).

Building is split in two: ``prepare`` reads the data and writes the text (fast), ``to_pptx`` and
``to_pdf`` render the charts (~0.4 s each through the one renderer of ``chart_files``; PNG for the deck,
vector PDF for the PDF, so the two files share no rendering). The page prepares once per choice and
writes only the format the reader clicks; ``build`` does both steps for one format.

Languages (issue 14): ``prepare`` writes every word in the reader's language (``i18n.current()``, or
``language=``) and the pack keeps it, so the writers render the charts' footers in the same language
even when called from a download callback outside the page's thread. Arabic reads right to left: the
deck's paragraphs and tables are RTL and right-aligned, in Noto Sans Arabic named for complex script
(not embedded: python-pptx cannot; PowerPoint falls back to an installed Arabic font); the PDF embeds
the bundled Noto Sans Arabic, shaped by HarfBuzz. Both mirror the layout: the chart on the right.

>>> from childsdg.exports import briefing                                 # doctest: +SKIP
>>> briefing.build("NGA", fmt="pdf")                                       # bytes of the PDF
>>> briefing.build("unicef_region:ESAR", ["u5mr", "stunting"], fmt="pptx")
>>> briefing.build("MAR", fmt="pdf", language="ar")                        # in Arabic, right to left
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import io
import struct
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from childsdg import api, formatting, i18n
from childsdg.i18n import N_, _, ngettext
from childsdg.analysis import peer_finder, progress_engine, status
from childsdg.charts import common_charts, progress_charts, text_alternatives
from childsdg.data import catalogue
from childsdg.exports import chart_files

BASELINE = progress_engine.DEFAULT_START  # "change since 2015": the SDG baseline the progress engine uses too
TREND_START = 2000
TOP_PEERS = 3
URL_PATH = "briefing"
DEFAULT_BASE = "http://localhost:8501"  # Streamlit's own default address, where no page told us the real one
FORMATS = {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
           "pdf": "application/pdf"}
PEER_POLARITIES = ("lower_is_better", "higher_is_better")
KIND_WORDS = {"modelled": N_("modelled estimate"), "survey": N_("survey value"),
              "administrative": N_("administrative data"), "derived": N_("derived value")}
# 16:9 slides; the PDF pages have the same size so that both files read the same.
SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5
MM_PER_IN, PT_PER_IN = 25.4, 72.0
MARGIN_IN, TITLE_H_IN = 0.5, 0.9
CHART_W_IN = 8.2  # the chart on the left, the reading on the right
COMPACT_TABLE_ROWS = 8  # longer tables get smaller rows and type
CHART_H_IN = CHART_W_IN * chart_files.HEIGHT / chart_files.WIDTH
# A Unicode font for the PDF (country names, dashes, ±); fpdf2's core fonts are Latin-1 only.
PDF_FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
             Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]
# Arabic: the bundled Noto Sans Arabic (OFL) for the PDF, shaped by HarfBuzz, with the Latin font above
# as fallback for codes, links and Latin names. The deck names the font; PowerPoint cannot be given the
# file (python-pptx does not embed fonts), so a reader without it sees the system's Arabic font.
ARABIC_FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts" / "noto-sans-arabic"
ARABIC_FONT = "Noto Sans Arabic"
LATIN1 = {"—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "±": "+/-", "≥": ">=", "≤": "<=", "…": "...",
          "·": "-", "✔": "", "↗": "", "⚠": ""}

ProgressCallback = Callable[[str], None] | None


@dataclasses.dataclass(frozen=True)
class Place:
    """Who the briefing is about. code: 'NGA', 'unicef_region:ESAR' or 'world' (the URL's ``place``)."""

    code: str
    name: str
    iso3: str | None
    comparator: str | None  # the group a country or group is set against: its region, or the world
    comparator_name: str | None


@dataclasses.dataclass
class Slide:
    """One slide, in terms both writers understand: a title, paragraphs, an optional table and chart."""

    kind: str  # title, key_figures, indicator, peers, sources
    title: str
    lines: list[str] = dataclasses.field(default_factory=list)
    table: list[list[str]] | None = None
    chart: tuple[go.Figure, chart_files.ChartContext] | None = None


@dataclasses.dataclass
class Pack:
    """A prepared briefing: its slides, and what it was asked for (for the file name and the link)."""

    place: Place
    indicators: list[str]
    peers: list[str]
    link: str
    slides: list[Slide]
    language: str = i18n.DEFAULT_LANGUAGE  # the words' language: the writers render the charts' footers in it

    @property
    def file_stem(self) -> str:
        return f"briefing-{self.place.code.replace(':', '-').lower()}-{formatting.today()}"


def resolve(place: str) -> Place:
    """An ISO3 code, 'world' or one group ('unicef_region:ESAR'); ValueError for anything else."""
    if not isinstance(place, str) or not place.strip():
        raise ValueError(f"place must be an ISO3 code or a group such as 'unicef_region:ESAR', not {place!r}")
    text = place.strip()
    if text.lower() == "world":
        return Place("world", _("World"), None, None, None)
    if ":" in text or text in catalogue.GROUPINGS:
        grouping, code, _members = catalogue.parse_grouping(text)
        if code is None:
            raise ValueError(f"a briefing is about one group: name it, e.g. '{grouping}:"
                             f"{next(iter(catalogue.group_names(grouping)))}', not the whole grouping {grouping!r}")
        return Place(f"{grouping}:{code}", catalogue.group_names(grouping)[code], None, "world", _("World"))
    (iso3,) = catalogue.check_iso3s(text)
    region = api.comparison_groups(iso3)["region"]
    region_name = catalogue.group_names(region.split(":")[0])[region.split(":")[1]] if region else None
    return Place(iso3, catalogue.country_names()[iso3], iso3, region, region_name)


def place_options() -> dict[str, str]:
    """Every place a briefing can be about, code -> label: countries by name, then world and groups."""
    names = dict(sorted(catalogue.country_names().items(), key=lambda item: item[1]))
    groups = {"world": _("World")}
    for grouping, label in catalogue.GROUPINGS.items():
        if grouping != "world":
            groups.update({f"{grouping}:{code}": _("{group} ({grouping})").format(group=name, grouping=_(label))
                           for code, name in catalogue.group_names(grouping).items()})
    return {**names, **groups}


def default_indicators() -> list[str]:
    return list(catalogue.HEADLINE_INDICATORS.values())


def view_link(place: Place, indicators: Iterable[str], peers: Iterable[str], base: str | None = None,
              language: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The Briefing page's URL that rebuilds this pack: place, indicators, peers and language (left out for
    English, as the pages' own links do) in its query string.

    ``base``: any URL of the running dashboard (the page passes its own); the path up to the page's
    own segment is kept, so a dashboard served under a prefix keeps it.
    """
    parts = urlsplit(base or DEFAULT_BASE)
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if "/" in path and path.rsplit("/", 1)[1] else path
    query = urlencode([("place", place.code), *(("indicators", i) for i in indicators), *(("peers", p) for p in peers),
                       *([("lang", language)] if language != i18n.DEFAULT_LANGUAGE else [])])
    return urlunsplit((parts.scheme or "http", parts.netloc, f"{path}/{URL_PATH}", query, ""))


# --- The facts and the words --------------------------------------------------------------------

@dataclasses.dataclass
class Facts:
    """What the data say about one indicator for the place, in the words' terms."""

    row: pd.Series
    value: float
    year: int | None
    kind: str | None
    baseline_value: float
    baseline_year: int | None
    # What the change since the baseline is measured to: a country's own value, or a group's value over
    # the same countries as at the baseline (api.headline's panel), with how many there are.
    baseline_end: float
    baseline_countries: int | None
    comparator_value: float
    comparator_year: int | None
    progress: pd.Series | None
    peers: pd.DataFrame | None  # countries with a better direction only
    series: pd.DataFrame  # the lines of the chart: iso3, year, value, kind
    aggregate: pd.DataFrame | None  # the weighted line of the chart: year, value, coverage
    aggregate_name: str | None

    @property
    def unit_kind(self) -> str:
        return self.row["unit_kind"]

    @property
    def target(self) -> float:
        """The place's 2030 target: its own for relative targets (from the progress engine)."""
        if self.progress is not None and not formatting.is_missing(self.progress["target"]):
            return float(self.progress["target"])
        return float("nan") if formatting.is_missing(self.row["target_2030"]) else float(self.row["target_2030"])


def _number(value, year, unit_kind: str) -> str:
    if formatting.is_missing(value):
        return _(formatting.NO_DATA)
    return _("{value} ({year})").format(value=formatting.number(value, unit_kind), year=int(year))


def _facts(place: Place, indicator: str) -> Facts:
    row = catalogue.indicator(indicator)
    nan = float("nan")
    if place.iso3:
        now = api.latest(indicator, place.iso3)
        value, year, kind = ((now["value"].iloc[0], int(now["data_year"].iloc[0]), now["kind"].iloc[0])
                             if not now.empty else (nan, None, None))
        since = api.change(indicator, place.iso3, BASELINE, api.LATEST_YEAR)
        baseline = ((since["start_value"].iloc[0], int(since["start_year"].iloc[0]), value, None)
                    if not since.empty and int(since["start_year"].iloc[0]) < (year or 0) else (nan, None, nan, None))
        progress = api.progress(indicator, place.iso3).iloc[0]
        peers = api.peers(place.iso3, indicator) if row["polarity"] in PEER_POLARITIES else None
        series = api.series(indicator, [place.iso3], start=TREND_START)
    else:
        group = api.headline(indicator, place.code, None, baseline=BASELINE)
        value, year = group["value"], (None if formatting.is_missing(group["value"]) else int(group["year"]))
        kind = None if year is None else (group["label"] if group["published"] else
                                          _("weighted estimate covering {share} of the group").format(
                                              share=formatting.share(group["coverage"])))
        baseline = ((group["baseline_value"], int(group["baseline_year"]), group["panel_value"],
                     None if group["published"] else int(group["panel_n_countries"]))
                    if not formatting.is_missing(group["baseline_year"]) else (nan, None, nan, None))
        table = api.group_progress(indicator, place.code)
        progress = table.iloc[0] if not table.empty else None
        peers = None
        series = pd.DataFrame(columns=["iso3", "year", "value", "kind"])
    comparator, aggregate = (nan, None), None
    if place.comparator:
        line = api.group_series(indicator, place.comparator, start=TREND_START)  # published first
        shown = line[line["value"].notna()]
        shown = shown if year is None else shown[shown["year"] <= year]
        if not shown.empty:  # the comparator in the place's data year, or the latest year before it that has one
            comparator = (shown["value"].iloc[-1], int(shown["year"].iloc[-1]))
        aggregate = line
    if not place.iso3:  # a group's own weighted line is the chart's main line; the world's is drawn beside it
        own = api.group_series(indicator, place.code, start=TREND_START)
        if aggregate is not None:
            series = aggregate[aggregate["value"].notna()].assign(iso3=place.comparator_name, kind="modelled")[
                ["iso3", "year", "value", "kind"]]
        aggregate = own
    return Facts(row, value, year, kind, *baseline, comparator[0], comparator[1], progress, peers,
                 series, aggregate, place.comparator_name if place.iso3 else place.name)


def level_sentence(place: Place, facts: Facts) -> str:
    """Level (value, year, kind) and change since 2015, or what is missing."""
    name, unit = facts.row["short_name"], facts.unit_kind
    if facts.year is None:
        return _("{place} has no data on {indicator} in the dashboard's sources.").format(
            place=place.name, indicator=_lower(name))
    words = {"indicator": name, "place": place.name, "value": formatting.number(facts.value, unit), "year": facts.year,
             "kind": _(KIND_WORDS[facts.kind]) if facts.kind in KIND_WORDS else facts.kind, "baseline": BASELINE}
    if facts.year < BASELINE:
        return _("{indicator} in {place} was {value} in {year} ({kind}); there is no data since {year}, so no change "
                 "since {baseline} can be measured.").format(**words)
    if facts.baseline_year is None:
        return _("{indicator} in {place} was {value} in {year} ({kind}), the only value since {baseline}, so no "
                 "change since then can be measured.").format(**words)
    difference = float(facts.baseline_end) - float(facts.baseline_value)
    words.update(since=facts.baseline_year, start=formatting.number(facts.baseline_value, unit),
                 end=formatting.number(facts.baseline_end, unit),
                 change=formatting.change(facts.baseline_value, facts.baseline_end, unit))
    if facts.baseline_countries is not None and unit != "count":
        words["countries"] = facts.baseline_countries
        return {-1: _("{indicator} in {place} was {value} in {year} ({kind}); down since {since} over the {countries} "
                      "countries with data in both years, from {start} to {end} ({change})."),
                1: _("{indicator} in {place} was {value} in {year} ({kind}); up since {since} over the {countries} "
                     "countries with data in both years, from {start} to {end} ({change})."),
                0: _("{indicator} in {place} was {value} in {year} ({kind}); unchanged since {since} over the "
                     "{countries} countries with data in both years, from {start} to {end} ({change})."),
                }[_sign(difference)].format(**words)
    return {-1: _("{indicator} in {place} was {value} in {year} ({kind}); down since {since}, from {start} to {end} "
                  "({change})."),
            1: _("{indicator} in {place} was {value} in {year} ({kind}); up since {since}, from {start} to {end} "
                 "({change})."),
            0: _("{indicator} in {place} was {value} in {year} ({kind}); unchanged since {since}, from {start} to "
                 "{end} ({change})."),
            }[_sign(difference)].format(**words)


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)


def _lower(name: str) -> str:
    """An indicator's short name inside a sentence: its first letter in lower case, unless it starts with an
    acronym ('DTP3 coverage'); Arabic has no case, so its names pass unchanged."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _status_words(row: pd.Series) -> str:
    """'acceleration needed; the pace must more than double': the status, with the grade's note where it
    is severe, in the reader's language."""
    label = _(status.STYLES[row["status"]].label)
    note = status.SEVERE_NOTES.get(row["grade"]) if row["status"] == "acceleration_needed" else None
    return _("{status}; {note}").format(status=label, note=_(note)) if note else label


def progress_sentence(facts: Facts) -> str:
    """The progress status towards the 2030 target, with the observed and required rates behind it."""
    row, unit = facts.progress, facts.unit_kind
    if row is None or row["status"] == "no_data":
        return _("There is no value since {baseline} to measure progress towards 2030 with.").format(baseline=BASELINE)
    code = row["status"]
    if code == "no_target":
        return _("This indicator has no 2030 target, so there is no progress status.")
    words = {"target": formatting.number(facts.target, unit), "status": _status_words(row), "baseline": BASELINE,
             "points": int(row["n_points"])}
    if code == "insufficient_data":
        return _("Too few values since {baseline} ({points}) to measure the pace towards the 2030 target of {target} "
                 "(status: {status}).").format(**words)
    rate = float(row["rate_observed"])
    words.update(window=formatting.years(row["window_start_year"], row["latest_year"]),
                 rate=i18n.percent(abs(rate), 1), latest=int(row["latest_year"]),
                 required=i18n.percent(float(row["rate_required"]), 1))
    # A survey rate is the trend fitted through every survey value, not the two end points the change uses.
    fitted = row["fit"] == "regression"
    observed = ((ngettext("Over {window} the trend fitted through its {points} value improved by {rate} a year",
                          "Over {window} the trend fitted through its {points} values improved by {rate} a year",
                          words["points"]) if rate >= 0 else
                 ngettext("Over {window} the trend fitted through its {points} value worsened by {rate} a year",
                          "Over {window} the trend fitted through its {points} values worsened by {rate} a year",
                          words["points"])) if fitted else
                (_("Over {window} it improved by {rate} a year") if rate >= 0 else
                 _("Over {window} it worsened by {rate} a year"))).format(**words)
    if code == "target_met":
        sentence = _("{observed}, and it has met the 2030 target of {target} (status: {status}).")
    elif row["grade"] == "target_missed":
        sentence = _("{observed}, and its latest value, of {latest}, does not meet the 2030 target of {target} "
                     "(status: {status}).")
    else:
        sentence = _("{observed}, while {required} a year is needed to reach the 2030 target of {target} "
                     "(status: {status}).")
    return sentence.format(observed=observed, **words)


def peer_sentence(place: Place, facts: Facts) -> str | None:
    """The best peer: the fastest one whose progress was not a rebound. None for groups (peers are countries)."""
    if not place.iso3:
        return None
    name = _lower(facts.row["short_name"])
    if facts.peers is None:
        return _("No peer comparison: {indicator} has no better direction.").format(indicator=name)
    if facts.peers.empty:
        return (_("No peer: {place} has no data on {indicator}.") if facts.year is None else
                _("No Global South country once stood at {place}'s level of {indicator} and then improved faster.")
                ).format(place=place.name, indicator=name)
    steady = facts.peers[~facts.peers["rebound"].astype(bool)]
    if steady.empty:
        return ngettext("The one peer found improved partly by recovering from a setback; it is not shown as the "
                        "best peer.",
                        "Every peer found ({count}) improved partly by recovering from a setback; none is shown as "
                        "the best peer.", len(facts.peers)).format(count=len(facts.peers))
    return _("Best peer: {reading}").format(reading=steady["reading"].iloc[0])


def reading(place: Place, facts: Facts) -> list[str]:
    """The two-sentence reading of one indicator: level and change, then progress."""
    return [level_sentence(place, facts), progress_sentence(facts)]


# --- The slides ---------------------------------------------------------------------------------

def _vintages(indicators: Iterable[str]) -> str:
    return _("; ").join(dict.fromkeys(str(catalogue.indicator(i)["vintage"]) for i in indicators))


def _key_figures(place: Place, facts: dict[str, Facts]) -> Slide:
    header = [_("Indicator"), place.name, place.comparator_name or "", _("2030 target"), _("Progress status")]
    rows = [[_indicator_label(f.row), _number(f.value, f.year, f.unit_kind),
             _number(f.comparator_value, f.comparator_year, f.unit_kind),
             _("none") if formatting.is_missing(f.target) else formatting.number(f.target, f.unit_kind),
             _(status.STYLES[f.progress["status"] if f.progress is not None else "no_data"].label)]
            for f in facts.values()]
    if not place.comparator:
        header, rows = header[:2] + header[3:], [r[:2] + r[3:] for r in rows]
    if place.comparator:
        note = _("Latest value and its year. {comparator}: its figure in the same year (or the latest year before it "
                 "that has one). Group figures are the producer's published aggregate where it publishes the group "
                 "(the world, World Bank regions and income groups), else our weighted value.").format(
                     comparator=place.comparator_name)
    elif not place.iso3:
        note = _("Latest value and its year. Group figures are the producer's published aggregate where it publishes "
                 "the group (the world, World Bank regions and income groups), else our weighted value.")
    else:
        note = _("Latest value and its year.")
    return Slide("key_figures", _("{place}: key figures").format(place=place.name), [note], [header, *rows])


def _indicator_label(row: pd.Series) -> str:
    """'Under-5 mortality (deaths per 1,000 live births)': a short name and its unit."""
    return _("{indicator} ({unit})").format(indicator=row["short_name"], unit=row["unit"])


def _chart(place: Place, facts: Facts, indicator: str, link: str) -> tuple[go.Figure, chart_files.ChartContext] | None:
    lines = facts.series.dropna(subset=["value"])
    if lines.empty and (facts.aggregate is None or facts.aggregate["value"].isna().all()):
        return None
    names = pd.Series({**catalogue.country_names(), **({place.comparator_name: place.comparator_name}
                                                     if place.comparator_name else {})})
    figure = common_charts.trend(lines, names, facts.row, facts.aggregate, facts.aggregate_name,
                                 None if formatting.is_missing(facts.target) else facts.target, focal=place.iso3)
    years = pd.concat([lines["year"], facts.aggregate.dropna(subset=["value"])["year"]
                       if facts.aggregate is not None else pd.Series(dtype=float)])
    context = chart_files.ChartContext.create(
        "briefing", indicator, {_("Place"): place.name, _("Compared with"): place.comparator_name or ""}, years, link)
    return figure, context


def _peers_slides(place: Place, facts: dict[str, Facts], chosen: list[str], link: str
                  ) -> tuple[list[Slide], list[str]]:
    """The peers of the first indicator with a better direction: their readings beside the level-aligned
    chart, then what moved with their progress (countries only; a group has no peers). Returns the
    slides and the indicators of the "what moved" table (their producers are credited too)."""
    if not place.iso3:
        return [], []
    first = next((i for i, f in facts.items() if f.peers is not None), None)
    if first is None:
        return [Slide("peers", _("Peers of {place}").format(place=place.name),
                      [_("None of the chosen indicators has a better direction, so there is no peer search.")])], []
    found, row = facts[first].peers, facts[first].row
    name = _lower(row["short_name"])
    title = _("Peers on {indicator}: who stood at {place}'s level, in comparable circumstances, and then did "
              "better").format(indicator=name, place=place.name)
    if found.empty and not chosen:
        return [Slide("peers", title, [peer_sentence(place, facts[first])])], []
    if chosen:
        shown = found[found["iso3"].isin(chosen)]
        lines = [_("Peers chosen for this briefing:")] + [
            found.set_index("iso3").loc[code, "reading"] if code in set(found["iso3"]) else
            _("{peer} is not among the comparable peers of {place} on {indicator}.").format(
                peer=catalogue.country_names()[code], place=place.name, indicator=name)
            for code in chosen]
    else:
        shown = found.head(TOP_PEERS)
        screening = api.peer_screening(place.iso3, first)
        lines = [ngettext("The fastest of {found} peers: {criteria}", "The {shown} fastest of {found} peers: {criteria}",
                          len(shown)).format(shown=len(shown), found=len(found), criteria=_criteria_sentence(screening)),
                 *shown["reading"]]
    slides = [Slide("peers", title, lines, chart=_peers_chart(place, facts[first], first, list(shown["iso3"]), link))]
    moved = api.peers_moved(place.iso3, first, list(shown["iso3"])) if not shown.empty else pd.DataFrame()
    if not moved.empty:
        slides.append(Slide("peers", _("What moved with the peers' progress on {indicator}").format(indicator=name), [
            _("Each peer's change over the decade after it stood at {place}'s level, beside {place}'s latest values. "
              "Association, not cause: what a delegation could ask about, not proof of what worked.").format(
                  place=place.name)],
            table=peer_finder.moved_matrix(moved, place.name)))
    return slides, list(dict.fromkeys(moved["indicator"])) if not moved.empty else []


def _criteria_sentence(screening: dict) -> str:
    """'Global South countries that stood within ±15% of this level from 1990 on, with ... (21 of 119).'"""
    criteria, focal = screening["criteria"], screening["focal"]
    tolerance = i18n.percent(peer_finder.DEFAULT_TOLERANCE * 100, 0)
    parts = [_("stood within ±{tolerance} of this level in {since} or later").format(
                 tolerance=tolerance, since=criteria.since) if criteria.since else
             _("stood within ±{tolerance} of this level").format(tolerance=tolerance)]
    if criteria.income_factor is not None and not formatting.is_missing(focal["income_relative"]):
        parts.append(_("an income then within {factor}x of this country's now (GDP per capita, PPP, relative to the "
                       "world's)").format(factor=i18n.decimal(criteria.income_factor, 0 if float(
                           criteria.income_factor).is_integer() else 1)))
    if criteria.min_population is not None:
        parts.append(_("at least {population} people then").format(
            population=formatting.number(screening["population_floor"], "count")))
    return _("Global South countries that {criteria} ({comparable} of the {candidates} that stood at this level), and "
             "then improved faster.").format(criteria=_(", with ").join(parts), comparable=screening["comparable"],
                                             candidates=screening["candidates"])


def _peers_chart(place: Place, facts: Facts, indicator: str, shown: list[str], link: str
                 ) -> tuple[go.Figure, chart_files.ChartContext] | None:
    lines = api.peer_trajectories(place.iso3, indicator, shown)
    if lines.empty:
        return None
    figure = progress_charts.level_aligned(lines, facts.row, place.name, facts.value, facts.target)
    context = chart_files.ChartContext.create("briefing", indicator, {_("Place"): place.name, _("Peers"): _(", ").join(
        catalogue.country_names()[c] for c in shown)}, lines["year"], link)
    return figure, context


def producer_lines(indicators: Iterable[str]) -> list[str]:
    """'Produced by UN IGME: under-5 mortality, neonatal mortality.' One line per producer, in first-use order."""
    by_producer: dict[str, list[str]] = {}
    for indicator in dict.fromkeys(indicators):
        row = catalogue.indicator(indicator)
        named = isinstance(row["producer"], str) and row["producer"].strip()
        producer = row["producer"] if named else row["source_name"]
        by_producer.setdefault(producer, []).append(row["short_name"])
    return [_("Produced by {producer}: {indicators}.").format(producer=producer, indicators=_(", ").join(names))
            for producer, names in by_producer.items()]


def _sources_slide(indicators: list[str], link: str, aggregated: bool, context: list[str] = ()) -> Slide:
    """Every producer and distributor used: the indicators' and the peers' context indicators', and
    where group figures are shown, their weights' and the classifications'."""
    table = api.sources().set_index("id")
    credited = list(dict.fromkeys([*indicators, *context]))
    used = [catalogue.indicator(i)["source"] for i in credited]
    if aggregated:
        used += [catalogue.indicator(catalogue.weight_indicator(i))["source"] for i in indicators]
        used += [source for source in ("classifications",) if source in table.index]
    lines = producer_lines(credited) + [
        _("Distributed by {distributor}. Licence: {licence}. Vintage: {vintage}. {citation}").format(
            distributor=table.loc[s, "name"], licence=table.loc[s, "licence"], vintage=table.loc[s, "vintage"],
            citation=table.loc[s, "citation"]) for s in dict.fromkeys(used)]
    lines += [_("Link to this view: {link}").format(link=link),
              _("Group figures are weighted averages (sums for counts) of the member countries with data; method in "
                "the dashboard's METHODS.md. Made with: {credit}.").format(credit=_(chart_files.CREDIT))]
    return Slide("sources", _("Sources and licences"), lines)


def _in_language(language: str, write: Callable, *args):
    """``write(*args)`` with ``language`` as the reader's, in a copy of the caller's context: the caller's
    language is left as it was, and a download callable run outside the page's thread still speaks the
    language the pack was prepared in."""
    def run():
        i18n.use(language)
        return write(*args)
    return contextvars.copy_context().run(run)


def prepare(place: str, indicators: Iterable[str] | None = None, peers: Iterable[str] | None = None,
            link: str | None = None, progress_cb: ProgressCallback = None, language: str | None = None) -> Pack:
    """Read the data and write every slide's text; the charts stay figures until a writer renders them.

    ``peers`` (ISO3 codes) apply to a country; a group's briefing has no peers slide (peers are
    countries found for a country). ``link``: any URL of the running dashboard, for the view link.
    ``language``: of every word in the pack ('fr', 'es', 'ar'); the reader's (``i18n.current()``) by default.
    """
    language = i18n.normalise(language) if language else i18n.current()
    return _in_language(language, _prepare, place, indicators, peers, link, progress_cb, language)


def _prepare(place, indicators, peers, link, progress_cb, language: str) -> Pack:
    where = resolve(place)
    ids = list(dict.fromkeys(default_indicators() if indicators is None else indicators))
    if not ids:
        raise ValueError("a briefing needs at least one indicator")
    for indicator in ids:
        catalogue.indicator(indicator)
    chosen = (catalogue.check_iso3s(list(peers)) or []) if peers else []
    view = view_link(where, ids, chosen if where.iso3 else [], link, language)
    facts = {}
    for indicator in ids:
        if progress_cb:
            progress_cb(_("Reading the data: {indicator}").format(indicator=catalogue.indicator(indicator)["short_name"]))
        facts[indicator] = _facts(where, indicator)
    made = format_date(dt.date.fromisoformat(formatting.today()), format="long", locale=language)
    slides = [Slide("title", _("{place}: children and the SDGs").format(place=where.name),
                    [_("Briefing of {date}").format(date=made), _("Data vintage: {vintages}").format(
                        vintages=_vintages(ids)), _(chart_files.CREDIT)]),
              _key_figures(where, facts)]
    for indicator, fact in facts.items():
        peer = peer_sentence(where, fact)
        slides.append(Slide("indicator", _("{indicator}: {place}").format(indicator=_indicator_label(fact.row),
                                                                          place=where.name),
                            [" ".join(reading(where, fact)), *([peer] if peer else [])],
                            chart=_chart(where, fact, indicator, view)))
    peer_slides, drivers = _peers_slides(where, facts, chosen, view)
    slides += peer_slides
    slides.append(_sources_slide(ids, view, aggregated=where.comparator is not None or where.iso3 is None,
                                 context=drivers))
    return Pack(where, ids, chosen, view, slides, language)


# --- Writers ------------------------------------------------------------------------------------

def _announce(progress_cb: ProgressCallback, number: int, pack: Pack, slide: Slide, fmt: str) -> None:
    if progress_cb:
        progress_cb(_("{format}: slide {number} of {count}, {title}").format(
            format=fmt.upper(), number=number, count=len(pack.slides), title=slide.title))


def _chart_bytes(slide: Slide, fmt: str) -> bytes:
    figure, context = slide.chart
    return chart_files.image(figure, context, fmt)


def chart_description(slide: Slide) -> str:
    """The alt text of a slide's chart: its title and what it shows, from the figure's data
    (``text_alternatives.describe``), then the data years and source the picture's footer gives."""
    figure, context = slide.chart
    return _("{description} Data years: {years}. Source: {source}.").format(
        description=text_alternatives.describe(figure), years=context.years_text,
        source=chart_files.plain_text(context.row["source_name"]))


def _transparent_png() -> bytes:
    """A 1x1 fully transparent PNG (RGBA), written out by hand: the PDF's tagged stand-in for a chart drawn
    as vector graphics."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # width, height, 8 bits, RGBA, no interlace
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00\x00")  # filter byte, one transparent pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _subject() -> str:
    return _("Children and the SDGs: a briefing pack from the open-source dashboard")


def _left(left_in: float, width_in: float, right_to_left: bool) -> float:
    """Where a box starts across the slide: as laid out for left-to-right reading, or mirrored (the chart
    on the right, the reading on its left) for a right-to-left language."""
    return SLIDE_W_IN - left_in - width_in if right_to_left else left_in


def _right_to_left_paragraphs(frame, language: str) -> None:
    """Arabic in the deck: each paragraph right to left and right-aligned, each run tagged Arabic and set in
    Noto Sans Arabic for complex script (PowerPoint picks a run's Arabic font from ``a:cs``)."""
    from pptx.oxml.ns import qn

    for paragraph in frame.paragraphs:
        properties = paragraph._p.get_or_add_pPr()
        properties.set("rtl", "1")
        properties.set("algn", "r")
        for run in paragraph.runs:
            run_properties = run._r.get_or_add_rPr()
            run_properties.set("lang", language)
            for old in run_properties.findall(qn("a:cs")):
                run_properties.remove(old)
            run_properties.append(run_properties.makeelement(qn("a:cs"), {"typeface": ARABIC_FONT}))


def to_pptx(pack: Pack, progress_cb: ProgressCallback = None) -> bytes:
    """The deck: 16:9, the default template's title layouts, charts as PNG at presentation resolution; in the
    pack's language, mirrored and right to left for Arabic."""
    return _in_language(pack.language, _write_pptx, pack, progress_cb)


def _write_pptx(pack: Pack, progress_cb: ProgressCallback) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    right_to_left = i18n.is_right_to_left(pack.language)
    arrange = ((lambda frame: _right_to_left_paragraphs(frame, pack.language)) if right_to_left else
               (lambda frame: None))
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    deck.core_properties.title = pack.slides[0].title
    deck.core_properties.subject = _subject()
    deck.core_properties.language = pack.language
    body_w = SLIDE_W_IN - 2 * MARGIN_IN
    for number, slide in enumerate(pack.slides, start=1):
        _announce(progress_cb, number, pack, slide, "pptx")
        page = deck.slides.add_slide(deck.slide_layouts[0 if slide.kind == "title" else 5])
        title = page.shapes.title
        title.text = slide.title
        top = 2.2 if slide.kind == "title" else MARGIN_IN
        title.left, title.top, title.width = Inches(MARGIN_IN), Inches(top), Inches(body_w)
        title.height = Inches(1.5 if slide.kind == "title" else TITLE_H_IN)
        title.text_frame.paragraphs[0].font.size = Pt(36 if slide.kind == "title" else 24)
        arrange(title.text_frame)
        for placeholder in [p for p in page.placeholders if p.placeholder_format.idx != 0]:
            placeholder._element.getparent().remove(placeholder._element)  # the title slide's empty subtitle
        y = top + (1.6 if slide.kind == "title" else TITLE_H_IN + 0.1)
        text_left, text_w = MARGIN_IN, body_w
        if slide.chart:
            picture = page.shapes.add_picture(io.BytesIO(_chart_bytes(slide, "png")),
                                              Inches(_left(MARGIN_IN, CHART_W_IN, right_to_left)), Inches(y),
                                              width=Inches(CHART_W_IN))
            # Alt text: python-pptx leaves the file name ("image.png") in the picture's description.
            picture._element.nvPicPr.cNvPr.set("descr", chart_description(slide))
            text_left, text_w = MARGIN_IN + CHART_W_IN + 0.3, body_w - CHART_W_IN - 0.3
        if slide.table:
            rows, cols = len(slide.table), len(slide.table[0])
            row_h, font = (0.45, 13) if rows <= COMPACT_TABLE_ROWS else (0.36, 10)  # a long table still fits the slide
            shape = page.shapes.add_table(rows, cols, Inches(MARGIN_IN), Inches(y), Inches(body_w),
                                          Inches(row_h * rows))
            if right_to_left:  # the first column on the right
                shape.table._tbl.tblPr.set("rtl", "1")
            for r, values in enumerate(slide.table):
                for c, value in enumerate(values):
                    cell = shape.table.cell(r, c)
                    cell.text = value
                    cell.text_frame.paragraphs[0].font.size = Pt(font)
                    arrange(cell.text_frame)
            y += row_h * rows + 0.2
        box = page.shapes.add_textbox(Inches(_left(text_left, text_w, right_to_left)), Inches(y), Inches(text_w),
                                      Inches(SLIDE_H_IN - y - MARGIN_IN))
        box.text_frame.word_wrap = True
        long = len(" ".join(slide.lines)) > 600
        # text beside a chart has a third of the width
        size = 10 if slide.chart and long else 12 if slide.kind in ("sources", "peers") or long else 15
        for position, line in enumerate(slide.lines):
            paragraph = box.text_frame.paragraphs[0] if position == 0 else box.text_frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.space_after = Pt(8)
        arrange(box.text_frame)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pdf_font(pdf, right_to_left: bool) -> tuple[str, Callable[[str], str]]:
    """(font family, text filter): a Unicode TTF where one is installed, else Helvetica with Latin-1 text.

    Right to left (Arabic): the bundled Noto Sans Arabic, with the Unicode TTF as fallback for the letters
    it lacks (accented Latin names, ±), and HarfBuzz shaping so that letters join and read right to left.
    """
    import uharfbuzz  # noqa: F401  fpdf2's shaping engine: fail here, by its name, where it is missing

    latin = next((path for path in PDF_FONTS if path.is_file()), None)
    if latin:
        pdf.add_font("Briefing", "", str(latin))
        bold = latin.with_name(latin.name.replace("-Regular", "-Bold").replace("Sans.ttf", "Sans-Bold.ttf"))
        pdf.add_font("Briefing", "B", str(bold if bold.is_file() else latin))
    if right_to_left:
        pdf.add_font("Arabic", "", str(ARABIC_FONT_DIR / "NotoSansArabic-Regular.ttf"))
        pdf.add_font("Arabic", "B", str(ARABIC_FONT_DIR / "NotoSansArabic-Bold.ttf"))
        pdf.set_fallback_fonts(["Briefing"] if latin else [], exact_match=False)
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="ara")
        return "Arabic", str
    if latin:
        return "Briefing", str
    table = str.maketrans(LATIN1)
    return "Helvetica", lambda text: text.translate(table).encode("latin-1", "replace").decode("latin-1")


def to_pdf(pack: Pack, progress_cb: ProgressCallback = None) -> bytes:
    """The same slides as PDF pages: text by fpdf2, each chart a vector PDF from kaleido placed with pypdf; in
    the pack's language, mirrored, right to left and shaped for Arabic."""
    return _in_language(pack.language, _write_pdf, pack, progress_cb)


def _write_pdf(pack: Pack, progress_cb: ProgressCallback) -> bytes:
    import pypdf
    from fpdf import FPDF

    mm = MM_PER_IN
    right_to_left = i18n.is_right_to_left(pack.language)
    align = "R" if right_to_left else "L"
    pdf = FPDF(orientation="L", unit="mm", format=(SLIDE_H_IN * mm, SLIDE_W_IN * mm))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_IN * mm, MARGIN_IN * mm)
    pdf.set_lang(pack.language)
    pdf.set_title(pack.slides[0].title)
    pdf.set_subject(_subject())
    family, text = _pdf_font(pdf, right_to_left)
    body_w = (SLIDE_W_IN - 2 * MARGIN_IN) * mm
    charts_at: dict[int, tuple[bytes, float, float]] = {}  # page index -> (chart PDF, left, top) in mm
    for number, slide in enumerate(pack.slides, start=1):
        _announce(progress_cb, number, pack, slide, "pdf")
        pdf.add_page()
        top = (2.2 if slide.kind == "title" else MARGIN_IN) * mm
        pdf.set_xy(MARGIN_IN * mm, top)
        pdf.set_font(family, "B", 30 if slide.kind == "title" else 20)
        pdf.multi_cell(body_w, 11 if slide.kind == "title" else 9, text(slide.title), align=align)
        y = top + (1.6 if slide.kind == "title" else TITLE_H_IN + 0.1) * mm
        left, width = MARGIN_IN * mm, body_w
        if slide.chart:
            drawing = _chart_bytes(slide, "pdf")
            chart_left = _left(MARGIN_IN, CHART_W_IN, right_to_left) * mm
            charts_at[number - 1] = (drawing, chart_left, y)
            # The chart is merged below as vector drawing, which carries no alt text: a transparent image
            # of its size, tagged with the description, stands in for it in the PDF's structure.
            box = pypdf.PdfReader(io.BytesIO(drawing)).pages[0].mediabox
            chart_w = CHART_W_IN * mm
            pdf.image(_transparent_png(), x=chart_left, y=y, w=chart_w,
                      h=chart_w * float(box.height) / float(box.width), alt_text=chart_description(slide))
            left = _left(MARGIN_IN + CHART_W_IN + 0.3, SLIDE_W_IN - 2 * MARGIN_IN - CHART_W_IN - 0.3, right_to_left) * mm
            width = body_w - (CHART_W_IN + 0.3) * mm
        pdf.set_font(family, "", 11)
        if slide.table:
            pdf.set_xy(left, y)
            with pdf.table(width=width, line_height=7, text_align="RIGHT" if right_to_left else "LEFT") as table:
                for values in slide.table:  # right to left: the first column on the right
                    table.row([text(v) for v in (values[::-1] if right_to_left else values)])
            y = pdf.get_y() + 5
        size = 10 if slide.kind in ("sources", "peers") or len(" ".join(slide.lines)) > 600 else 12
        pdf.set_font(family, "", size)
        pdf.set_xy(left, y)
        for line in slide.lines:
            pdf.set_x(left)
            pdf.multi_cell(width, size * 0.5, text(line), align=align)
            pdf.ln(2.5)
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(bytes(pdf.output())))
    page_h_pt = SLIDE_H_IN * PT_PER_IN
    for index, (chart, left_mm, top_mm) in charts_at.items():
        drawing = pypdf.PdfReader(io.BytesIO(chart)).pages[0]
        scale = CHART_W_IN * PT_PER_IN / float(drawing.mediabox.width)
        height = float(drawing.mediabox.height) * scale
        x, y = left_mm / mm * PT_PER_IN, page_h_pt - top_mm / mm * PT_PER_IN - height
        writer.pages[index].merge_transformed_page(drawing, pypdf.Transformation().scale(scale).translate(x, y))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


WRITERS = {"pptx": to_pptx, "pdf": to_pdf}


def build(place: str, indicators: Iterable[str] | None = None, peers: Iterable[str] | None = None,
          fmt: str = "pptx", link: str | None = None, progress_cb: ProgressCallback = None,
          language: str | None = None) -> bytes:
    """The briefing pack as PPTX or PDF bytes, in ``language`` (the reader's by default).
    Raises chart_files.ExportUnavailable without Chromium."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown briefing format {fmt!r}; use one of {', '.join(WRITERS)}")
    return WRITERS[fmt](prepare(place, indicators, peers, link, progress_cb, language), progress_cb)

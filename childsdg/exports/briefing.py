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

>>> from childsdg.exports import briefing                                 # doctest: +SKIP
>>> briefing.build("NGA", fmt="pdf")                                       # bytes of the PDF
>>> briefing.build("unicef_region:ESAR", ["u5mr", "stunting"], fmt="pptx")
"""

from __future__ import annotations

import dataclasses
import io
import struct
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import plotly.graph_objects as go

from childsdg import api, formatting
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
KIND_WORDS = {"modelled": "modelled estimate", "survey": "survey value", "administrative": "administrative data",
              "derived": "derived value"}
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

    @property
    def file_stem(self) -> str:
        return f"briefing-{self.place.code.replace(':', '-').lower()}-{formatting.today()}"


def resolve(place: str) -> Place:
    """An ISO3 code, 'world' or one group ('unicef_region:ESAR'); ValueError for anything else."""
    if not isinstance(place, str) or not place.strip():
        raise ValueError(f"place must be an ISO3 code or a group such as 'unicef_region:ESAR', not {place!r}")
    text = place.strip()
    if text.lower() == "world":
        return Place("world", "World", None, None, None)
    if ":" in text or text in catalogue.GROUPINGS:
        grouping, code, _ = catalogue.parse_grouping(text)
        if code is None:
            raise ValueError(f"a briefing is about one group: name it, e.g. '{grouping}:"
                             f"{next(iter(catalogue.group_names(grouping)))}', not the whole grouping {grouping!r}")
        return Place(f"{grouping}:{code}", catalogue.group_names(grouping)[code], None, "world", "World")
    (iso3,) = catalogue.check_iso3s(text)
    region = api.comparison_groups(iso3)["region"]
    region_name = catalogue.group_names(region.split(":")[0])[region.split(":")[1]] if region else None
    return Place(iso3, catalogue.country_names()[iso3], iso3, region, region_name)


def place_options() -> dict[str, str]:
    """Every place a briefing can be about, code -> label: countries by name, then world and groups."""
    names = dict(sorted(catalogue.country_names().items(), key=lambda item: item[1]))
    groups = {"world": "World"}
    for grouping, label in catalogue.GROUPINGS.items():
        if grouping != "world":
            groups.update({f"{grouping}:{code}": f"{name} ({label})"
                           for code, name in catalogue.group_names(grouping).items()})
    return {**names, **groups}


def default_indicators() -> list[str]:
    return list(catalogue.HEADLINE_INDICATORS.values())


def view_link(place: Place, indicators: Iterable[str], peers: Iterable[str], base: str | None = None) -> str:
    """The Briefing page's URL that rebuilds this pack: place, indicators and peers in its query string.

    ``base``: any URL of the running dashboard (the page passes its own); the path up to the page's
    own segment is kept, so a dashboard served under a prefix keeps it.
    """
    parts = urlsplit(base or DEFAULT_BASE)
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if "/" in path and path.rsplit("/", 1)[1] else path
    query = urlencode([("place", place.code), *(("indicators", i) for i in indicators), *(("peers", p) for p in peers)])
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
    return formatting.NO_DATA if formatting.is_missing(value) else f"{formatting.number(value, unit_kind)} ({int(year)})"


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
                                          f"weighted estimate covering {formatting.share(group['coverage'])} of the group")
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
        return f"{place.name} has no data on {name.lower()} in the dashboard's sources."
    text = (f"{name} in {place.name} was {formatting.number(facts.value, unit)} in {facts.year} "
            f"({KIND_WORDS.get(facts.kind, facts.kind)})")
    if facts.year < BASELINE:
        return text + f"; there is no data since {facts.year}, so no change since {BASELINE} can be measured."
    if facts.baseline_year is None:
        return text + f", the only value since {BASELINE}, so no change since then can be measured."
    difference = float(facts.baseline_end) - float(facts.baseline_value)
    direction = "down" if difference < 0 else "up" if difference > 0 else "unchanged"
    over = ("" if facts.baseline_countries is None or unit == "count" else
            f" over the {facts.baseline_countries} countries with data in both years")
    return (text + f"; {direction} since {facts.baseline_year}{over}, from "
            f"{formatting.number(facts.baseline_value, unit)} to {formatting.number(facts.baseline_end, unit)} "
            f"({formatting.change(facts.baseline_value, facts.baseline_end, unit)}).")


def _pace(rate: float) -> str:
    return f"improved by {rate:.1f}% a year" if rate >= 0 else f"worsened by {abs(rate):.1f}% a year"


def progress_sentence(facts: Facts) -> str:
    """The progress status towards the 2030 target, with the observed and required rates behind it."""
    row, unit = facts.progress, facts.unit_kind
    if row is None or row["status"] == "no_data":
        return f"There is no value since {BASELINE} to measure progress towards 2030 with."
    code, label = row["status"], status.STYLES[row["status"]].label
    target = formatting.number(facts.target, unit)
    if code == "no_target":
        return "This indicator has no 2030 target, so there is no progress status."
    if code == "insufficient_data":
        return (f"Too few values since {BASELINE} ({int(row['n_points'])}) to measure the pace towards the 2030 "
                f"target of {target} (status: {label}).")
    window = formatting.years(row["window_start_year"], row["latest_year"])
    # A survey rate is the trend fitted through every survey value, not the two end points the change uses.
    observed = (f"Over {window} the trend fitted through its {int(row['n_points'])} values "
                f"{_pace(float(row['rate_observed']))}" if row["fit"] == "regression" else
                f"Over {window} it {_pace(float(row['rate_observed']))}")
    if code == "target_met":
        return f"{observed}, and it has met the 2030 target of {target} (status: {label})."
    if row["grade"] == "target_missed":
        return (f"{observed}, and its latest value, of {int(row['latest_year'])}, does not meet the 2030 target of "
                f"{target} (status: {label}; {status.SEVERE_NOTES['target_missed']}).")
    required = f"{float(row['rate_required']):.1f}% a year is needed to reach the 2030 target of {target}"
    note = status.SEVERE_NOTES.get(row["grade"]) if code == "acceleration_needed" else None
    return f"{observed}, while {required} (status: {label}{f'; {note}' if note else ''})."


def peer_sentence(place: Place, facts: Facts) -> str | None:
    """The best peer: the fastest one whose progress was not a rebound. None for groups (peers are countries)."""
    if not place.iso3:
        return None
    name = facts.row["short_name"].lower()
    if facts.peers is None:
        return f"No peer comparison: {name} has no better direction."
    if facts.peers.empty:
        return (f"No peer: {place.name} has no data on {name}." if facts.year is None else
                f"No Global South country once stood at {place.name}'s level of {name} and then improved faster.")
    steady = facts.peers[~facts.peers["rebound"].astype(bool)]
    if steady.empty:
        return (f"Every peer found ({len(facts.peers)}) improved partly by recovering from a setback; "
                "none is shown as the best peer.")
    return "Best peer: " + steady["reading"].iloc[0]


def reading(place: Place, facts: Facts) -> list[str]:
    """The two-sentence reading of one indicator: level and change, then progress."""
    return [level_sentence(place, facts), progress_sentence(facts)]


# --- The slides ---------------------------------------------------------------------------------

def _vintages(indicators: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(str(catalogue.indicator(i)["vintage"]) for i in indicators))


def _key_figures(place: Place, facts: dict[str, Facts]) -> Slide:
    header = ["Indicator", place.name, place.comparator_name or "", "2030 target", "Progress status"]
    rows = [[f"{f.row['short_name']} ({f.row['unit']})", _number(f.value, f.year, f.unit_kind),
             _number(f.comparator_value, f.comparator_year, f.unit_kind),
             "none" if formatting.is_missing(f.target) else formatting.number(f.target, f.unit_kind),
             status.STYLES[f.progress["status"]].label if f.progress is not None else status.STYLES["no_data"].label]
            for f in facts.values()]
    if not place.comparator:
        header, rows = header[:2] + header[3:], [r[:2] + r[3:] for r in rows]
    published = ("Group figures are the producer's published aggregate where it publishes the group (the world, "
                 "World Bank regions and income groups), else our weighted value.")
    note = (f"Latest value and its year. {place.comparator_name}: its figure in the same year (or the latest "
            f"year before it that has one). {published}" if place.comparator else f"Latest value and its year. "
            f"{published if not place.iso3 else ''}".strip())
    return Slide("key_figures", f"{place.name}: key figures", [note], [header, *rows])


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
        "briefing", indicator, {"Place": place.name, "Compared with": place.comparator_name or ""}, years, link)
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
        return [Slide("peers", f"Peers of {place.name}",
                      ["None of the chosen indicators has a better direction, so there is no peer search."])], []
    found, row = facts[first].peers, facts[first].row
    name = row["short_name"].lower()
    title = f"Peers on {name}: who stood at {place.name}'s level, in comparable circumstances, and then did better"
    if found.empty and not chosen:
        return [Slide("peers", title, [peer_sentence(place, facts[first])])], []
    if chosen:
        shown = found[found["iso3"].isin(chosen)]
        lines = ["Peers chosen for this briefing:"] + [
            found.set_index("iso3").loc[code, "reading"] if code in set(found["iso3"]) else
            f"{catalogue.country_names()[code]} is not among the comparable peers of {place.name} on {name}."
            for code in chosen]
    else:
        shown = found.head(TOP_PEERS)
        screening = api.peer_screening(place.iso3, first)
        lines = [f"The {len(shown)} fastest of {len(found)} peers: {_criteria_sentence(screening)}", *shown["reading"]]
    slides = [Slide("peers", title, lines, chart=_peers_chart(place, facts[first], first, list(shown["iso3"]), link))]
    moved = api.peers_moved(place.iso3, first, list(shown["iso3"])) if not shown.empty else pd.DataFrame()
    if not moved.empty:
        slides.append(Slide("peers", f"What moved with the peers' progress on {name}", [
            f"Each peer's change over the decade after it stood at {place.name}'s level, beside {place.name}'s latest "
            "values. Association, not cause: what a delegation could ask about, not proof of what worked."],
            table=peer_finder.moved_matrix(moved, place.name)))
    return slides, list(dict.fromkeys(moved["indicator"])) if not moved.empty else []


def _criteria_sentence(screening: dict) -> str:
    """'Global South countries that stood within ±15% of this level from 1990 on, with ... (21 of 119).'"""
    criteria, focal = screening["criteria"], screening["focal"]
    parts = [f"stood within ±{peer_finder.DEFAULT_TOLERANCE:.0%} of this level"
             + (f" in {criteria.since} or later" if criteria.since else "")]
    if criteria.income_factor is not None and not formatting.is_missing(focal["income_relative"]):
        parts.append(f"an income then within {criteria.income_factor:g}x of this country's now (GDP per capita, PPP, "
                     "relative to the world's)")
    if criteria.min_population is not None:
        parts.append(f"at least {formatting.number(screening['population_floor'], 'count')} people then")
    return (f"Global South countries that {', with '.join(parts)} ({screening['comparable']} of the "
            f"{screening['candidates']} that stood at this level), and then improved faster.")


def _peers_chart(place: Place, facts: Facts, indicator: str, shown: list[str], link: str
                 ) -> tuple[go.Figure, chart_files.ChartContext] | None:
    lines = api.peer_trajectories(place.iso3, indicator, shown)
    if lines.empty:
        return None
    figure = progress_charts.level_aligned(lines, facts.row, place.name, facts.value, facts.target)
    context = chart_files.ChartContext.create("briefing", indicator, {"Place": place.name, "Peers": ", ".join(
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
    return [f"Produced by {producer}: {', '.join(names)}." for producer, names in by_producer.items()]


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
        f"Distributed by {table.loc[s, 'name']}. Licence: {table.loc[s, 'licence']}. "
        f"Vintage: {table.loc[s, 'vintage']}. "
        f"{table.loc[s, 'citation']}" for s in dict.fromkeys(used)]
    lines += [f"Link to this view: {link}",
              f"Group figures are weighted averages (sums for counts) of the member countries with data; method in "
              f"the dashboard's METHODS.md. Made with: {chart_files.CREDIT}."]
    return Slide("sources", "Sources and licences", lines)


def prepare(place: str, indicators: Iterable[str] | None = None, peers: Iterable[str] | None = None,
            link: str | None = None, progress_cb: ProgressCallback = None) -> Pack:
    """Read the data and write every slide's text; the charts stay figures until a writer renders them.

    ``peers`` (ISO3 codes) apply to a country; a group's briefing has no peers slide (peers are
    countries found for a country). ``link``: any URL of the running dashboard, for the view link.
    """
    where = resolve(place)
    ids = list(dict.fromkeys(default_indicators() if indicators is None else indicators))
    if not ids:
        raise ValueError("a briefing needs at least one indicator")
    for indicator in ids:
        catalogue.indicator(indicator)
    chosen = (catalogue.check_iso3s(list(peers)) or []) if peers else []
    view = view_link(where, ids, chosen if where.iso3 else [], link)
    facts = {}
    for indicator in ids:
        if progress_cb:
            progress_cb(f"Reading the data: {catalogue.indicator(indicator)['short_name']}")
        facts[indicator] = _facts(where, indicator)
    slides = [Slide("title", f"{where.name}: children and the SDGs",
                    [f"Briefing of {formatting.today()}", f"Data vintage: {_vintages(ids)}", chart_files.CREDIT]),
              _key_figures(where, facts)]
    for indicator, fact in facts.items():
        peer = peer_sentence(where, fact)
        slides.append(Slide("indicator", f"{fact.row['short_name']} ({fact.row['unit']}): {where.name}",
                            [" ".join(reading(where, fact)), *([peer] if peer else [])],
                            chart=_chart(where, fact, indicator, view)))
    peer_slides, drivers = _peers_slides(where, facts, chosen, view)
    slides += peer_slides
    slides.append(_sources_slide(ids, view, aggregated=where.comparator is not None or where.iso3 is None,
                                 context=drivers))
    return Pack(where, ids, chosen, view, slides)


# --- Writers ------------------------------------------------------------------------------------

def _announce(progress_cb: ProgressCallback, number: int, pack: Pack, slide: Slide, fmt: str) -> None:
    if progress_cb:
        progress_cb(f"{fmt.upper()}: slide {number} of {len(pack.slides)}, {slide.title}")


def _chart_bytes(slide: Slide, fmt: str) -> bytes:
    figure, context = slide.chart
    return chart_files.image(figure, context, fmt)


def chart_description(slide: Slide) -> str:
    """The alt text of a slide's chart: its title and what it shows, from the figure's data
    (``text_alternatives.describe``), then the data years and source the picture's footer gives."""
    figure, context = slide.chart
    return (f"{text_alternatives.describe(figure)} Data years: {context.years_text}. "
            f"Source: {chart_files.plain_text(context.row['source_name'])}.")


def _transparent_png() -> bytes:
    """A 1x1 fully transparent PNG (RGBA), written out by hand: the PDF's tagged stand-in for a chart drawn
    as vector graphics."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # width, height, 8 bits, RGBA, no interlace
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00\x00")  # filter byte, one transparent pixel
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def to_pptx(pack: Pack, progress_cb: ProgressCallback = None) -> bytes:
    """The deck: 16:9, the default template's title layouts, charts as PNG at presentation resolution."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
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
        for placeholder in [p for p in page.placeholders if p.placeholder_format.idx != 0]:
            placeholder._element.getparent().remove(placeholder._element)  # the title slide's empty subtitle
        y = top + (1.6 if slide.kind == "title" else TITLE_H_IN + 0.1)
        text_left, text_w = MARGIN_IN, body_w
        if slide.chart:
            picture = page.shapes.add_picture(io.BytesIO(_chart_bytes(slide, "png")), Inches(MARGIN_IN), Inches(y),
                                              width=Inches(CHART_W_IN))
            # Alt text: python-pptx leaves the file name ("image.png") in the picture's description.
            picture._element.nvPicPr.cNvPr.set("descr", chart_description(slide))
            text_left, text_w = MARGIN_IN + CHART_W_IN + 0.3, body_w - CHART_W_IN - 0.3
        if slide.table:
            rows, cols = len(slide.table), len(slide.table[0])
            row_h, font = (0.45, 13) if rows <= COMPACT_TABLE_ROWS else (0.36, 10)  # a long table still fits the slide
            shape = page.shapes.add_table(rows, cols, Inches(MARGIN_IN), Inches(y), Inches(body_w),
                                          Inches(row_h * rows))
            for r, values in enumerate(slide.table):
                for c, value in enumerate(values):
                    cell = shape.table.cell(r, c)
                    cell.text = value
                    cell.text_frame.paragraphs[0].font.size = Pt(font)
            y += row_h * rows + 0.2
        box = page.shapes.add_textbox(Inches(text_left), Inches(y), Inches(text_w), Inches(SLIDE_H_IN - y - MARGIN_IN))
        box.text_frame.word_wrap = True
        long = len(" ".join(slide.lines)) > 600
        # text beside a chart has a third of the width
        size = 10 if slide.chart and long else 12 if slide.kind in ("sources", "peers") or long else 15
        for position, line in enumerate(slide.lines):
            paragraph = box.text_frame.paragraphs[0] if position == 0 else box.text_frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.space_after = Pt(8)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _pdf_font(pdf) -> tuple[str, Callable[[str], str]]:
    """(font family, text filter): a Unicode TTF where one is installed, else Helvetica with Latin-1 text."""
    for path in PDF_FONTS:
        if path.is_file():
            pdf.add_font("Briefing", "", str(path))
            bold = path.with_name(path.name.replace("-Regular", "-Bold").replace("Sans.ttf", "Sans-Bold.ttf"))
            pdf.add_font("Briefing", "B", str(bold if bold.is_file() else path))
            return "Briefing", str
    table = str.maketrans(LATIN1)
    return "Helvetica", lambda text: text.translate(table).encode("latin-1", "replace").decode("latin-1")


def to_pdf(pack: Pack, progress_cb: ProgressCallback = None) -> bytes:
    """The same slides as PDF pages: text by fpdf2, each chart a vector PDF from kaleido placed with pypdf."""
    import pypdf
    from fpdf import FPDF

    mm = MM_PER_IN
    pdf = FPDF(orientation="L", unit="mm", format=(SLIDE_H_IN * mm, SLIDE_W_IN * mm))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_IN * mm, MARGIN_IN * mm)
    family, text = _pdf_font(pdf)
    body_w = (SLIDE_W_IN - 2 * MARGIN_IN) * mm
    charts_at: dict[int, tuple[bytes, float, float]] = {}  # page index -> (chart PDF, left, top) in mm
    for number, slide in enumerate(pack.slides, start=1):
        _announce(progress_cb, number, pack, slide, "pdf")
        pdf.add_page()
        top = (2.2 if slide.kind == "title" else MARGIN_IN) * mm
        pdf.set_xy(MARGIN_IN * mm, top)
        pdf.set_font(family, "B", 30 if slide.kind == "title" else 20)
        pdf.multi_cell(body_w, 11 if slide.kind == "title" else 9, text(slide.title))
        y = top + (1.6 if slide.kind == "title" else TITLE_H_IN + 0.1) * mm
        left, width = MARGIN_IN * mm, body_w
        if slide.chart:
            drawing = _chart_bytes(slide, "pdf")
            charts_at[number - 1] = (drawing, left, y)
            # The chart is merged below as vector drawing, which carries no alt text: a transparent image
            # of its size, tagged with the description, stands in for it in the PDF's structure.
            box = pypdf.PdfReader(io.BytesIO(drawing)).pages[0].mediabox
            chart_w = CHART_W_IN * mm
            pdf.image(_transparent_png(), x=left, y=y, w=chart_w, h=chart_w * float(box.height) / float(box.width),
                      alt_text=chart_description(slide))
            left, width = left + (CHART_W_IN + 0.3) * mm, body_w - (CHART_W_IN + 0.3) * mm
        pdf.set_font(family, "", 11)
        if slide.table:
            pdf.set_xy(left, y)
            with pdf.table(width=width, line_height=7, text_align="LEFT") as table:
                for values in slide.table:
                    table.row([text(v) for v in values])
            y = pdf.get_y() + 5
        size = 10 if slide.kind in ("sources", "peers") or len(" ".join(slide.lines)) > 600 else 12
        pdf.set_font(family, "", size)
        pdf.set_xy(left, y)
        for line in slide.lines:
            pdf.set_x(left)
            pdf.multi_cell(width, size * 0.5, text(line))
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
          fmt: str = "pptx", link: str | None = None, progress_cb: ProgressCallback = None) -> bytes:
    """The briefing pack as PPTX or PDF bytes. Raises chart_files.ExportUnavailable without Chromium."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown briefing format {fmt!r}; use one of {', '.join(WRITERS)}")
    return WRITERS[fmt](prepare(place, indicators, peers, link, progress_cb), progress_cb)

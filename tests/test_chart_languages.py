"""Charts and chart exports in French, Spanish and Arabic, built on the real store: no English word of
the charts' catalogue left in what a reader sees, numbers with the language's separators, Arabic drawn
with the bundled Noto Sans Arabic, and data files whose header block speaks the language while the
numbers stay machine-readable."""

from __future__ import annotations

import io
import re

import pandas as pd
import pypdf
import pytest
from babel.messages.pofile import read_po

from childsdg import api, i18n
from childsdg.analysis import status
from childsdg.charts import common_charts, progress_charts, text_alternatives, theme_charts
from childsdg.data import catalogue
from childsdg.exports import chart_files
from tests.conftest import ROOT

WCAR = "unicef_region:WCAR"
COUNTRIES = ["NER", "NGA", "GHA", "SEN", "MLI"]
LANGUAGES = ("fr", "es", "ar")
requires_chromium = pytest.mark.skipif(
    chart_files.unavailable_reason() is not None,
    reason=f"image export needs Chromium: {chart_files.unavailable_reason()}")


def words(text: str) -> set[str]:
    """The Latin words of three letters or more, placeholders and markup left out."""
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"%?\{[^}]*\}|<[^>]+>", " ", text or ""))}


def english_words(language: str) -> set[str]:
    """Every word of the charts catalogue's English strings that its ``language`` translation does not
    itself write (French 'source', 'protection', 'type' are French too; 'CHROMIUM_PATH' is a name)."""
    with (ROOT / "locales" / language / "LC_MESSAGES" / "charts.po").open("rb") as handle:
        translated = read_po(handle, locale=language)
    english, kept = set(), set()
    for message in translated:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english |= set().union(*(words(text) for text in ids))
        kept |= set().union(*(words(text) for text in strings))
    return english - kept


@pytest.fixture
def language(request):
    i18n.use(request.param)
    yield request.param
    i18n.use("en")


def figures() -> dict:
    """One figure from each chart builder, on West and Central Africa's data."""
    names = pd.Series(catalogue.country_names())
    members = list(catalogue.group_members(WCAR))
    u5mr = catalogue.indicator("u5mr")
    latest = api.latest("u5mr", members, as_of=2022)
    group = catalogue.group_name("unicef_region", "WCAR")
    series = api.series("u5mr", COUNTRIES, 2000, 2023)
    aggregate = api.aggregate("u5mr", WCAR, 2000, 2023)
    progress = api.progress("u5mr", members)
    gaps = api.breakdown_gaps(["ecd_on_track"], members, 2024, "sex").assign(label=lambda t: t["iso3"].map(names),
                                                                               id=lambda t: t["iso3"])
    refugees = api.refugees_by_country(COUNTRIES, 2023).assign(id=lambda t: t["iso3"],
                                                               label=lambda t: t["iso3"].map(names))
    pairs = api.movement_pairs(members, 2023, 5)
    pairs = pairs.assign(id=pairs["origin_iso3"] + "-" + pairs["asylum_iso3"],
                         label=pairs["origin_iso3"].map(names) + " → " + pairs["asylum_iso3"].map(names), text="")
    trajectories = api.peer_trajectories("NER", "u5mr")
    return {
        "map": common_charts.choropleth(latest, names, u5mr, 2022, {}, focal="NER"),
        "trend": common_charts.trend(series, names, u5mr, aggregate, group, u5mr["target_2030"], focal="NER"),
        "ranking": common_charts.ranking(latest, names, u5mr, 2022, 70.0, group, "NER"),
        "dumbbell": theme_charts.dumbbell(gaps, catalogue.indicator("ecd_on_track"), ("girls", "boys"),
                                          ("#04599A", "#A75501")),
        "displacement": theme_charts.displacement_by_country(refugees, "t"),
        "movements": theme_charts.movements(pairs, "t"),
        "status map": progress_charts.status_map(progress, u5mr, 2015, {}),
        "status counts": progress_charts.status_counts(api.progress_counts(["u5mr"]), "t"),
        "pace": progress_charts.rate_scatter(progress, u5mr, 2015),
        "peers": progress_charts.level_aligned(trajectories, u5mr, names["NER"], 120.0, u5mr["target_2030"]),
    }


# Status words are the common catalogue's (analysis.status writes them, in the reader's language once
# marked there); they are left out here, where the charts catalogue's own words are checked.
STATUS_WORDS = sorted({*(style.label for style in status.STYLES.values()), *status.SEVERE_NOTES.values()},
                      key=len, reverse=True)


def without(text: str, phrases) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return text


def visible_texts(figure) -> list[str]:
    """What a reader sees of a figure's words: title, axis titles, legend names, annotations, hover words,
    and the chart in words; status words, country names and the names of a category axis (data:
    api.progress_counts's group names) left out."""
    layout = figure.layout
    texts = [layout.title.text, *(axis.title.text for axis in (layout.xaxis, layout.yaxis))]
    texts += [annotation.text for annotation in layout.annotations]
    for trace in figure.data:
        texts.append(trace.name)
        texts.append(getattr(trace, "hovertemplate", None))
        for values in (getattr(trace, "customdata", None), getattr(trace, "text", None)):
            values = [values] if isinstance(values, str) else list(values) if values is not None else []
            texts += [t for t in values if isinstance(t, str)]
    texts.append(text_alternatives.describe(figure))
    # Country names are data too, in English where a table came from a cache filled in English (api.progress keeps its first language).
    countries = {*catalogue.country_names("en").values(), *catalogue.country_names().values()}
    categories = countries | {text_alternatives.plain(y) for trace in figure.data for y in list(getattr(trace, "y", None) if getattr(trace, "y", None) is not None else ())
                  if isinstance(y, str)}
    return [without(t, [*STATUS_WORDS, *categories]) for t in texts if t]


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_every_chart_speaks_the_readers_language(language):
    """No word of an English chart string is left in any chart's visible text (place names, codes and
    producers' names aside: they are data), and plotly writes numbers with the language's separators."""
    built = figures()
    english = english_words(language)
    # The status words come from analysis.status (the common catalogue), marked there; the indicator
    # names and units from the store; the words checked here are the charts catalogue's own.
    for chart, figure in built.items():
        found = set().union(*(words(text) for text in visible_texts(figure))) & english
        assert not found, (chart, found)
        assert figure.layout.separators == common_charts.separators(language), chart
    assert built["ranking"].layout.separators == {"fr": ",\u202f", "es": ",.", "ar": ".,"}[language]


def test_english_is_left_as_it_was():
    figure = figures()["ranking"]
    assert figure.layout.meta["title"].startswith("Under-5 mortality: ranking, latest value up to 2022")
    assert figure.layout.separators == ".,"
    assert "\u202b" not in figure.layout.title.text


def test_arabic_lines_are_embedded_right_to_left():
    i18n.use("ar")
    try:
        ranking = figures()["ranking"]
    finally:
        i18n.use("en")
    lines = re.split(r"<br\s*/?>", ranking.layout.title.text)
    assert all("\u202b" in line and "\u202c" in line for line in lines), lines
    assert "\u202b" not in text_alternatives.describe(ranking)  # a screen reader gets the plain words


def test_a_french_csv_has_its_header_block_in_french_and_machine_readable_numbers():
    i18n.use("fr")
    try:
        latest = api.latest("u5mr", list(catalogue.group_members(WCAR)), as_of=2022)
        context = chart_files.ChartContext.create("ranking", "u5mr", {"Group": "Afrique de l'Ouest et du Centre",
                                                                      "Year": "2022"}, latest["data_year"])
    finally:
        i18n.use("en")
    # Built where the language is not set (Streamlit's lazy downloads): the context's language is used.
    text = chart_files.to_csv(latest, context).decode("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0].startswith("# Titre : ") and "# Filtres : Groupe : Afrique de l'Ouest et du Centre · Année : 2022" in header
    assert any(line.startswith("# Source : ") for line in header)
    assert any(line.startswith("# Années des données : ") for line in header)
    data = pd.read_csv(io.StringIO(text), skiprows=len(header))
    assert list(data.columns[:4]) == ["iso3", "annee_donnee", "valeur", "type"]
    assert data["valeur"].dtype == float  # '.' decimals, no thousands separator: machine-readable
    pd.testing.assert_series_equal(data["valeur"], latest["value"].reset_index(drop=True), check_names=False)
    assert set(data["type"]) <= {"survey", "modelled"}  # cell values stay codes


def test_an_excel_export_in_arabic_names_its_sheets_and_fields_in_arabic():
    i18n.use("ar")
    try:
        latest = api.latest("u5mr", COUNTRIES, as_of=2022)
        context = chart_files.ChartContext.create("ranking", "u5mr", {"Year": "2022"}, latest["data_year"])
    finally:
        i18n.use("en")
    sheets = pd.read_excel(io.BytesIO(chart_files.to_excel(latest, context)), sheet_name=None)
    assert list(sheets) == ["البيانات", "حول البيانات"]
    assert list(sheets["حول البيانات"].columns) == ["الحقل", "القيمة"]
    assert sheets["البيانات"]["القيمة"].tolist() == pytest.approx(latest["value"].tolist())


@requires_chromium
def test_an_arabic_export_draws_its_words_with_the_bundled_arabic_font():
    """The PDF export embeds Noto Sans Arabic (the export browser is given static/fonts by fontconfig);
    the PNG of the same chart is drawn by the same browser from the same fonts."""
    i18n.use("ar")
    try:
        ranking = figures()["ranking"]
        latest = api.latest("u5mr", list(catalogue.group_members(WCAR)), as_of=2022)
        context = chart_files.ChartContext.create("ranking", "u5mr", {"Year": "2022"}, latest["data_year"])
    finally:
        i18n.use("en")
    pdf = pypdf.PdfReader(io.BytesIO(chart_files.image(ranking, context, "pdf")))
    fonts = {str(font.get_object()["/BaseFont"]) for page in pdf.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert any("NotoSansArabic" in font for font in fonts), fonts
    text = pdf.pages[0].extract_text()
    # Shaped: the glyphs drawn are the joined forms (initial, medial, final: Arabic Presentation Forms-B).
    assert len(re.findall("[\ufe70-\ufefc]", text)) > 50, text[:200]
    png = chart_files.image(ranking, context, "png")
    assert png.startswith(b"\x89PNG") and len(png) > 50_000

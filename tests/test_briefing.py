"""Briefing packs (childsdg/exports/briefing.py) opened as a reader would: python-pptx for the deck, pypdf for the PDF.

Expected figures come from the public API and the same formatting as the slides, so a wrong number,
year, rate, peer or source on a slide fails here. Building needs Chromium (the charts); those tests
skip with the reason where it is missing. The text alone (``prepare``) is tested everywhere.
"""

from __future__ import annotations

import io
import re
import string
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pypdf
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from childsdg import api, formatting, i18n
from childsdg.analysis import progress_engine, status
from childsdg.data import catalogue
from childsdg.exports import briefing, chart_files
from childsdg.i18n import _

HEADLINES = list(catalogue.HEADLINE_INDICATORS.values())
ETH_SLIDES = 5 + len(HEADLINES)  # title, key figures, one per indicator, peers, what moved, sources
ESAR_SLIDES = 3 + len(HEADLINES)  # a group has no peers slide
# The producers the headline indicators and the peers' "what moved" table credit (issue 11).
PRODUCERS = ("UN IGME", "JME", "JMP", "UNHCR", "WUENIC", "UIS")

requires_chromium = pytest.mark.skipif(
    chart_files.unavailable_reason() is not None,
    reason=f"briefing charts need Chromium: {chart_files.unavailable_reason()}")


def deck_texts(data: bytes) -> list[str]:
    """Every slide's text (text frames and table cells), one string per slide."""
    texts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        parts += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows
                  for cell in row.cells]
        texts.append("\n".join(parts))
    return texts


def pictures(data: bytes) -> list[int]:
    return [sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slide.shapes)
            for slide in Presentation(io.BytesIO(data)).slides]


def flat(text: str) -> str:
    """PDF text with its line breaks undone (fpdf2 wraps long sentences)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def ethiopia():
    return {fmt: briefing.build("ETH", fmt=fmt) for fmt in ("pptx", "pdf")}


@pytest.fixture(scope="module")
def esar():
    return {fmt: briefing.build("unicef_region:ESAR", fmt=fmt) for fmt in ("pptx", "pdf")}


def expected_ethiopia_u5mr() -> dict[str, str]:
    now = api.latest("u5mr", "ETH").iloc[0]
    region = api.aggregate("u5mr", "unicef_region:ESAR", start=int(now["data_year"]), end=int(now["data_year"]))
    own = api.progress("u5mr", "ETH").iloc[0]
    peers = api.peers("ETH", "u5mr")
    return {"level": f"{formatting.number(now['value'], 'per_1000')} in {int(now['data_year'])}",
            "key": f"{formatting.number(now['value'], 'per_1000')} ({int(now['data_year'])})",
            "region": f"{formatting.number(region['value'].iloc[0], 'per_1000')} ({int(now['data_year'])})",
            "observed": f"{own['rate_observed']:.1f}% a year", "required": f"{own['rate_required']:.1f}% a year",
            "status": f"status: {status.STYLES[own['status']].label}",
            "peer": peers[~peers["rebound"]]["reading"].iloc[0]}


@requires_chromium
def test_ethiopia_deck_has_every_slide_figure_producer_and_source(ethiopia):
    texts, images = deck_texts(ethiopia["pptx"]), pictures(ethiopia["pptx"])
    assert len(texts) == ETH_SLIDES
    assert images == [0, 0, 1, 1, 1, 1, 1, 0, 0]  # a chart per indicator slide, and the peers' level-aligned chart
    expected = expected_ethiopia_u5mr()
    assert texts[0].startswith("Ethiopia") and "Data vintage: WDI July 2026" in texts[0]
    assert expected["key"] in texts[1] and expected["region"] in texts[1] and "Eastern and Southern Africa" in texts[1]
    u5mr = texts[2]
    assert u5mr.startswith("Under-5 mortality") and "Ethiopia" in u5mr
    for part in ("level", "observed", "required", "status", "peer"):
        assert expected[part] in u5mr, part
    peers = api.peers("ETH", "u5mr").head(briefing.TOP_PEERS)
    assert "Peers on under-5 mortality" in texts[6] and all(reading in texts[6] for reading in peers["reading"])
    moved = api.peers_moved("ETH", "u5mr", list(peers["iso3"]))
    assert texts[7].startswith("What moved with the peers' progress") and "Association, not cause" in texts[7]
    first = moved[moved["iso3"] == peers["iso3"].iloc[0]]
    skilled = first[first["indicator"] == "skilled_birth_attendance"].iloc[0]
    assert (f"{formatting.number(skilled['start_value'], 'percent')} → "
            f"{formatting.number(skilled['end_value'], 'percent')}") in texts[7]
    for producer in PRODUCERS:
        assert re.search(rf"Produced by [^:\n]*\b{producer}\b", texts[8]) or f"({producer})" in texts[8], producer
    for source in {catalogue.indicator(i)["source"] for i in HEADLINES}:
        row = api.sources().set_index("id").loc[source]
        assert f"Distributed by {row['name']}. Licence: {row['licence']}." in texts[8]


@requires_chromium
def test_ethiopia_pdf_matches_the_deck(ethiopia):
    reader = pypdf.PdfReader(io.BytesIO(ethiopia["pdf"]))
    assert len(reader.pages) == ETH_SLIDES
    pages = [flat(page.extract_text()) for page in reader.pages]
    # The kaleido chart is merged as vector drawing: its own credit line (chart_files.decorate) marks it.
    charts = [f"{chart_files.CREDIT} · exported" in page for page in pages]
    assert charts == [False, False, True, True, True, True, True, False, False]
    expected = expected_ethiopia_u5mr()
    for part in ("level", "observed", "required", "peer"):
        assert flat(expected[part]) in pages[2], part
    assert "(CC BY 4.0). Data years: 2000-" in pages[2]  # the chart's own source footer
    assert expected["key"] in pages[1]
    assert "aligned on the year each stood at" in pages[6]  # the level-aligned chart's title
    assert "What moved with the peers' progress" in pages[7]
    assert all(producer in pages[-1] for producer in PRODUCERS)
    link = briefing.view_link(briefing.resolve("ETH"), HEADLINES, [])
    assert link.replace(" ", "") in pages[-1].replace(" ", "")  # a wrapped URL gains spaces in extraction


def structure_alt_texts(data: bytes) -> list[str]:
    """The /Alt of every /Figure in the PDF's structure tree (what a screen reader announces)."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"])
    return found


@requires_chromium
def test_every_chart_has_alt_text_from_its_data(ethiopia):
    """Deck pictures and PDF figures say what the chart shows, not python-pptx's 'image.png'."""
    descriptions = [shape._element.nvPicPr.cNvPr.get("descr") for slide in Presentation(io.BytesIO(ethiopia["pptx"])).slides
                    for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(descriptions) == 5 and not any("image.png" in text or not text for text in descriptions)
    now = api.latest("u5mr", "ETH").iloc[0]
    assert descriptions[0].startswith("Under-5 mortality (deaths per 1,000 live births). Line chart of 2 lines.")
    assert f"to {formatting.number(now['value'], 'per_1000')} in {int(now['data_year'])}" in descriptions[0]
    assert "Source: " in descriptions[0] and "Data years: " in descriptions[0]
    assert descriptions[-1].startswith("Under-5 mortality: Ethiopia and its peers")
    assert structure_alt_texts(ethiopia["pdf"]) == descriptions  # the same words in the PDF


@requires_chromium
def test_region_pack_compares_with_the_world_and_has_no_peers_slide(esar):
    texts = deck_texts(esar["pptx"])
    assert len(texts) == ESAR_SLIDES == len(pypdf.PdfReader(io.BytesIO(esar["pdf"])).pages)
    assert pictures(esar["pptx"]) == [0, 0, 1, 1, 1, 1, 0]
    group = api.headline("u5mr", "unicef_region:ESAR", None)
    progress = api.group_progress("u5mr", "unicef_region:ESAR").iloc[0]
    assert texts[0].startswith("Eastern and Southern Africa")
    assert f"{formatting.number(group['value'], 'per_1000')} ({group['year']})" in texts[1] and "World" in texts[1]
    assert f"was {formatting.number(group['value'], 'per_1000')} in {group['year']}" in texts[2]
    assert f"{progress['rate_observed']:.1f}% a year" in texts[2]
    assert "Best peer" not in "".join(texts) and not any(t.startswith("Peers on") for t in texts)
    for producer in ("UN IGME", "JME", "JMP", "UNHCR"):
        assert re.search(rf"Produced by [^:\n]*\b{producer}\b", texts[-1]) or f"({producer})" in texts[-1], producer
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(esar["pdf"])).pages]
    assert "UN IGME" in pages[-1] and "Distributed by World Bank, World Development Indicators" in pages[-1]


def test_view_link_reproduces_the_filters():
    pack = briefing.prepare("NGA", ["stunting", "u5mr"], peers=["omn"], link="https://dash.example.org/app/peers?x=1")
    parts = urlsplit(pack.link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "dash.example.org", "/app/briefing")
    assert parse_qs(parts.query) == {"place": ["NGA"], "indicators": ["stunting", "u5mr"], "peers": ["OMN"]}
    assert f"Link to this view: {pack.link}" in pack.slides[-1].lines
    region = briefing.prepare("unicef_region:ESAR", ["u5mr"], peers=["OMN"])
    assert parse_qs(urlsplit(region.link).query) == {"place": ["unicef_region:ESAR"], "indicators": ["u5mr"]}


def test_missing_data_is_said_not_invented():
    assert api.latest("low_birthweight", "NGA").empty  # the premise: no value at all for Nigeria
    pack = briefing.prepare("NGA", ["low_birthweight"])
    key, slide = pack.slides[1], pack.slides[2]
    assert key.table[1][1] == formatting.NO_DATA
    assert slide.lines[0].startswith("Nigeria has no data on low birthweight in the dashboard's sources.")
    assert f"There is no value since {briefing.BASELINE} to measure progress" in slide.lines[0]
    assert slide.lines[1] == "No peer: Nigeria has no data on low birthweight."


def test_chosen_peers_are_read_or_said_not_to_be_peers():
    found = api.peers("NGA", "u5mr").set_index("iso3")
    pack = briefing.prepare("NGA", ["u5mr"], peers=[found.index[1], "FRA"])
    peers = next(s for s in pack.slides if s.kind == "peers").lines
    assert peers[1] == found["reading"].iloc[1]
    assert peers[2].startswith("France is not among the comparable peers of Nigeria on under-5 mortality")


def _facts_with(grade: str) -> briefing.Facts:
    """Ethiopia-like u5mr facts whose progress row has ``grade`` (and the status the engine gives it)."""
    state = {"no_baseline": "insufficient_data", **{g: "acceleration_needed" for g in progress_engine.SEVERE_GRADES}}
    row = pd.Series({"status": state.get(grade, grade), "grade": grade, "severe": grade in progress_engine.SEVERE_GRADES,
                     "n_points": 1 if grade == "insufficient_data" else 10, "window_start_year": 2015,
                     "latest_year": 2031 if grade == "target_missed" else 2024, "fit": "endpoints",
                     "rate_observed": -1.0 if grade == "deterioration" else 0.0 if grade == "no_progress" else 2.0,
                     "rate_required": float("nan") if grade in ("target_met", "target_missed") else 5.0,
                     "target": 25.0})
    nan = float("nan")
    return briefing.Facts(row=catalogue.indicator("u5mr"), value=40.0, year=2024, kind="modelled", baseline_value=nan,
                          baseline_year=None, baseline_end=nan, baseline_countries=None, comparator_value=nan,
                          comparator_year=None, progress=row, peers=None, series=pd.DataFrame(), aggregate=None,
                          aggregate_name=None)


@pytest.mark.parametrize("grade", list(progress_engine.GRADES))
def test_every_status_and_grade_reads_exactly(grade):
    sentence = briefing.progress_sentence(_facts_with(grade))
    assert "nan" not in sentence.lower() and "or worsening" not in sentence
    code = _facts_with(grade).progress["status"]
    if code not in ("no_data", "no_target"):
        assert f"status: {status.STYLES[code].label}" in sentence
    if grade in status.SEVERE_NOTES:
        assert f"status: acceleration needed; {status.SEVERE_NOTES[grade]})" in sentence
    elif code == "acceleration_needed":
        assert sentence.endswith("(status: acceleration needed).")
    assert status.badge(code, grade).count("(") <= 1 and "or worsening" not in status.badge(code, grade)


def test_neutral_indicator_has_no_status_or_peer():
    facts = briefing.prepare("NGA", ["refugees_hosted"]).slides[2].lines
    assert "no 2030 target, so there is no progress status" in facts[0]
    assert facts[1] == "No peer comparison: refugees hosted has no better direction."


@pytest.mark.parametrize("place", ["unicef_region", "XXX", "", "unicef_region:NOPE"])
def test_unknown_places_are_refused(place):
    with pytest.raises(ValueError):
        briefing.prepare(place)


# --- Other languages (issue 14) -------------------------------------------------------------------

TRANSLATED = ("fr", "es", "ar")


def english_sentences() -> set[str]:
    """The English words of every briefing sentence: each msgid of the briefing catalogue cut at its
    placeholders, keeping the pieces of three words or more (shorter ones, 'Place', ' in ', are also
    parts of names and data values, so their absence proves nothing)."""
    from locales import catalogues

    pieces = set()
    for message in catalogues.template("briefing"):
        for msgid in (message.id if isinstance(message.id, tuple) else (message.id,)):
            for literal, *_rest in string.Formatter().parse(msgid or ""):
                if len(re.findall(r"[A-Za-z]+", literal)) >= 3:
                    pieces.add(flat(literal))
    return pieces


@pytest.fixture(scope="module")
def ethiopia_translated():
    """Ethiopia's pack prepared in each language (the test thread stays English) and written in both formats."""
    packs = {language: briefing.prepare("ETH", language=language) for language in TRANSLATED}
    return {language: {"pack": pack, **{fmt: writer(pack) for fmt, writer in briefing.WRITERS.items()}}
            for language, pack in packs.items()}


def test_a_pack_in_another_language_leaves_the_readers_language_alone():
    pack = briefing.prepare("NGA", ["u5mr"], language="fr")
    assert i18n.current() == "en" and pack.language == "fr"
    assert pack.slides[0].title == f"{catalogue.country_name('NGA', 'fr')} : les enfants et les ODD"
    assert parse_qs(urlsplit(pack.link).query)["lang"] == ["fr"]  # the link opens the page in French
    assert "lang" not in parse_qs(urlsplit(briefing.prepare("NGA", ["u5mr"]).link).query)


@requires_chromium
@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_sentence_is_left_in_a_translated_pack(ethiopia_translated, language):
    files = ethiopia_translated[language]
    slides = [flat(text) for text in deck_texts(files["pptx"])]
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(files["pdf"])).pages]
    descriptions = [shape._element.nvPicPr.cNvPr.get("descr") for slide in Presentation(io.BytesIO(files["pptx"])).slides
                    for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    sentences = english_sentences()
    assert len(sentences) > 50  # the check covers the catalogue, not a handful of strings
    for where, text in (("pptx", " ".join(slides + descriptions)), ("pdf", " ".join(pages))):
        left = sorted(piece for piece in sentences if piece in text)
        assert not left, f"{language} {where}: English left: {left}"
    # Short words the check above leaves out: the key figures' header, the alt text's labels.
    i18n.use(language)
    try:
        header = [_("Indicator"), catalogue.country_name("ETH", language)]
        years = _("{description} Data years: {years}. Source: {source}.").split("{years}")[0].split("}")[1]
    finally:
        i18n.use("en")
    assert slides[1].split(" : " if language == "fr" else ": ")[0] == catalogue.country_name("ETH", language)
    assert all(cell in slides[1] for cell in header) and all(years in text for text in descriptions)
    assert len(slides) == len(pages) == ETH_SLIDES


@requires_chromium
def test_arabic_pdf_is_set_in_noto_sans_arabic_and_reads_the_countrys_arabic_name(ethiopia_translated):
    reader = pypdf.PdfReader(io.BytesIO(ethiopia_translated["ar"]["pdf"]))
    fonts = {str(font.get_object().get("/BaseFont")) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()}
    assert {"NotoSansArabic", "NotoSansArabicBold"} <= {font.split("+")[-1] for font in fonts}  # fpdf2's subset names
    assert any("DejaVuSans" in font for font in fonts) == briefing.PDF_FONTS[0].is_file()  # the Latin fallback
    name = catalogue.country_name("ETH", "ar")
    # Noto Sans Arabic draws a letter's dots as glyphs of their own, which fpdf2 maps to no character: text
    # extraction shows their codes as control characters between the letters, so they are dropped here.
    title = "".join(ch for ch in reader.pages[0].extract_text() if ch == "\n" or ch.isprintable())
    assert name != catalogue.country_name("ETH", "en") and name in title
    assert reader.metadata.title.startswith(name)  # the file's title in Arabic too


@requires_chromium
def test_arabic_deck_reads_right_to_left_in_an_arabic_font(ethiopia_translated):
    deck = Presentation(io.BytesIO(ethiopia_translated["ar"]["pptx"]))
    paragraphs = [paragraph for slide in deck.slides for shape in slide.shapes for frame in
                  ([shape.text_frame] if shape.has_text_frame else
                   [cell.text_frame for row in shape.table.rows for cell in row.cells] if shape.has_table else [])
                  for paragraph in frame.paragraphs if paragraph.text]
    assert len(paragraphs) > 40
    for paragraph in paragraphs:
        properties = paragraph._p.pPr
        assert properties is not None and properties.get("rtl") == "1" and properties.get("algn") == "r"
        for run in paragraph.runs:
            complex_script = run._r.rPr.find(qn("a:cs"))
            assert complex_script is not None and complex_script.get("typeface") == briefing.ARABIC_FONT
    tables = [shape.table._tbl for slide in deck.slides for shape in slide.shapes if shape.has_table]
    assert tables and all(table.tblPr.get("rtl") == "1" for table in tables)
    assert deck.core_properties.language == "ar"
    # The chart sits on the right, the reading on its left (mirrored from the left-to-right layout).
    chart_slide = deck.slides[2]
    picture = next(shape for shape in chart_slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE)
    reading = next(shape for shape in chart_slide.shapes if shape.has_text_frame and shape != chart_slide.shapes.title)
    assert reading.left < picture.left
    english = Presentation(io.BytesIO(ethiopia_translated["fr"]["pptx"])).slides[2]
    assert all(p._p.pPr is None or p._p.pPr.get("rtl") != "1"
               for shape in english.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs)

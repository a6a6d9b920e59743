"""Sections of the "Briefing" page: what the pack is about (in the URL), then build with progress, then download.

The URL holds ``place`` (an ISO3 code or a group such as 'unicef_region:ESAR'), ``indicators`` and
``peers`` (the Peers page's briefing selection, and the country profile's link, land here). The
pack is built only on the button, once for both files: the text once, each chart once per format.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from childsdg import briefing, catalogue, export, filters
from childsdg.peers_page import BRIEFING_MAX

PAGE = "briefing"


@dataclass(frozen=True)
class Choice:
    place: str
    indicators: tuple[str, ...]
    peers: tuple[str, ...]


def _codes(raw: list[str], allowed, most: int) -> list[str]:
    """Codes from the URL, in order, each allowed, at most ``most``; ValueError names nothing (the notice does)."""
    codes = list(dict.fromkeys(code.strip() for code in raw if code.strip()))
    if not codes or len(codes) > most or any(code not in allowed for code in codes):
        raise ValueError(raw)
    return codes


def _multiselect(url: filters.UrlFilters, label: str, key: str, options: dict[str, str], default: list[str],
                 most: int, where=st) -> list[str]:
    """A multiselect over codes, seeded from and mirrored into the URL like UrlFilters' own widgets."""
    state = url._seed(key, lambda raw: _codes(raw, options, most), default)
    chosen = where.multiselect(label, list(options), format_func=options.get, key=state, max_selections=most)
    url._mirror(key, chosen, default)
    return chosen


def choose() -> tuple[Choice, filters.UrlFilters]:
    """Sidebar: the place, the indicators (headline ones by default) and a country's peers."""
    url = filters.UrlFilters(PAGE)
    places = briefing.place_options()
    place = url.select("Country or group", list(places), "place", catalogue.default_country(), places,
                       where=st.sidebar)
    table = catalogue.indicators()
    indicators = _multiselect(url, "Indicators", "indicators", dict(zip(table.index, table["short_name"])),
                              briefing.default_indicators(), len(table), where=st.sidebar)
    peers: list[str] = []
    if place in catalogue.countries().index:
        names = {code: name for code, name in catalogue.country_names().items() if code != place}
        peers = _multiselect(url, "Peers (optional)", "peers", names, [], BRIEFING_MAX, where=st.sidebar)
        st.sidebar.caption("Without chosen peers, the pack shows the fastest peers of the first indicator. "
                           "The Peers page can choose them for you.")
    else:
        st.sidebar.caption("Peers are found for countries: a group's pack has no peers slide.")
    return Choice(place, tuple(indicators), tuple(peers)), url


def build_and_offer(choice: Choice) -> None:
    """One button builds both files with a progress bar naming the slide; then two download buttons."""
    if not choice.indicators:
        st.info("Choose at least one indicator in the sidebar.")
        return
    key = f"{PAGE}.files"
    if st.button("Build the briefing pack (PowerPoint and PDF)", type="primary"):
        with st.status("Building the briefing pack…", expanded=True) as box:
            bar = st.progress(0.0)
            pack = briefing.prepare(choice.place, list(choice.indicators), list(choice.peers),
                                    link=export.current_link(), progress_cb=box.write)
            steps, done = 2 * len(pack.slides), [0]

            def advance(message: str) -> None:
                done[0] += 1
                bar.progress(min(done[0] / steps, 1.0), text=message)
            try:
                files = {fmt: write(pack, advance) for fmt, write in briefing.WRITERS.items()}
            except export.ExportUnavailable as error:
                box.update(label="The charts could not be rendered", state="error")
                st.error(str(error))
                return
            box.update(label=f"Briefing pack ready: {len(pack.slides)} slides", state="complete", expanded=False)
        st.session_state[key] = (choice, pack.file_stem, files)
    built = st.session_state.get(key)
    if not built or built[0] != choice:
        st.caption("Nothing is built until you click: each chart is rendered in a headless browser (about a second).")
        return
    _, stem, files = built
    left, right = st.columns(2)
    for column, (fmt, label) in zip((left, right), (("pptx", "PowerPoint (.pptx)"), ("pdf", "PDF"))):
        column.download_button(f"Download {label}", files[fmt], file_name=f"{stem}.{fmt}", mime=briefing.FORMATS[fmt],
                               key=f"{PAGE}.download.{fmt}", on_click="ignore", width="stretch")

"""Sections of the "Briefing" page: what the pack is about (in the URL), then build with progress, then download.

The URL holds ``place`` (an ISO3 code or a group such as 'unicef_region:ESAR'), ``indicators`` and
``peers`` (the Peers page's briefing selection, and the country profile's link, land here). Opened
without a place, the page takes the focal country (``filters.FOCAL``); a country chosen here becomes it.

Only the format the reader clicks is built: each file renders its own charts (PNG in the deck, vector
PDF in the PDF), so building both cost as much again for a file most readers do not want. The
prepared pack (data and text) and every file built are kept in the session for the current choice:
the second format then only renders its charts, and a file asked for twice is not built again.
A build button rather than ``st.download_button(data=callable)``: Streamlit ignores its commands
inside such a callable, and the page shows which slide is being rendered.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field

import streamlit as st

from childsdg.data import catalogue
from childsdg.exports import briefing, chart_files
from childsdg.i18n import _, ngettext
from childsdg.views import downloads, filters

PAGE = "briefing"
LABELS = {"pptx": "PowerPoint (.pptx)", "pdf": "PDF"}  # the order of the buttons


@dataclass(frozen=True)
class Choice:
    place: str
    indicators: tuple[str, ...]
    peers: tuple[str, ...]


def choose() -> tuple[Choice, filters.UrlFilters]:
    """Sidebar: the place, the indicators (headline ones by default) and a country's peers."""
    url = filters.UrlFilters(PAGE)
    places = briefing.place_options()
    default = catalogue.default_country()
    place = url.select(_("Country or group"), list(places), "place", default, places, where=st.sidebar,
                       carry=filters.focal())
    if place in catalogue.countries().index and place != default:  # the pack's country becomes the focal one
        filters.keep_focal(place, in_url=False)
        filters.follow_focal_region(place)
    table = catalogue.indicators()
    indicators = url.codes(_("Indicators"), "indicators", dict(zip(table.index, table["short_name"])), len(table),
                           briefing.default_indicators(), where=st.sidebar)
    peers: list[str] = []
    if place in catalogue.countries().index:
        names = {code: name for code, name in catalogue.country_names().items() if code != place}
        peers = url.codes(_("Peers (optional)"), "peers", names, filters.BRIEFING_MAX_PEERS, where=st.sidebar,
                          upper=True)
        st.sidebar.caption(_("Without chosen peers, the pack shows the fastest peers of the first indicator. "
                             "The Peers page can choose them for you."))
    else:
        st.sidebar.caption(_("Peers are found for countries: a group's pack has no peers slide."))
    filters.sidebar_summary(places[place], ngettext("{count} indicator", "{count} indicators", len(indicators)).format(
        count=len(indicators)), ngettext("{count} chosen peer", "{count} chosen peers", len(peers)).format(
        count=len(peers)))
    return Choice(place, tuple(indicators), tuple(peers)), url


@dataclass
class Built:
    """What the session holds for one choice: the prepared pack, and the files built from it, by format."""

    choice: Choice
    pack: briefing.Pack
    files: dict[str, bytes] = field(default_factory=dict)


def _built(choice: Choice) -> Built | None:
    """The session's pack for this choice, compared by value: when a source file changes, Streamlit reloads
    this module, and a Choice of the old class never equals one of the new (seen while developing)."""
    built = st.session_state.get(f"{PAGE}.built")
    return built if built is not None and astuple(built.choice) == astuple(choice) else None


def _build(choice: Choice, fmt: str) -> Built:
    """Build one format with a progress bar naming the slide; the pack is prepared once per choice.

    Where the charts cannot be rendered, the error is shown and the format is left out of ``files``.
    """
    label = LABELS[fmt]
    with st.status(_("Building the {file}…").format(file=label), expanded=True) as box:
        built = _built(choice)
        if built is None:
            pack = briefing.prepare(choice.place, list(choice.indicators), list(choice.peers),
                                    link=downloads.current_link(), progress_cb=box.write)
            built = st.session_state[f"{PAGE}.built"] = Built(choice, pack)
        bar, done = st.progress(0.0), [0]

        def advance(message: str) -> None:
            done[0] += 1
            bar.progress(min(done[0] / len(built.pack.slides), 1.0), text=message)
        try:
            built.files[fmt] = briefing.WRITERS[fmt](built.pack, advance)
        except chart_files.ExportUnavailable as error:
            box.update(label=_("The charts could not be rendered"), state="error")
            st.error(str(error))
            return built
        slides = len(built.pack.slides)
        box.update(label=ngettext("Briefing pack ready: {count} slide, {file}", "Briefing pack ready: {count} slides, "
                                  "{file}", slides).format(count=slides, file=label), state="complete", expanded=False)
    return built


def _offer(slot, built: Built, fmt: str) -> None:
    slot.download_button(_("Download {file}").format(file=LABELS[fmt]), built.files[fmt], file_name=f"{built.pack.file_stem}.{fmt}",
                         mime=briefing.FORMATS[fmt], key=f"{PAGE}.download.{fmt}", on_click="ignore",
                         width="stretch")


def build_and_offer(choice: Choice) -> None:
    """A build button per format; the clicked one is built and its button becomes the file's download."""
    if not choice.indicators:
        st.info(_("Choose at least one indicator in the sidebar."))
        return
    built, asked = _built(choice), None
    for fmt, column in zip(LABELS, st.columns(len(LABELS))):
        slot = column.empty()
        if built is not None and fmt in built.files:
            _offer(slot, built, fmt)
        elif slot.button(_("Build {file}").format(file=LABELS[fmt]), type="primary", key=f"{PAGE}.build.{fmt}", width="stretch"):
            asked = fmt, slot
    if asked:
        fmt, slot = asked
        built = _build(choice, fmt)
        if fmt in built.files:
            _offer(slot, built, fmt)
    if built is None or not built.files:
        st.caption(_("Nothing is built until you click, and only the file you click: each chart is rendered in a "
                     "headless browser (about a second)."))

"""Keep the translation catalogues in step with the code: extract, update, compile, check (Babel).

    python locales/catalogues.py update [AREA ...]   # code -> locales/<area>.pot -> each language's <area>.po
    python locales/catalogues.py compile [AREA ...]  # .po -> .mo (committed; the app reads the .mo)
    python locales/catalogues.py check     # untranslated or stale strings, listed; exit 1 if any

``make translations`` runs update then compile. Translators edit only the ``.po`` files. An area is a
part of the code with a catalogue of its own, so that two people translating two parts never edit
the same file; ``childsdg.i18n`` chains a language's areas into one lookup.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
TRANSLATED = ("fr", "es", "ar")
# Each area: the code whose strings it holds (directories or single files, relative to the root).
AREAS = {
    "common": ["app.py", "pages", "childsdg/views/navigation.py", "childsdg/views/filters.py",
               "childsdg/views/captions.py", "childsdg/views/downloads.py", "childsdg/views/chart_block.py",
               "childsdg/views/page_registry.py", "childsdg/views/streamlit_compat.py", "childsdg/formatting.py",
               "childsdg/analysis", "childsdg/api.py", "childsdg/data"],
    "themes": ["childsdg/views/theme_standard_sections.py", "childsdg/views/theme_specific_sections.py",
               "childsdg/views/overview_page.py"],
    "progress": ["childsdg/views/progress_page.py", "childsdg/views/peers_page.py",
                 "childsdg/views/profile_page.py", "childsdg/views/briefing_page.py"],
    "charts": ["childsdg/charts", "childsdg/exports/chart_files.py"],
    "briefing": ["childsdg/exports/briefing.py"],
}
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# Written in every header instead of today's date, so that a catalogue changes only when its strings do
# (and two people updating two areas never touch each other's files).
HEADER_DATE = datetime.datetime(2026, 12, 6, tzinfo=datetime.timezone.utc)


def template(area: str) -> Catalog:
    """Every string marked in the area's code, with where it is used."""
    catalog = Catalog(project="childsdg", version="1", domain=area, fuzzy=False, creation_date=HEADER_DATE)
    for part in AREAS[area]:
        path = ROOT / part
        if path.is_dir():
            found = ((path / name, *rest) for name, *rest in
                     extract_from_dir(path, method_map=[("**.py", "python")], keywords=KEYWORDS))
        else:
            found = ((path, *rest) for rest in extract_from_file("python", path, keywords=KEYWORDS))
        for filename, lineno, message, comments, context in found:
            catalog.add(message, locations=[(Path(filename).relative_to(ROOT).as_posix(), lineno)],
                        auto_comments=comments, context=context)
    return catalog


def po_path(language: str, area: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{area}.po"


def read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def _write_po(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def _new_catalogue(language: str, area: str) -> Catalog:
    catalog = Catalog(locale=language, domain=area, project="childsdg", version="1",
                      copyright_holder="the childsdg contributors", fuzzy=False,
                      creation_date=HEADER_DATE, revision_date=HEADER_DATE)
    return catalog


def update(areas: list[str] | None = None) -> None:
    """Write each area's template and bring every language's catalogue up to it (new strings empty)."""
    for area in areas or AREAS:
        fresh = template(area)
        _write_po(fresh, LOCALES / f"{area}.pot")
        for language in TRANSLATED:
            path = po_path(language, area)
            catalog = read(path, language) if path.exists() else _new_catalogue(language, area)
            catalog.update(fresh, no_fuzzy_matching=True)
            _write_po(catalog, path)


def compile_all(areas: list[str] | None = None) -> None:
    for language in TRANSLATED:
        for area in areas or AREAS:
            path = po_path(language, area)
            buffer = io.BytesIO()
            write_mo(buffer, read(path, language))
            path.with_suffix(".mo").write_bytes(buffer.getvalue())


def problems() -> list[str]:
    """Every string of the code without a translation in a language, and every stale compiled file."""
    found = []
    for area in AREAS:
        wanted = {message.id for message in template(area) if message.id}
        for language in TRANSLATED:
            path = po_path(language, area)
            if not path.exists():
                found.append(f"{path.relative_to(ROOT)}: missing ({len(wanted)} strings to translate)")
                continue
            catalog = read(path, language)
            for message_id in sorted(wanted, key=str):
                message = catalog.get(message_id)
                strings = message.string if message else None
                texts = strings if isinstance(strings, tuple) else (strings,)
                if not message or message.fuzzy or not all(texts):
                    found.append(f"{language} {area}: untranslated {message_id!r}")
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            compiled = path.with_suffix(".mo")
            if not compiled.exists() or compiled.read_bytes() != buffer.getvalue():
                found.append(f"{compiled.relative_to(ROOT)}: not the compiled .po (run make translations)")
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    areas = argv[2:] or None
    unknown = sorted(set(areas or ()) - set(AREAS))
    if unknown:
        print(f"unknown areas {unknown}; the areas are {sorted(AREAS)}")
        return 2
    if command == "update":
        update(areas)
    elif command == "compile":
        compile_all(areas)
    elif command == "check":
        listed = problems()
        print("\n".join(listed) or "every string translated in " + ", ".join(TRANSLATED))
        return 1 if listed else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""axe-core (WCAG 2.1 A and AA rules) over every page, as it opens and on a filtered link.

axe-core runs inside the page (tests/browser/vendor/axe-core, from the npm registry), so the check is
offline like the app. A serious or critical violation fails the test unless it is Streamlit's own
markup that the app cannot change: those are listed in ``STREAMLIT_OWN`` with the upstream
reference, and the README's "Accessibility" section repeats them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from childsdg.views.page_registry import PAGES
from tests.browser.conftest import wait_for_charts, wait_until_idle

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One link per page that a reader would share: a region, a country, another year or indicator.
FILTERED = {
    "": "?region=WCAR",
    "survival": "?region=WCAR&year=2015&countries=NER",
    "early_childhood": "?grouping=world&country=NER",
    "environment": "?region=LACR&country=HND",
    "humanitarian": "?region=MENA&country=SYR",
    "progress": "?region=WCAR&country=NER",
    "peers": "?country=NER",
    "country_profile": "?country=NER",
    "briefing": "?country=NER",
    "data_sources": "?region=ESAR",
}
# Violations that come from Streamlit's own components and that the app cannot reach, with the
# upstream reference. Empty means: every serious or critical finding is ours to fix.
STREAMLIT_OWN: dict[str, str] = {}
CHARTS_EXPECTED = {"survival", "early_childhood", "environment", "humanitarian", "progress", "peers",
                   "country_profile"}


def _links() -> list[str]:
    return [path + query for page in PAGES for path in [page.url_path] for query in ("", FILTERED[path])]


def test_every_page_has_a_filtered_link():
    assert set(FILTERED) == {page.url_path for page in PAGES}


@pytest.mark.parametrize("link", _links())
def test_no_serious_or_critical_violation(server, recorded, link):
    page = recorded().page
    page.goto(f"{server}/{link}")
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    if link.split("?")[0] in CHARTS_EXPECTED:
        wait_for_charts(page, 1)
    wait_until_idle(page)
    page.add_script_tag(content=AXE.read_text())
    violations = page.evaluate(
        """async tags => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n')[1])}));
        }""", WCAG_TAGS)
    ours = [v for v in violations if v["impact"] in ("serious", "critical") and v["id"] not in STREAMLIT_OWN]
    assert not ours, "\n".join(f"{v['impact']} {v['id']} ({v['help']}) x{len(v['nodes'])}: {v['nodes'][:3]}"
                               for v in ours)

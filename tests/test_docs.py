"""Docs that cannot drift (in the spirit of datasette's test_docs.py): the README names every public API
function, every page and every package, and every SQL file is used and says truly what it returns.

Each rule discovers what it checks at test time (functions, page files, packages, query files), so a
new one that the README or its header does not describe fails here, naming what to write where.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import childsdg
from childsdg import api
from childsdg.data import db
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES = sorted((ROOT / "queries").glob("*.sql"))
# Where queries are called from: the app (its package, pages and entry point), not tests or benchmarks.
CALLERS = sorted([*(ROOT / "childsdg").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])
CALL = re.compile(r"""\b(?:query|sql)\(\s*["'](\w+)["']""")

# Representative bound parameters for each query: values of the types the API binds, chosen so that
# every query returns rows on the bundled store (a header is checked against a query that really ran).
SEX = {"sex": "total", "residence": "total"}
QUERY_PARAMETERS = {
    "change_over_period": dict(indicator="u5mr", iso3s=["KEN", "NGA"], start=2015, end=2024, **SEX),
    "country_classifications": {},
    "country_latest_values": {"iso3": "NGA"},
    "country_series": dict(indicator="u5mr", iso3s=["KEN", "NGA"], start=2000, end=2024, **SEX),
    "group_aggregates": dict(grouping="unicef_region", group_code="ESAR", custom_iso3s=None,
                             indicators=["u5mr", "pcv3", "refugee_children_hosted"],
                             weight_indicators=["live_births", "live_births", "population"],
                             is_counts=[False, False, True], carry_years=[0, 0, 0],
                             reported_with=[None, "dtp3", None], children_totals=[None, None, "refugees_hosted"],
                             children_shares=[None, None, "refugees_age_known_share_hosted"], break_share=0.05,
                             baseline=2015, min_coverage=0.5, start=1950, end=2100, **SEX),
    "group_hazard_exposure": {"iso3s": ["KEN", "NGA"]},
    "group_memberships": {},
    "income_classes": {},
    "indicator_breakdowns": {"indicator": "participation_pre_primary"},
    "indicator_catalogue": {"theme": "survival"},
    "indicator_coverage": {},
    "indicators_with_breakdown": {"theme": "early_childhood", "by": "sex", "first": "female", "second": "male"},
    "largest_displacement_movements": {"iso3s": ["KEN", "SSD"], "year": 2023, "limit": 10},
    "latest_breakdown_pairs": {"indicators": ["participation_pre_primary"], "iso3s": ["KEN", "NGA"], "as_of": 2024,
                               "by": "sex", "first": "female", "second": "male"},
    "latest_values": dict(indicator="u5mr", iso3s=None, as_of=2024, **SEX),
    "multi_indicator_series": dict(indicators=["u5mr", "stunting"], iso3s=None, start=2000, **SEX),
    "published_group_values": {"indicators": ["u5mr"], "grouping": "world", "group_code": "WLD"},
    "group_values": {"grouping": "unicef_region", "group_code": "ESAR", "indicators": ["u5mr", "stunting"], **SEX},
    "group_like_for_like": {"grouping": "unicef_region", "group_code": "ESAR", "indicator": "stunting", "year": 2020},
    "refugees_by_origin_and_asylum": {"iso3s": ["KEN", "SSD"], "year": 2023},
    "series_notes": {"indicator": "u5mr", "iso3s": None, "start": 1950, "end": 2100},
    "source_list": {},
    "indicator_texts": {},
    "group_names_by_language": {},
}


def section(title: str) -> str:
    """The README's text under the level-2 heading that starts with ``title``, up to the next one."""
    found = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert found, f"README.md has no '## {title}' section"
    return found.group(1)


def public_api_functions() -> list[str]:
    return sorted(name for name, function in inspect.getmembers(api, inspect.isfunction)
                  if function.__module__ == api.__name__ and not name.startswith("_"))


def test_every_public_api_function_is_in_the_readme():
    text = section("Python API")
    missing = [name for name in public_api_functions() if f"api.{name}(" not in text]
    assert not missing, (f"README.md's 'Python API' section does not show {missing}: add a line "
                         "`api.<name>(...)  # what it returns` for each")



def readme_api_examples() -> list[str]:
    """The statements of the README's API example, one a line, without their comments."""
    block = re.search(r"```python\n(.*?)```", section("Python API"), re.DOTALL)
    assert block, "README.md's 'Python API' section has no ```python example"
    return [line.split("  #")[0].strip() for line in block.group(1).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_the_readme_api_examples_run_and_answer(monkeypatch):
    """Every line of the example runs on the bundled store and returns something (briefing packs need
    Chromium and seconds: tests/test_briefing.py builds them)."""
    monkeypatch.delenv("CHILDSDG_DATA", raising=False)
    namespace: dict = {}
    for statement in readme_api_examples():
        if statement.startswith("from "):  # from <module> import <names>
            (node,) = ast.parse(statement).body
            module = importlib.import_module(node.module)
            namespace.update({alias.asname or alias.name: getattr(module, alias.name) for alias in node.names})
        elif "briefing_pack" not in statement:
            result = eval(statement, namespace)
            assert result is None if statement.startswith("api.clear_cache") else len(result), (
                f"README.md's example {statement} returned nothing")

def test_every_page_is_in_the_readme():
    text = section("Pages")
    pages = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "pages").glob("*.py"))
    assert pages, "no pages found in pages/"
    missing = [page for page in pages if f"`{page}`" not in text]
    assert not missing, f"README.md's 'Pages' section does not name {missing}: add a row for each"


def package_parts() -> list[tuple[str, tuple[str, ...]]]:
    """Every package at the top of the repository (pipeline/, deploy/ ...), every package below childsdg
    (at any depth) and every module directly in childsdg, each with the spellings that name it in the
    README's layout ('`deploy/`', 'childsdg/views/', '`api`', 'childsdg.api' ...)."""
    parts = [(f"{init.parent.name}/", (f"`{init.parent.name}/`",)) for init in sorted(ROOT.glob("*/__init__.py"))]
    for module in pkgutil.walk_packages(childsdg.__path__, prefix="childsdg."):
        path = module.name.replace(".", "/")
        if module.ispkg:
            parts.append((f"{path}/", (f"{path}/", module.name)))
        elif module.name.count(".") == 1:
            stem = module.name.split(".")[-1]
            parts.append((f"{path}.py", (f"`{stem}`", f"{path}.py", module.name)))
    return parts


def test_every_package_and_top_level_module_is_in_the_readme_layout():
    text = section("Layout")
    parts = package_parts()
    assert parts, "no modules found in childsdg/"
    missing = [part for part, spellings in parts if not any(spelling in text for spelling in spellings)]
    assert not missing, (f"README.md's 'Layout' section does not name {missing}: one line for each package "
                         "(`<name>/`, `childsdg/<name>/`) and each module directly in childsdg/ (`<name>`)")


def test_every_query_is_used_by_the_app():
    called = {name for path in CALLERS for name in CALL.findall(path.read_text(encoding="utf-8"))}
    unused = [f"queries/{path.name}" for path in QUERIES if path.stem not in called]
    assert not unused, (f"{', '.join(unused)}: called by no db.query(\"<name>\", ...) in childsdg/, pages/ "
                        "or app.py: delete the file, or call it")
    missing = sorted(called - {path.stem for path in QUERIES})
    assert not missing, f"the app calls queries that have no file in queries/: {missing}"


def header_columns(path: Path) -> list[str]:
    """The column names a query's header comment promises: its '-- Columns: a, b (a note), c.' line,
    which may run over several comment lines; notes in brackets are dropped, a full stop ends it."""
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        header.append(line.removeprefix("--").strip())
    text = " ".join(header)
    assert text.count("Columns:") == 1, (f"{path.name}: its header comment needs one line "
                                         "'-- Columns: <name>, <name>, ...' (the columns it returns, in order)")
    listed = re.sub(r"\([^()]*\)", "", text.split("Columns:", 1)[1]).split(".", 1)[0]
    return [name.strip() for name in listed.split(",")]


def test_every_query_has_representative_parameters_here():
    files = {path.stem for path in QUERIES}
    assert set(QUERY_PARAMETERS) == files, (
        f"QUERY_PARAMETERS in tests/test_docs.py must hold one entry per queries/*.sql: missing "
        f"{sorted(files - set(QUERY_PARAMETERS))}, no such file {sorted(set(QUERY_PARAMETERS) - files)}")


@pytest.mark.parametrize("path", QUERIES, ids=[path.stem for path in QUERIES])
def test_query_header_lists_the_columns_it_returns(path, monkeypatch):
    monkeypatch.delenv("CHILDSDG_DATA", raising=False)  # the bundled store, loaded as the app loads it
    params = QUERY_PARAMETERS.get(path.stem)
    assert params is not None, f"add representative parameters for {path.name} to QUERY_PARAMETERS"
    with db.connection().cursor() as cursor:
        described = [row[0] for row in cursor.execute(f"DESCRIBE {db.sql(path.stem)}", params).fetchall()]
        assert cursor.execute(db.sql(path.stem), params).fetchall(), (
            f"{path.name} returns no rows with QUERY_PARAMETERS: choose parameters the bundled store answers")
    assert header_columns(path) == described, (
        f"{path.name}: its header says '-- Columns: {', '.join(header_columns(path))}', DuckDB's DESCRIBE "
        f"gives {', '.join(described)}")

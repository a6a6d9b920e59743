"""The layers of childsdg/, held by reading every module's imports (ast), not by convention.

- no import cycle among childsdg's modules (a lazy import inside a function counts too);
- only childsdg/data talks to DuckDB;
- Streamlit only in childsdg/views (and pages/, app.py);
- pages/*.py import no DuckDB and hold no SQL: they go through childsdg.api.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "childsdg"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it; ``from childsdg.x import y`` counts as childsdg.x.y when
    that is a module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def childsdg_graph() -> dict[str, set[str]]:
    return {name: {imported for imported in imports(path) if imported in MODULES and imported != name}
            for name, path in MODULES.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as the modules along it, or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node], _ = "open", stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node], _ = "done", stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def offenders(top: str, allowed) -> list[str]:
    """Modules of childsdg that import ``top`` (or one of its submodules) without being ``allowed``."""
    return [f"{name} ({path.relative_to(ROOT)}) imports {sorted(i for i in imports(path) if i.split('.')[0] == top)}"
            for name, path in MODULES.items()
            if not allowed(name) and any(i.split(".")[0] == top for i in imports(path))]


def test_no_import_cycle_among_childsdg_modules():
    cycle = find_cycle(childsdg_graph())
    assert cycle is None, f"import cycle: {' -> '.join(cycle)}"


def test_only_the_data_layer_talks_to_duckdb():
    wrong = offenders("duckdb", lambda name: name.startswith("childsdg.data"))
    assert not wrong, "only childsdg/data may import duckdb; " + "; ".join(wrong)


def test_streamlit_only_in_views():
    wrong = offenders("streamlit", lambda name: name.startswith("childsdg.views"))
    assert not wrong, "only childsdg/views (with pages/ and app.py) may import streamlit; " + "; ".join(wrong)


def test_layers_below_views_do_not_import_views():
    wrong = [f"{name} imports {sorted(i for i in imports(path) if i.startswith('childsdg.views'))}"
             for name, path in MODULES.items()
             if not name.startswith("childsdg.views") and any(i.startswith("childsdg.views") for i in imports(path))]
    assert not wrong, "views sit on top: nothing below them may import childsdg.views; " + "; ".join(wrong)


def test_pages_go_through_the_api():
    sql = re.compile(r"\b(SELECT|FROM|WHERE|JOIN)\b[^\n]*\b(FROM|WHERE|BY|ON)\b")
    for path in [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]:
        imported = imports(path)
        assert not {i for i in imported if i.split(".")[0] == "duckdb" or i.startswith("childsdg.data.db")}, \
            f"{path.relative_to(ROOT)} talks to the database directly: {sorted(imported)}; call childsdg.api"
        assert not sql.search(path.read_text()), f"{path.relative_to(ROOT)} holds SQL; put it in queries/"


def test_the_rules_see_what_they_look_for():
    """The checks above would catch a breach: the graph has edges and the data layer does import duckdb."""
    graph = childsdg_graph()
    assert "childsdg.data.db" in graph["childsdg.api"]
    assert "duckdb" in imports(MODULES["childsdg.data.db"])
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]

"""Dependencies as a product: one list per layer, one pin policy, a lock that matches, nothing undeclared.

pyproject.toml declares the runtime ([project] dependencies) and the [pipeline] and [dev] extras;
requirements.txt and requirements-dev.txt repeat them for `pip install -r` (the brief names
requirements.txt) and requirements*.lock pin every package with hashes for `make run` / `make test`.
Three copies drift unless something compares them: these tests do, and read the code's imports so
that a package used but not declared (choreographer was) or declared but never used (geopandas was)
fails here rather than on a clean machine.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = [Requirement(line) for line in PYPROJECT["dependencies"]]
EXTRAS = {name: [Requirement(line) for line in lines] for name, lines in PYPROJECT["optional-dependencies"].items()}
# Packages that are run, not imported.
COMMANDS = {"ruff"}
# Where each layer's code lives, and which requirement lists it may draw on (the dashboard's server
# processes, deploy/serve.py, run on the runtime venv of `make serve`).
LAYERS = {
    # The store checks at start-up use the pipeline's manifest digest and step metadata (childsdg.datastore).
    "runtime": (["app.py", "pages", "childsdg", "deploy", "pipeline/store.py", "pipeline/core.py"], RUNTIME),
    "pipeline": (["pipeline"], RUNTIME + EXTRAS["pipeline"]),
    "dev": (["tests", "bench"], RUNTIME + EXTRAS["pipeline"] + EXTRAS["dev"]),
}


def requirement_file(name: str) -> tuple[list[Requirement], list[str]]:
    """The package lines of one requirements file, and its ``-r`` includes."""
    lines = [re.sub(r"\s+#.*$", "", line).strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    return ([Requirement(line) for line in lines if not line.startswith("-")],
            [line.split()[1] for line in lines if line.startswith("-r ")])


def keyed(requirements: list[Requirement]) -> dict[str, str]:
    """Canonical name -> the rest of the requirement (range and markers), for comparing two lists."""
    return {canonicalize_name(r.name): f"{r.specifier}; {r.marker}" for r in requirements}


def lock(name: str) -> dict[str, Version]:
    """Canonical name -> the version a lock file pins, checking that every pin carries a hash."""
    text = (ROOT / name).read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+)==(\S+?)(?: ;[^\\\n]*)? \\\n\s+--hash=sha256:[0-9a-f]{64}", text, flags=re.M)
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9._-]+==", text, flags=re.M)), f"{name}: a pin without a hash"
    return {canonicalize_name(package): Version(version) for package, version in pins}


def imported_distributions(folders: list[str]) -> dict[str, set[str]]:
    """Distribution name -> files that import it, over every import statement (top-level or not) in folders."""
    providers = metadata.packages_distributions()
    local = {path.stem for path in ROOT.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()}
    found: dict[str, set[str]] = {}
    for folder in folders:
        paths = [ROOT / folder] if folder.endswith(".py") else sorted((ROOT / folder).rglob("*.py"))
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    modules = [node.module]
                elif (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "importorskip"
                      and node.args and isinstance(node.args[0], ast.Constant)):
                    modules = [node.args[0].value]
                else:
                    continue
                for top in {module.split(".")[0] for module in modules}:
                    if top in sys.stdlib_module_names or top in local or top == "__future__":
                        continue
                    assert top in providers, f"{path.relative_to(ROOT)} imports {top}, which no installed package provides"
                    for distribution in providers[top]:
                        found.setdefault(canonicalize_name(distribution), set()).add(str(path.relative_to(ROOT)))
    return found


def test_requirement_files_repeat_pyproject():
    runtime, includes = requirement_file("requirements.txt")
    assert keyed(runtime) == keyed(RUNTIME) and not includes
    dev, includes = requirement_file("requirements-dev.txt")
    assert includes == ["requirements.txt"]
    assert keyed(dev) == keyed(EXTRAS["pipeline"] + EXTRAS["dev"])
    assert sorted(EXTRAS) == ["dev", "pipeline"]


@pytest.mark.parametrize("requirement", RUNTIME + EXTRAS["pipeline"] + EXTRAS["dev"], ids=str)
def test_one_pin_policy_minor_caps(requirement):
    """>=X.Y,<X.(Y+1): patch releases come in through `make lock UPGRADE=--upgrade`, minor ones by hand."""
    specifiers = {spec.operator: Version(spec.version) for spec in requirement.specifier}
    assert set(specifiers) == {">=", "<"}, f"{requirement}: needs exactly >=X.Y,<X.(Y+1)"
    low, high = specifiers[">="], specifiers["<"]
    assert len(low.release) == len(high.release) == 2, f"{requirement}: bounds are major.minor"
    assert (high.major, high.minor) == (low.major, low.minor + 1), f"{requirement}: the cap is the next minor"


@pytest.mark.parametrize("requirement", RUNTIME + EXTRAS["pipeline"] + EXTRAS["dev"], ids=str)
def test_the_installed_version_lies_in_the_pinned_range(requirement):
    """The tests passing here is what the range claims, so the version they ran with must be inside it."""
    installed = metadata.version(requirement.name)
    assert requirement.specifier.contains(installed, prereleases=True), f"{requirement.name} {installed}"


@pytest.mark.parametrize(("lock_file", "requirements"), [
    ("requirements.lock", RUNTIME), ("requirements-dev.lock", RUNTIME + EXTRAS["pipeline"] + EXTRAS["dev"])])
def test_each_lock_pins_its_requirements_inside_their_ranges(lock_file, requirements):
    pins = lock(lock_file)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock_file} does not pin {name}: run `make lock`"
        assert requirement.specifier.contains(pins[name]), f"{lock_file}: {name}=={pins[name]} is outside {requirement}"
    header = (ROOT / lock_file).read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip("# ") == "make lock", header


def test_the_dev_lock_keeps_the_runtime_locks_versions():
    runtime, dev = lock("requirements.lock"), lock("requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_make_and_the_container_install_the_locks_with_hashes():
    makefile, dockerfile = (ROOT / "Makefile").read_text(), (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install (.*)", makefile) + re.findall(r"pip install (.*)", dockerfile)
    assert installs and all(re.search(r"--require-hashes -r requirements(-dev)?\.lock$", i) for i in installs), installs
    assert re.search(r"^test: lint\b", makefile, flags=re.M) and "ruff check ." in makefile


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_what_its_requirements_declare(layer):
    folders, allowed = LAYERS[layer]
    declared = {canonicalize_name(r.name) for r in allowed}
    undeclared = {name: sorted(files)[:3] for name, files in imported_distributions(folders).items()
                  if name not in declared}
    assert not undeclared, f"{layer} code imports packages its requirements do not declare: {undeclared}"


def test_every_declared_package_is_imported_where_it_is_declared():
    for layer, (folders, _) in LAYERS.items():
        declared = RUNTIME if layer == "runtime" else EXTRAS[layer]
        used = set(imported_distributions(folders)) | (COMMANDS if layer == "dev" else set())
        unused = sorted(name for name in (canonicalize_name(r.name) for r in declared) if name not in used)
        assert not unused, f"[{layer}] declares packages its code never imports: {unused}"

"""Serving many readers: ``make serve`` (workers behind HAProxy), the container and the cluster recipe.

No cluster and no container engine run here, so the Kubernetes manifests are checked against the
official Kubernetes client's models (every field known, every value of its type, required fields
present) and against each other (labels, ports, names); the Dockerfile by what it must say. The
proxy runs for real: two workers, readers pinned by a cookie, one worker killed mid-run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import typing
from pathlib import Path

import pytest
import yaml

from deploy import serve

ROOT = Path(__file__).resolve().parents[1]
MANIFESTS = ROOT / "deploy" / "k8s"
HEALTH = "/_stcore/health"

k8s = pytest.importorskip("kubernetes.client", reason="the kubernetes client (requirements-dev.txt) checks manifests")
MODELS = {("apps/v1", "Deployment"): "V1Deployment", ("v1", "Service"): "V1Service",
          ("networking.k8s.io/v1", "Ingress"): "V1Ingress",
          ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2HorizontalPodAutoscaler"}


def unknown_fields(data, model: str, where: str = "") -> list[str]:
    """Fields of ``data`` that the model ``model`` (a kubernetes.client class name) does not have.

    The client's models accept unknown keys silently; a misspelt field (``readinesProbe``) would
    then be dropped by the cluster without a word. This walks the document against the models.
    """
    container = re.fullmatch(r"(?:List|list)\[(.+)\]|(?:Dict|dict)\(?\[?str, (.+?)[\])]", model)
    if container:
        inner = container.group(1) or container.group(2)
        items = enumerate(data) if isinstance(data, list) else data.items() if isinstance(data, dict) else []
        return [problem for key, value in items for problem in unknown_fields(value, inner, f"{where}[{key}]")]
    cls = getattr(k8s, model, None)
    if cls is None or not isinstance(data, dict):
        return []
    known = {json_name: cls.openapi_types[attribute] for attribute, json_name in cls.attribute_map.items()}
    problems = [f"{where}.{key}: no such field in {model}" for key in data if key not in known]
    return problems + [problem for key, value in data.items() if key in known
                       for problem in unknown_fields(value, known[key], f"{where}.{key}")]


def checked(document: dict) -> typing.Any:
    """The manifest as the client's typed model (types and required fields checked), or an AssertionError."""
    model = MODELS.get((document.get("apiVersion"), document.get("kind")))
    assert model, f"no schema for {document.get('apiVersion')} {document.get('kind')}"
    problems = unknown_fields(document, model)
    assert not problems, problems
    return k8s.ApiClient()._ApiClient__deserialize(document, model)


def manifests() -> dict[str, typing.Any]:
    documents = [doc for path in sorted(MANIFESTS.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text())]
    return {doc["kind"]: checked(doc) for doc in documents}


def test_every_manifest_fits_the_kubernetes_schema():
    assert set(manifests()) == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"}


def test_the_schema_check_catches_a_misspelt_field_and_a_wrong_type():
    deployment = yaml.safe_load((MANIFESTS / "deployment.yaml").read_text())
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["readinesProbe"] = container.pop("readinessProbe")
    with pytest.raises(AssertionError, match="readinesProbe: no such field"):
        checked(deployment)
    container["readinessProbe"] = container.pop("readinesProbe")
    container["ports"][0]["containerPort"] = "eighty"
    with pytest.raises(Exception, match="containerPort"):
        checked(deployment)


def test_the_manifests_agree_with_each_other():
    found = manifests()
    deployment, service, ingress, autoscaler = (found[k] for k in ("Deployment", "Service", "Ingress",
                                                                   "HorizontalPodAutoscaler"))
    pod = deployment.spec.template
    assert deployment.spec.selector.match_labels.items() <= pod.metadata.labels.items()
    assert service.spec.selector.items() <= pod.metadata.labels.items()
    (container,) = pod.spec.containers
    port_names = {port.name for port in container.ports}
    assert service.spec.ports[0].target_port in port_names
    for probe in (container.readiness_probe, container.liveness_probe, container.startup_probe):
        assert probe.http_get.path == HEALTH and probe.http_get.port in port_names
    assert pod.spec.security_context.run_as_non_root is True
    backend = ingress.spec.rules[0].http.paths[0].backend.service
    assert backend.name == service.metadata.name and backend.port.name == service.spec.ports[0].name
    annotations = ingress.metadata.annotations
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600  # websockets stay open
    assert autoscaler.spec.scale_target_ref.name == deployment.metadata.name
    assert autoscaler.spec.metrics[0].resource.name == "cpu"


def test_the_container_runs_unprivileged_with_the_store_chromium_and_a_health_check():
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)", dockerfile, flags=re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*" + re.escape(HEALTH), dockerfile, flags=re.M)
    assert re.search(r"apt-get install[^\n]*\bchromium\b", dockerfile)
    assert re.search(r"^COPY .*\. \.$", dockerfile, flags=re.M)  # the whole project, data/ included
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "data" not in ignored and "data/" not in ignored  # the store is baked in


@pytest.fixture(scope="module")
def haproxy():
    path = shutil.which("haproxy")
    if path is None:
        pytest.skip("Debian's haproxy is not installed (apt-get install haproxy, or run `make test` as root)")
    return path


def test_haproxy_accepts_the_configuration_it_is_given(haproxy, tmp_path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(serve.haproxy_config(8501, [8601, 8602]))
    check = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = config.read_text()
    assert "cookie childsdg_worker insert" in text and f"option httpchk GET {HEALTH}" in text
    assert text.count("server w") == 2


def test_a_killed_worker_costs_its_readers_seconds_and_the_others_nothing(haproxy):
    """Four readers on two workers; the busier worker is killed after 12 s.

    Its readers are served again by the other worker within 10 s, with the view their URL holds;
    the other worker's readers see no error; the supervisor starts the killed worker again.
    """
    from bench import load
    from tests.server import in_own_thread

    results = in_own_thread(load.run, sessions=4, seconds=30, think_s=0.5, workers=2, kill_after=12)
    kill = results["kill"]
    assert kill["readers_on_it"] >= 1
    assert len(kill["served_again_s"]) == kill["readers_on_it"]
    assert max(kill["served_again_s"]) <= 10, kill
    assert kill["views_restored"] == kill["readers_on_it"], kill["recoveries"]
    assert kill["errors_of_other_readers"] == 0, results["error_samples"]
    assert results["errors"] == 0, results["error_samples"]
    assert results["worker_restarts"][kill["worker"]] == 1

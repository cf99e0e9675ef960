"""The deployment files say what the code does: every YAML and JSON file parses, and the
image, the compose stack, the Kubernetes manifests and the Prometheus configuration name the
topics, ports, paths and settings the worker uses by default.

No Docker engine or Kubernetes cluster runs here, so nothing is started: these checks read
the files (the Dockerfile through `dockerfile-parse`, YAML through the ruamel parser spaCy
ships) and compare them with `Settings()` and the worker's own routes.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from dockerfile_parse import DockerfileParser
from srsly.ruamel_yaml import YAML

from service.settings import Settings

REPO = Path(__file__).parents[2]
DEPLOY = REPO / "deploy"
DEFAULTS = Settings()
#: Every setting's variable name.
SETTING_NAMES = {f"STORYWATCH_{name.upper()}" for name in Settings.model_fields}
USER_TOPICS = {DEFAULTS.articles_topic, DEFAULTS.alerts_topic, DEFAULTS.dlq_topic}


def yaml_documents(path: Path) -> list[Any]:
    return [doc for doc in YAML(typ="safe").load_all(path.read_text(encoding="utf-8")) if doc]


def structured_files() -> list[Path]:
    found = []
    for folder in (DEPLOY, REPO / "docs", REPO / "service" / "contract"):
        for pattern in ("*.yaml", "*.yml", "*.json"):
            found += folder.rglob(pattern)
    return sorted(found)


@pytest.mark.parametrize("path", structured_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_yaml_and_json_file_parses(path: Path) -> None:
    if path.suffix == ".json":
        assert json.loads(path.read_text(encoding="utf-8")) is not None
    else:
        assert yaml_documents(path)


def served_paths() -> set[str]:
    """The paths the worker serves itself (`@app.page`) besides the live page's."""
    source = (REPO / "service" / "app.py").read_text(encoding="utf-8")
    return set(re.findall(r'@app\.page\("([^"]+)"\)', source)) | {"/metrics"}


# ---- the image -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dockerfile() -> DockerfileParser:
    parser = DockerfileParser(path=str(DEPLOY / "Dockerfile"))
    return parser


def test_the_image_is_built_in_two_stages_on_a_slim_python_311(
    dockerfile: DockerfileParser,
) -> None:
    stages = [i["value"] for i in dockerfile.structure if i["instruction"] == "FROM"]
    assert len(stages) == 2
    assert all(stage.startswith("python:3.11-slim") for stage in stages)
    copied = [i["value"] for i in dockerfile.structure if i["instruction"] == "COPY"]
    assert "--from=build /opt/storywatch /opt/storywatch" in copied


def test_the_image_installs_the_model_and_checks_it_loads(dockerfile: DockerfileParser) -> None:
    runs = " ".join(i["value"] for i in dockerfile.structure if i["instruction"] == "RUN")
    assert "pip install '.[model]'" in runs
    assert "load_pipeline('en_core_web_sm')" in runs
    for instruction in dockerfile.structure:
        if instruction["instruction"] == "COPY" and not instruction["value"].startswith("--"):
            *sources, _ = shlex.split(instruction["value"])
            assert all((REPO / source).exists() for source in sources), instruction["value"]


def test_the_image_runs_the_worker_as_a_user_with_its_state_on_a_volume(
    dockerfile: DockerfileParser,
) -> None:
    env = dockerfile.envs
    assert set(env) - {"PATH", "PYTHONUNBUFFERED"} <= SETTING_NAMES
    final = dockerfile.structure[
        max(n for n, i in enumerate(dockerfile.structure) if i["instruction"] == "FROM") :
    ]
    values = {i["instruction"]: i["value"] for i in final}
    assert values["USER"] not in ("root", "0")
    assert values["VOLUME"] == env["STORYWATCH_DATA_DIR"] == values["WORKDIR"]
    assert values["EXPOSE"] == env["STORYWATCH_WEB_PORT"] == str(DEFAULTS.web_port)
    assert env["STORYWATCH_WEB_HOST"] == "0.0.0.0"
    assert json.loads(values["ENTRYPOINT"]) == ["storywatch"]
    assert json.loads(values["CMD"]) == ["worker"]
    assert "/healthz" in values["HEALTHCHECK"] and "/healthz" in served_paths()


# ---- the compose stack -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    [document] = yaml_documents(DEPLOY / "compose.yaml")
    return dict(document)


def workers(compose: dict[str, Any]) -> dict[str, Any]:
    return {name: s for name, s in compose["services"].items() if name.startswith("storywatch")}


def test_compose_runs_apache_kafka_in_kraft_mode_on_one_node(
    compose: dict[str, Any],
) -> None:
    kafka = compose["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    environment = kafka["environment"]
    assert environment["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert environment["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] == 1


def test_compose_creates_the_contract_topics_with_the_workers_partition_count(
    compose: dict[str, Any],
) -> None:
    script = "\n".join(compose["services"]["topics"]["command"])
    created = dict(re.findall(r"^create (\S+) (\d+)$", script, re.MULTILINE))
    assert set(created) == USER_TOPICS
    assert f"--partitions {DEFAULTS.partitions}" in script
    assert "cleanup.policy=delete" in script


def test_compose_runs_two_workers_with_settings_that_exist(
    compose: dict[str, Any],
) -> None:
    found = workers(compose)
    assert len(found) == 2
    for worker in found.values():
        environment = worker["environment"]
        assert set(environment) <= SETTING_NAMES
        assert environment["STORYWATCH_BROKER_URL"] == "kafka://kafka:9092"
        assert int(environment["STORYWATCH_PARTITIONS"]) == DEFAULTS.partitions
        topics = {environment[f"STORYWATCH_{name}_TOPIC"] for name in ("ARTICLES", "ALERTS", "DLQ")}
        assert topics == USER_TOPICS
        assert worker["build"]["dockerfile"] == "deploy/Dockerfile"
        [port] = worker["ports"]
        assert port.endswith(f":{DEFAULTS.web_port}")
        assert any(volume.endswith(":/var/lib/storywatch") for volume in worker["volumes"])


def test_compose_gives_prometheus_and_grafana_the_files_in_deploy(compose: dict[str, Any]) -> None:
    prometheus = compose["services"]["prometheus"]
    assert "./prometheus:/etc/prometheus:ro" in prometheus["volumes"]
    grafana = compose["services"]["grafana"]
    mounted = {volume.split(":")[0] for volume in grafana["volumes"]}
    for source in mounted - {"grafana-data"}:
        assert (DEPLOY / source).exists(), source


def test_prometheus_scrapes_the_compose_workers_on_the_default_port_and_path(
    compose: dict[str, Any],
) -> None:
    [config] = yaml_documents(DEPLOY / "prometheus" / "prometheus.yml")
    [job] = config["scrape_configs"]
    assert job["job_name"] == "storywatch"
    assert job["metrics_path"] == "/metrics"
    [static] = job["static_configs"]
    assert static["targets"] == [f"{name}:{DEFAULTS.web_port}" for name in workers(compose)]


# ---- Kubernetes ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifests() -> dict[tuple[str, str], dict[str, Any]]:
    [kustomization] = yaml_documents(DEPLOY / "k8s" / "kustomization.yaml")
    found = {}
    for resource in kustomization["resources"]:
        for document in yaml_documents(DEPLOY / "k8s" / resource):
            found[(document["kind"], document["metadata"]["name"])] = document
    return found


def worker_container(manifests: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    [container] = manifests[("StatefulSet", "storywatch")]["spec"]["template"]["spec"]["containers"]
    return dict(container)


def test_kustomization_lists_every_manifest_in_the_folder() -> None:
    [kustomization] = yaml_documents(DEPLOY / "k8s" / "kustomization.yaml")
    on_disk = {p.name for p in (DEPLOY / "k8s").glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == on_disk


def test_the_configmap_and_secret_hold_settings_that_exist_and_the_secret_the_secrets(
    manifests: dict[tuple[str, str], dict[str, Any]],
) -> None:
    config = manifests[("ConfigMap", "storywatch")]["data"]
    secret = manifests[("Secret", "storywatch-kafka")]["stringData"]
    assert set(config) <= SETTING_NAMES and set(secret) <= SETTING_NAMES
    assert "STORYWATCH_KAFKA_SASL_PASSWORD" in secret
    assert not {name for name in config if "PASSWORD" in name or "TOKEN" in name}
    assert config["STORYWATCH_WEB_HOST"] == "0.0.0.0"


def test_the_statefulset_probes_serves_and_stores_where_the_worker_does(
    manifests: dict[tuple[str, str], dict[str, Any]],
) -> None:
    config = manifests[("ConfigMap", "storywatch")]["data"]
    container = worker_container(manifests)
    [port] = container["ports"]
    assert port["containerPort"] == int(config["STORYWATCH_WEB_PORT"]) == DEFAULTS.web_port
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert {"/healthz", "/readyz"} <= served_paths()
    mounts = {mount["name"]: mount["mountPath"] for mount in container["volumeMounts"]}
    assert mounts["state"] == config["STORYWATCH_DATA_DIR"]
    claims = manifests[("StatefulSet", "storywatch")]["spec"]["volumeClaimTemplates"]
    assert [claim["metadata"]["name"] for claim in claims] == ["state"]
    assert config["STORYWATCH_KAFKA_SSL_CAFILE"].startswith(mounts["kafka-ca"])


def test_the_memory_limit_leaves_room_above_the_highest_measured_rss(
    manifests: dict[tuple[str, str], dict[str, Any]],
) -> None:
    """docs/OPERATIONS.md, "Soak": RSS peaked at 871 MiB in the soaks measured."""
    resources = worker_container(manifests)["resources"]
    assert resources["requests"]["memory"] == "1Gi"
    assert resources["limits"]["memory"] == "1536Mi"
    assert "871 MiB" in (REPO / "docs" / "OPERATIONS.md").read_text(encoding="utf-8")


def test_the_service_monitor_scrapes_the_workers_web_port_on_the_metrics_path(
    manifests: dict[tuple[str, str], dict[str, Any]],
) -> None:
    [service_port] = manifests[("Service", "storywatch")]["spec"]["ports"]
    [endpoint] = manifests[("ServiceMonitor", "storywatch")]["spec"]["endpoints"]
    [container_port] = worker_container(manifests)["ports"]
    assert endpoint["port"] == service_port["name"] == container_port["name"]
    assert endpoint["path"] == "/metrics"
    budget = manifests[("PodDisruptionBudget", "storywatch")]["spec"]
    assert budget["selector"] == manifests[("StatefulSet", "storywatch")]["spec"]["selector"]


def test_strimzi_topics_are_the_contract_topics_with_the_configured_partitions(
    manifests: dict[tuple[str, str], dict[str, Any]],
) -> None:
    config = manifests[("ConfigMap", "storywatch")]["data"]
    topics = {name: doc for (kind, name), doc in manifests.items() if kind == "KafkaTopic"}
    assert set(topics) == USER_TOPICS
    for topic in topics.values():
        assert topic["spec"]["partitions"] == int(config["STORYWATCH_PARTITIONS"])
        assert topic["spec"]["config"]["cleanup.policy"] == "delete"

"""The operator files in deploy/prometheus and deploy/grafana: Prometheus accepts them, the alert
rules behave as their unit tests say, and the dashboard queries only metrics that exist.

The Prometheus checks run the real `promtool` (Debian package `prometheus`).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# spaCy's serialiser, installed with spaCy: its vendored ruamel.yaml reads YAML, so the tests need
# no YAML package of their own.
import srsly

REPO = Path(__file__).parents[2]
PROMETHEUS_DIR = REPO / "deploy" / "prometheus"
PROMETHEUS_CONFIG = PROMETHEUS_DIR / "prometheus.yml"
RULES_FILE = PROMETHEUS_DIR / "storywatch-rules.yml"
RULE_TESTS_FILE = PROMETHEUS_DIR / "storywatch-rules.test.yml"
DASHBOARD_FILE = REPO / "deploy" / "grafana" / "storywatch-dashboard.json"

ALERT_NAMES = {
    "StorywatchWorkerDown",
    "StorywatchConsumerLagGrowing",
    "StorywatchDeadLettersHigh",
    "StorywatchNoArticles",
    "StorywatchAlertLatencyHigh",
    "StorywatchLateReports",
}
# The storywatch_* series a query may use (docs/CONTRACT.md, "Operator surface"), as Prometheus
# stores them: counters end in _total, histograms are queried through _bucket.
KNOWN_METRICS = {
    "storywatch_articles_total",
    "storywatch_events_total",
    "storywatch_alerts_total",
    "storywatch_stage_seconds_bucket",
    "storywatch_alert_latency_seconds_bucket",
    "storywatch_consumer_lag",
    "storywatch_stories_active",
    "storywatch_dlq_messages_total",
    "storywatch_late_reports_total",
}
# Series that Prometheus writes itself: the scrape health and the state of its alerts.
PROMETHEUS_SERIES = {"up", "ALERTS"}
DATASOURCE_UID = "${datasource}"

PROMQL_KEYWORDS = {"and", "or", "unless", "offset", "bool", "inf", "nan", "by", "without"}
# Grafana's interval variables, replaced by a fixed duration so promtool can parse the query.
GRAFANA_INTERVALS = re.compile(r"\$__rate_interval|\$__interval|\$__range")


def run_promtool(*args: str) -> str:
    """Run promtool from the repository root; fail the test with its output unless it exits 0."""
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail(
            "promtool is not on PATH. Install Debian's prometheus package "
            "(apt-get install prometheus); `make test` installs it.",
            pytrace=False,
        )
    result = subprocess.run(
        [promtool, *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, (
        f"promtool {' '.join(args)} exited {result.returncode}:\n{output}"
    )
    return output


def metric_names(expr: str) -> set[str]:
    """The series names a PromQL expression selects (not its functions, labels or keywords)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.:])[A-Za-z_:][\w:]*", text):
        is_call = text[match.end() :].lstrip().startswith("(")
        if not is_call and match.group() not in PROMQL_KEYWORDS:
            names.add(match.group())
    return names


def load_yaml(path: Path) -> Any:
    return srsly.read_yaml(path)


def alert_rules() -> list[dict[str, Any]]:
    groups = load_yaml(RULES_FILE)["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def load_dashboard() -> dict[str, Any]:
    dashboard: dict[str, Any] = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    return dashboard


def dashboard_panels(panels: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every panel that shows data, including those inside collapsed rows."""
    for panel in panels:
        if panel.get("type") == "row":
            yield from dashboard_panels(panel.get("panels", []))
        else:
            yield panel


def dashboard_queries(dashboard: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, expr) for every panel target and annotation that has a PromQL expression."""
    queries = [
        (f"panel {panel['title']!r}", target["expr"])
        for panel in dashboard_panels(dashboard["panels"])
        for target in panel.get("targets", [])
        if target.get("expr")
    ]
    queries += [
        (f"annotation {annotation['name']!r}", annotation["expr"])
        for annotation in dashboard["annotations"]["list"]
        if annotation.get("expr")
    ]
    return queries


def test_metric_names_finds_series_but_not_functions_labels_or_durations() -> None:
    expr = (
        "histogram_quantile(0.99, sum by (le, stage) ("
        'rate(storywatch_stage_seconds_bucket{stage="x"}[$__rate_interval] offset 1h)'
        ")) > 1e3 and on (stage) storywatc_typo unless up"
    )
    assert metric_names(expr) == {"storywatch_stage_seconds_bucket", "storywatc_typo", "up"}


def test_prometheus_config_and_the_rule_files_it_names_are_valid() -> None:
    output = run_promtool("check", "config", str(PROMETHEUS_CONFIG.relative_to(REPO)))
    assert "1 rule files found" in output, output


def test_alert_rules_are_valid() -> None:
    output = run_promtool("check", "rules", str(RULES_FILE.relative_to(REPO)))
    assert f"{len(ALERT_NAMES)} rules found" in output, output


def test_alert_rules_pass_their_unit_tests() -> None:
    run_promtool("test", "rules", str(RULE_TESTS_FILE.relative_to(REPO)))


def test_every_storywatch_alert_is_defined_with_for_severity_and_annotations() -> None:
    rules = {rule["alert"]: rule for rule in alert_rules()}
    assert set(rules) == ALERT_NAMES
    for name, rule in rules.items():
        assert rule.get("for"), f"{name} has no `for:`, so one bad evaluation would fire it"
        assert rule["labels"]["severity"] in {"warning", "critical"}, name
        assert {"summary", "description"} <= set(rule["annotations"]), name


def test_every_alert_has_a_unit_test_where_it_fires_and_one_where_it_does_not() -> None:
    firing: set[str] = set()
    quiet: set[str] = set()
    for group in load_yaml(RULE_TESTS_FILE)["tests"]:
        for case in group.get("alert_rule_test", []):
            (firing if case.get("exp_alerts") else quiet).add(case["alertname"])
    assert firing >= ALERT_NAMES, f"no case where these fire: {sorted(ALERT_NAMES - firing)}"
    assert quiet >= ALERT_NAMES, f"no case where these stay quiet: {sorted(ALERT_NAMES - quiet)}"


def test_alert_rules_query_only_known_metrics() -> None:
    unknown = {
        rule["alert"]: sorted(metric_names(rule["expr"]) - KNOWN_METRICS - PROMETHEUS_SERIES)
        for rule in alert_rules()
    }
    unknown = {name: names for name, names in unknown.items() if names}
    assert not unknown, f"unknown metrics (a typo, or add them to KNOWN_METRICS): {unknown}"


def test_dashboard_has_the_storywatch_uid_and_a_prometheus_datasource_variable() -> None:
    dashboard = load_dashboard()
    assert dashboard["uid"] == "storywatch"
    assert dashboard["title"] == "storywatch"
    variables = {variable["name"]: variable for variable in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"


def test_every_dashboard_panel_queries_prometheus_through_the_datasource_variable() -> None:
    for panel in dashboard_panels(load_dashboard()["panels"]):
        title = panel["title"]
        assert any(target.get("expr") for target in panel.get("targets", [])), title
        assert panel["datasource"]["uid"] == DATASOURCE_UID, title
        for target in panel["targets"]:
            assert target.get("datasource", panel["datasource"])["uid"] == DATASOURCE_UID, title


def test_dashboard_queries_only_known_metrics() -> None:
    unknown = {
        where: sorted(metric_names(expr) - KNOWN_METRICS - PROMETHEUS_SERIES)
        for where, expr in dashboard_queries(load_dashboard())
    }
    unknown = {where: names for where, names in unknown.items() if names}
    assert not unknown, f"unknown metrics (a typo, or add them to KNOWN_METRICS): {unknown}"


def test_dashboard_queries_are_valid_promql(tmp_path: Path) -> None:
    # promtool has no command to parse one expression, so each query becomes a recording rule,
    # named after its place in the dashboard.
    queries = dashboard_queries(load_dashboard())
    rules = [
        {"record": f"dashboard:query_{number}", "expr": GRAFANA_INTERVALS.sub("5m", expr)}
        for number, (_, expr) in enumerate(queries)
    ]
    rules_file = tmp_path / "dashboard-queries.yml"
    rules_file.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}))
    where = "\n".join(f"dashboard:query_{n} is in {place}" for n, (place, _) in enumerate(queries))
    print(where)  # pytest shows it when the check below fails
    output = run_promtool("check", "rules", str(rules_file))
    assert f"{len(rules)} rules found" in output, output

"""A Markdown report per operation from schemathesis' JUnit, JSON and NDJSON reports of one run."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .served import SuccessTally

__all__ = [
    "OperationResult",
    "RunSummary",
    "count_requests",
    "fail_unreached",
    "operation_ids_by_label",
    "read_junit",
    "read_tally",
    "render_markdown",
    "summarize",
]

STATEFUL = "Stateful tests"


@dataclass
class OperationResult:
    label: str
    outcome: str  # passed, failed, errored or skipped
    details: str = ""


@dataclass
class RunSummary:
    base_url: str
    profile: str
    seconds: float
    generated: int
    requests: Counter[str]
    results: list[OperationResult]
    filtered: int
    seed: str
    exit_code: int
    files: list[Path] = field(default_factory=list)
    tally: SuccessTally = field(default_factory=SuccessTally)

    @property
    def failed(self) -> list[OperationResult]:
        return [result for result in self.results if result.outcome in ("failed", "errored")]


def read_junit(path: Path) -> list[OperationResult]:
    results = []
    for case in ET.parse(path).getroot().iter("testcase"):
        outcome, details = "passed", ""
        for kind in ("failure", "error", "skipped"):
            element = case.find(kind)
            if element is not None:
                outcome = {"failure": "failed", "error": "errored", "skipped": "skipped"}[kind]
                details = (element.text or element.get("message") or "").strip()
                break
        results.append(OperationResult(case.get("name", "?"), outcome, details))
    return results


def count_requests(path: Path) -> Counter[str]:
    """Requests per operation label (``METHOD /path``), every phase and probe included."""
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if '"ScenarioFinished"' not in line[:40]:
                continue
            recorder = json.loads(line)["ScenarioFinished"].get("recorder") or {}
            for node in (recorder.get("cases") or {}).values():
                value = node.get("value") or {}
                counts[f"{value.get('method', '?')} {value.get('path', '?')}"] += 1
    return counts


def read_tally(path: Path) -> SuccessTally:
    """The status of every answer per operation label, every phase included (the stateful one too)."""
    tally = SuccessTally()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if '"ScenarioFinished"' not in line[:40]:
                continue
            recorder = json.loads(line)["ScenarioFinished"].get("recorder") or {}
            cases = recorder.get("cases") or {}
            for case_id, interaction in (recorder.get("interactions") or {}).items():
                node = cases.get(case_id) or {}
                value = node.get("value") or {}
                response = interaction.get("response") or {}
                if "status_code" in response:
                    label = f"{value.get('method', '?')} {value.get('path', '?')}"
                    linked = bool(node.get("is_transition_applied"))
                    tally.record(label, int(response["status_code"]), _content(response), linked)
    return tally


def _content(response: dict[str, Any]) -> bytes:
    content = response.get("content") or {}
    if isinstance(content, dict) and "$base64" in content:
        return base64.b64decode(content["$base64"])
    return content.encode() if isinstance(content, str) else b""


def fail_unreached(summary: RunSummary, labels: list[str], link_targets: Collection[str] = ()) -> list[str]:
    """Fail every operation of ``labels`` that never reached a 2xx answer, though schemathesis passed it.

    A link target no linked request reached is marked skipped instead: the run could not tell.
    """
    results = {result.label: result for result in summary.results}
    for label in summary.tally.unproven(labels, link_targets):
        result = results.get(label)
        if result is not None and result.outcome == "passed":
            result.outcome = "skipped"
            result.details = "not proven served: no request carried an id from a link (the stateful phase missed it)"
    unreached = summary.tally.unreached(labels, link_targets)
    for label, verdict in unreached.items():
        details = f"{verdict}: the server does not serve this operation, or none of the requests could succeed"
        result = results.get(label)
        if result is None:
            summary.results.append(OperationResult(label, "failed", details))
        else:
            result.outcome = "failed"
            result.details = "\n\n".join(filter(None, [details, result.details]))
        summary.exit_code = summary.exit_code or 1
    return sorted(unreached)


def _latest(directory: Path, prefix: str, suffix: str) -> Path | None:
    found = sorted(directory.glob(f"{prefix}-*{suffix}"))
    return found[-1] if found else None


def summarize(directory: Path, base_url: str, profile: str, seconds: float) -> RunSummary:
    """Read the newest schemathesis reports in ``directory``."""
    junit, run, events = (
        _latest(directory, *names) for names in (("junit", ".xml"), ("json", ".json"), ("ndjson", ".ndjson"))
    )
    document: dict[str, Any] = json.loads(run.read_text(encoding="utf-8")) if run else {}
    return RunSummary(
        base_url=base_url,
        profile=profile,
        seconds=seconds,
        generated=int((document.get("test_cases") or {}).get("generated", 0)),
        requests=count_requests(events) if events else Counter(),
        results=read_junit(junit) if junit else [],
        filtered=int(document.get("filtered") or 0),
        seed=str(document.get("seed", "?")),
        exit_code=int(document.get("exit_code", 1)),
        tally=read_tally(events) if events else SuccessTally(),
        files=[path for path in (junit, run, events) if path is not None]
        + sorted(directory.glob("har-*.json"))
        + sorted(directory.glob("vcr-*.yaml")),
    )


def operation_ids_by_label(spec: dict[str, Any]) -> dict[str, str]:
    """operationId by schemathesis label (``METHOD /path``)."""
    ids = {}
    for path, item in (spec.get("paths") or {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "operationId" in operation:
                ids[f"{method.upper()} {path}"] = operation["operationId"]
    return ids


def render_markdown(summary: RunSummary, spec: dict[str, Any]) -> str:
    ids = operation_ids_by_label(spec)
    outcome = "PASSED" if summary.exit_code == 0 else "FAILED"
    lines = [
        "# Conformance report",
        "",
        f"- Server: `{summary.base_url}`",
        f"- Result: **{outcome}** ({len(summary.failed)} of {len(summary.results)} test groups failed)",
        f"- Profile: `{summary.profile}`, seed `{summary.seed}`",
        f"- Test cases generated: {summary.generated}; requests sent: {sum(summary.requests.values())}",
        f"- Time: {summary.seconds:.0f} s",
        f"- Failures dropped by the documented allowances (docs/PROPERTY_TESTS.md): {summary.filtered}",
        "",
        "## Operations",
        "",
        "| operation | method and path | result | requests |",
        "| --- | --- | --- | ---: |",
    ]
    for result in summary.results:
        name = ids.get(result.label, "stateful phase" if result.label == STATEFUL else "?")
        requests = summary.requests.get(result.label, "") if result.label != STATEFUL else ""
        lines.append(f"| {name} | `{result.label}` | {result.outcome} | {requests} |")
    for result in summary.results:
        if result.outcome in ("failed", "errored", "skipped") and result.details:
            lines += ["", f"## {result.outcome.capitalize()}: `{result.label}`", "", "```text", result.details, "```"]
    lines += ["", "## Files", ""]
    lines += [f"- `{path.name}`" for path in summary.files]
    lines += ["", "Replay a failure with the `curl` line above (put your key in place of `sk-REDACTED`)."]
    return "\n".join(lines) + "\n"

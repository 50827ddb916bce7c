"""The stock schemathesis run: the spec alone, as any schemathesis user runs it against the server.

No hooks and no configuration file: ``schemathesis run spec/openapi.yaml --url URL -H
'Authorization: Bearer KEY' --checks all --phases examples,coverage,fuzzing,stateful --baseline
conform/stock-baseline.json``. The baseline is schemathesis' own list of accepted failures: one
entry per operation whose 400s may be a rule no schema can express, each with its reason. Without
it the stateful phase ends at the first such failure. schemathesis matches an entry by operation
and status only, so the run is judged here, answer by answer: it passes when every reported
failure is one ``allowances.py`` explains by the error's ``param`` (file contents, ids that must
exist, rules across fields), or, for invalid data accepted, by a multipart form that is valid as
sent (``forms.py``), and the stateful phase follows at least ``LINK_SHARE`` of the links.
``scripts/conform --deep`` runs it after the tuned run.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .allowances import rejection_reason
from .forms import multipart_is_valid_as_sent
from .report import operation_ids_by_label
from .settings import ROOT, SPEC_PATH

__all__ = [
    "BASELINE_PATH",
    "FORM_ARRIVED_VALID",
    "LINK_SHARE",
    "LONG_ANSWER",
    "LONG_ANSWER_BYTES",
    "REQUEST_TIMEOUT",
    "STOCK_FINE_TUNE_SECONDS",
    "STOCK_SECONDS",
    "StockFailure",
    "StockSummary",
    "read_stock_run",
    "render_stock",
    "stock_command",
]

BASELINE_PATH = ROOT / "conform" / "stock-baseline.json"
LINK_SHARE = 0.9
# Seconds per request. 2048 embedding inputs (the API's limit, which the coverage phase sends) make a
# 67 MB answer that a loaded 2-core machine takes longer than schemathesis' default 10 s to produce.
REQUEST_TIMEOUT = 60
# The run's time budget: fuzzing and the stateful phase take turns until it is spent, a pass of each at
# schemathesis' default number of examples. The stateful phase gets about a fifth of the time. A job's links
# are chains of three or more calls from an upload (or from the file list), and a cancel's links need a job
# still running: the share turns on the jobs a run makes and cancels in time (docs/PROPERTY_TESTS.md).
STOCK_SECONDS = 2700
# How long the stock run's fine-tunes take on the mock (its own server, started for the run). Most cancels
# name a job some earlier call listed or made, not the one just created: at 2 s nearly all of those have
# finished, and a successful cancel, where five links start, was rare (4 to 12 a run). At 10 s, 24 in the
# same time; listed jobs have still finished, so the links to a fine-tuned model are followed too.
STOCK_FINE_TUNE_SECONDS = 10.0
# Why a slow answer is no defect: it is this large. schemathesis fuzzes `n` up to 128 with `max_tokens` unset,
# which asks for the rest of the model's context in every completion (up to 32k tokens on gpt-4-32k): millions
# of tokens, megabytes of text, that a server generating them cannot send within schemathesis' 10 s.
# Below this size an answer must come in time (the mock's slowest path makes about 100,000 tokens a second).
LONG_ANSWER_BYTES = 2 * 1024 * 1024
LONG_ANSWER = (
    "the answer is over 2 MiB of generated text, as the request asked (`n` completions, each up to `max_tokens` "
    "or the rest of the model's context): generating that much takes longer than schemathesis' 10 s"
)
_LINKS = re.compile(r"API Links:\s+(\d+) covered / (\d+) selected / (\d+) total")
_GENERATED = re.compile(r"(\d+) generated")
_MULTIPART = "multipart/form-data"
# Why an "invalid data accepted" report is none: what reached the server was a valid form.
FORM_ARRIVED_VALID = (
    "the form as sent is valid: form fields carry text, so the generated invalid value reached the server as a "
    "valid one or not at all (an empty array sends no part)"
)


@dataclass(frozen=True)
class StockFailure:
    operation: str  # METHOD /path, as schemathesis labels it
    check: str
    status: int | None
    reason: str | None  # why a correct server answers so; None when nothing explains it


@dataclass
class StockSummary:
    cases: int
    failures: Counter[StockFailure]
    links_covered: set[str]
    links_total: int

    @property
    def unexpected(self) -> list[StockFailure]:
        return [failure for failure in self.failures if failure.reason is None]

    @property
    def link_share(self) -> float:
        return len(self.links_covered) / self.links_total if self.links_total else 0.0

    @property
    def passed(self) -> bool:
        return not self.unexpected and self.link_share >= LINK_SHARE


def stock_command(base_url: str, api_key: str, report_dir: Path, *, seed: int | None, workers: int) -> list[str]:
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(SPEC_PATH),
        "--url",
        base_url,
        "-H",
        f"Authorization: Bearer {api_key}",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--workers",
        str(workers),
        "--report",
        "ndjson",
        "--report-dir",
        str(report_dir),
        "--baseline",
        str(BASELINE_PATH),
        "--request-timeout",
        str(REQUEST_TIMEOUT),
        "--max-time",
        str(STOCK_SECONDS),
    ]
    return [*command, "--seed", str(seed)] if seed is not None else command


def _scenarios(ndjson: Path) -> Iterator[dict[str, Any]]:
    with ndjson.open(encoding="utf-8") as handle:
        for line in handle:
            if '"ScenarioFinished"' in line[:40]:
                yield json.loads(line)["ScenarioFinished"].get("recorder") or {}


def _bytes(content: object) -> bytes:
    if isinstance(content, Mapping) and isinstance(content.get("$base64"), str):
        return base64.b64decode(content["$base64"])
    return content.encode() if isinstance(content, str) else b""


def _body(response: Mapping[str, Any]) -> bytes:
    return _bytes(response.get("content"))


def _form_schema(spec: Mapping[str, Any], operation: str) -> Any:
    """The multipart request schema of ``METHOD /path``, or None."""
    method, _, path = operation.partition(" ")
    definition = ((spec.get("paths") or {}).get(path) or {}).get(method.lower()) or {}
    content = (definition.get("requestBody") or {}).get("content") or {}
    return (content.get(_MULTIPART) or {}).get("schema")


def _form_arrived_valid(spec: Mapping[str, Any], operation: str, request: Mapping[str, Any]) -> bool:
    content_type = next(iter((request.get("headers") or {}).get("Content-Type") or []), "")
    schema = _form_schema(spec, operation)
    if schema is None or not str(content_type).lower().startswith(_MULTIPART):
        return False
    return multipart_is_valid_as_sent(spec, schema, _bytes(request.get("body")), str(content_type))


def _long_answer(response: Mapping[str, Any]) -> bool:
    """Whether a successful answer holds at least ``LONG_ANSWER_BYTES`` (the report keeps only its first MiB,
    so the size is the one it records)."""
    size = response.get("content_size")
    return response.get("status_code") == 200 and isinstance(size, int) and size >= LONG_ANSWER_BYTES


def read_stock_run(ndjson: Path, output: str, spec: Mapping[str, Any]) -> StockSummary:
    """The run's failures (each with its reason, if one applies), cases and followed links.

    ``output`` is what the CLI printed: the link totals (inferred links included) are only there.
    ``spec`` is the OpenAPI document the run tested.
    """
    operation_ids = operation_ids_by_label(dict(spec))
    failures: Counter[StockFailure] = Counter()
    covered: set[str] = set()
    for recorder in _scenarios(ndjson):
        for node in (recorder.get("cases") or {}).values():
            transition = node.get("transition") or {}
            if node.get("is_transition_applied") and transition.get("id"):
                covered.add(str(transition["id"]))
        for case_id, checks in (recorder.get("checks") or {}).items():
            interaction = (recorder.get("interactions") or {}).get(case_id) or {}
            response = interaction.get("response") or {}
            for check in checks:
                if check.get("status") != "failure":
                    continue
                info = (check.get("failure_info") or {}).get("failure") or {}
                operation = str(info.get("operation", "?"))
                status = response.get("status_code")
                reason = None
                if check.get("name") == "positive_data_acceptance" and isinstance(status, int):
                    reason = rejection_reason(operation_ids.get(operation), status, _body(response))
                elif check.get("name") == "negative_data_rejection":
                    arrived_valid = _form_arrived_valid(spec, operation, interaction.get("request") or {})
                    reason = FORM_ARRIVED_VALID if arrived_valid else None
                elif check.get("name") == "max_response_time" and _long_answer(response):
                    reason = LONG_ANSWER
                failures[StockFailure(operation, str(check.get("name")), status, reason)] += 1
    links = _LINKS.findall(output)
    generated = _GENERATED.findall(output)
    return StockSummary(
        cases=int(generated[-1]) if generated else 0,
        failures=failures,
        links_covered=covered,
        links_total=int(links[-1][2]) if links else 0,
    )


def render_stock(summary: StockSummary) -> str:
    outcome = "PASSED" if summary.passed else "FAILED"
    lines = [
        "## Stock schemathesis run",
        "",
        "The spec alone: no hooks and no configuration file; schemathesis' baseline accepts the 400s of",
        "`conform/stock-baseline.json`, and every reported failure is judged below by its `param`.",
        "",
        f"- Result: **{outcome}**",
        f"- Test cases generated: {summary.cases}",
        f"- Links followed by the stateful phase: {len(summary.links_covered)} of {summary.links_total} "
        f"({summary.link_share:.0%}; at least {LINK_SHARE:.0%} required)",
        f"- Failures with no reason: {len(summary.unexpected)}",
        "",
        "| operation | check | status | reports | why a correct server answers so |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for failure, count in sorted(summary.failures.items(), key=lambda item: (item[0].operation, item[0].check)):
        why = failure.reason or "**none: a defect of the spec or the server**"
        lines.append(f"| `{failure.operation}` | {failure.check} | {failure.status} | {count} | {why} |")
    lines += ["", "Links followed:", ""]
    lines += [f"- `{link}`" for link in sorted(summary.links_covered)]
    return "\n".join(lines) + "\n"

"""``scripts/conform``: the property suite's checks against any OpenAI-compatible server, with reports.

Runs ``schemathesis run`` over spec/openapi.yaml with every check plus ours (loaded through
``SCHEMATHESIS_HOOKS``), all phases (examples, coverage, fuzzing, stateful), then writes
``report.md`` next to schemathesis' JUnit, JSON, NDJSON, HAR and VCR files. With ``--deep`` a
second, stock run follows (the spec alone, see ``stock.py``); its report goes to ``stock/``.
Without ``--base-url`` it starts ``openai-mock`` on a free local port and stops it afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from .mockproc import running_mock_process
from .report import fail_unreached, render_markdown, summarize
from .settings import API_KEY_VARIABLE, CONFIG_PATH, DEFAULT_API_KEY, PROFILES, ROOT, SPEC_PATH
from .stock import REQUEST_TIMEOUT, STOCK_FINE_TUNE_SECONDS, StockSummary, read_stock_run, render_stock, stock_command

__all__ = ["build_command", "link_targets", "links_within", "main", "parse_args", "redact", "run_config"]

REPORTS = "junit,har,vcr,ndjson,json"
MOCK_ORGANIZATION = "org-conform"
REDACTED = b"sk-REDACTED"  # still a well-formed key, and safe inside XML, JSON and YAML


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/conform", description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--base-url", help="API base URL, e.g. http://127.0.0.1:8080/v1 (default: start openai-mock)")
    parser.add_argument("--api-key", help=f"bearer key (default: $OPENAI_API_KEY, else {DEFAULT_API_KEY})")
    parser.add_argument("--spec", type=Path, default=SPEC_PATH, help="OpenAPI document (default: spec/openapi.yaml)")
    parser.add_argument(
        "--operations", nargs="+", default=[], metavar="OPERATION_ID", help="only these operationIds (comma or space)"
    )
    parser.add_argument(
        "--deep",
        action="store_true",
        help="the deep profile (at least 10,000 test cases), then the stock run of the spec alone (stock.py)",
    )
    parser.add_argument("--report-dir", type=Path, default=Path("conform-report"), help="where reports go")
    parser.add_argument(
        "--organization",
        help="send this OpenAI-Organization on every request (default with the mock: org-conform; otherwise "
        "none: the key's default organization)",
    )
    parser.add_argument("--seed", type=int, help="schemathesis seed, to repeat a run")
    parser.add_argument("--workers", type=int, default=2, help="concurrent schemathesis workers (default 2)")
    return parser.parse_args(argv)


def _labels(spec: dict[str, Any]) -> dict[str, str]:
    """operationId -> ``METHOD /path``, as schemathesis labels operations."""
    return {
        operation["operationId"]: f"{method.upper()} {path}"
        for path, item in (spec.get("paths") or {}).items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


def _operation_ids(values: Sequence[str], spec: dict[str, Any]) -> list[str]:
    known = _labels(spec)
    wanted = [name.strip() for value in values for name in value.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(known))
    if unknown:
        raise SystemExit(f"scripts/conform: unknown operationId(s): {', '.join(unknown)}")
    return wanted


def link_targets(spec: dict[str, Any]) -> set[str]:
    """Labels of the operations some response link of the spec leads to."""
    labels = _labels(spec)
    return {
        labels[link["operationId"]]
        for item in (spec.get("paths") or {}).values()
        for operation in item.values()
        if isinstance(operation, dict)
        for response in (operation.get("responses") or {}).values()
        if isinstance(response, dict)
        for link in (response.get("links") or {}).values()
        if link.get("operationId") in labels
    }


def links_within(spec: dict[str, Any], operations: Sequence[str]) -> bool:
    """Whether some response link of one of ``operations`` leads to one of them (else no stateful phase)."""
    chosen = set(operations)
    for item in (spec.get("paths") or {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or operation.get("operationId") not in chosen:
                continue
            for response in (operation.get("responses") or {}).values():
                for link in (response.get("links") or {}).values() if isinstance(response, dict) else ():
                    if link.get("operationId") in chosen:
                        return True
    return False


def build_command(
    base_url: str,
    report_dir: Path,
    *,
    deep: bool,
    operations: Sequence[str],
    seed: int | None,
    workers: int,
    organization: str | None = None,
    spec_path: Path = SPEC_PATH,
    stateful: bool = True,
    config_path: Path = CONFIG_PATH,
) -> list[str]:
    profile = PROFILES["deep" if deep else "ci"]
    phases = "examples,coverage,fuzzing" + (",stateful" if stateful else "")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config_path),
        "run",
        str(spec_path),
        "--url",
        base_url,
        "--checks",
        "all",
        "--mode",
        "all",
        "--phases",
        phases,
        "--max-examples",
        str(profile.max_examples),
        "--workers",
        str(workers),
        "--report",
        REPORTS,
        "--report-dir",
        str(report_dir),
        # Field names containing "token" (max_tokens) would be masked and the curl lines would not replay;
        # the key itself is redacted from the files afterwards.
        "--output-sanitize",
        "false",
        "--request-timeout",
        str(REQUEST_TIMEOUT),
    ]
    for operation in operations:
        command += ["--include-operation-id", operation]
    if seed is not None:
        command += ["--seed", str(seed)]
    if organization:
        # Files and jobs belong to one organization: a fixed one lets the stateful phase chain them.
        command += ["--header", f"OpenAI-Organization: {organization}"]
    return command


def run_config(directory: Path, deep: bool) -> Path:
    """conform/schemathesis.toml plus the stateful phase's settings, which the CLI takes only from a file.

    The profile's number of scenarios, and the spec's links only: with links schemathesis infers
    on its own, a run spreads over a few dozen scenarios and never reaches the end of the fine-tune flow.
    """
    profile = PROFILES["deep" if deep else "ci"]
    path = directory / "schemathesis.toml"
    scenarios = f"\n[phases.stateful.generation]\nmax-examples = {profile.stateful_examples}\n"
    scenarios += "\n[phases.stateful.inference]\nalgorithms = []\n"
    path.write_text(CONFIG_PATH.read_text(encoding="utf-8") + scenarios, encoding="utf-8")
    return path


def redact(directory: Path, secret: str, since: float) -> None:
    """Replace the API key in every report file written since ``since``."""
    needle = secret.encode()
    for path in directory.iterdir():
        if path.is_file() and path.stat().st_mtime >= since:
            data = path.read_bytes()
            if needle in data:
                path.write_bytes(data.replace(needle, REDACTED))


def run_stock(base_url: str, key: str, report_dir: Path, *, seed: int | None, workers: int) -> StockSummary:
    """The stock schemathesis run against ``base_url``: no hooks and no configuration file."""
    stock_dir = report_dir / "stock"
    stock_dir.mkdir(parents=True, exist_ok=True)
    started = time.time()
    command = stock_command(base_url, key, stock_dir, seed=seed, workers=workers)
    env = {name: value for name, value in os.environ.items() if name != "SCHEMATHESIS_HOOKS"}
    # The repository root holds no schemathesis.toml, so nothing but the command line shapes this run.
    finished = subprocess.run(command, env=env, cwd=ROOT, check=False, capture_output=True, text=True)
    output = finished.stdout + finished.stderr
    (stock_dir / "output.txt").write_text(output.replace(key, REDACTED.decode()), encoding="utf-8")
    redact(stock_dir, key, started - 1)
    events = sorted(stock_dir.glob("ndjson-*.ndjson"))
    if not events:
        raise SystemExit(f"scripts/conform: the stock run wrote no report; its output: {stock_dir / 'output.txt'}")
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return read_stock_run(events[-1], output, spec)


@contextlib.contextmanager
def _server(base_url: str | None, log: Path, spec: Path | None = None, fine_tune_seconds: float = 0.5) -> Iterator[str]:
    if base_url:
        yield base_url.rstrip("/")
        return
    print("==> Starting openai-mock on a free 127.0.0.1 port", flush=True)
    with running_mock_process(log, fine_tune_seconds, spec=spec) as url:
        print(f"==> openai-mock answers at {url} (its log: {log})", flush=True)
        yield url
    print("==> Stopped openai-mock", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    spec_path: Path = args.spec.resolve()
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"scripts/conform: --spec {args.spec}: cannot read: {exc}") from None
    operations = _operation_ids(args.operations, spec)
    # A subset without links among its operations has no stateful scenario to run.
    stateful = not operations or links_within(spec, operations)
    key = args.api_key or os.environ.get("OPENAI_API_KEY") or DEFAULT_API_KEY
    report_dir: Path = args.report_dir.resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        {
            API_KEY_VARIABLE: key,
            "SCHEMATHESIS_HOOKS": "openai_conform.hooks",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "conform"), env.get("PYTHONPATH")])),
        }
    )
    profile = "deep" if args.deep else "ci"
    started = time.time()
    with (
        _server(args.base_url, report_dir / "mock.log", spec_path) as base_url,
        tempfile.TemporaryDirectory(prefix="conform-") as scratch,
    ):
        organization = args.organization or (None if args.base_url else MOCK_ORGANIZATION)
        command = build_command(
            base_url,
            report_dir,
            deep=args.deep,
            operations=operations,
            seed=args.seed,
            workers=args.workers,
            organization=organization,
            spec_path=spec_path,
            stateful=stateful,
            config_path=run_config(Path(scratch), args.deep),
        )
        scope = ", ".join(operations) if operations else "every operation"
        skipped = "" if stateful else " (no links among them: no stateful phase)"
        print(f"==> schemathesis, profile {profile}, {scope}{skipped}", flush=True)
        status = subprocess.run(command, env=env, cwd=ROOT, check=False).returncode
    stock: StockSummary | None = None
    if args.deep and not operations:
        # A mock of its own: a fresh store, as a user's first run meets it, with the stock run's fine-tunes.
        with _server(args.base_url, report_dir / "stock-mock.log", spec_path, STOCK_FINE_TUNE_SECONDS) as stock_url:
            print("==> stock schemathesis run: the spec alone, no hooks, no configuration", flush=True)
            stock = run_stock(stock_url, key, report_dir, seed=args.seed, workers=args.workers)
    redact(report_dir, key, started - 1)
    summary = summarize(report_dir, base_url, profile, time.time() - started)
    labels = _labels(spec)
    unreached = fail_unreached(summary, [labels[name] for name in operations or labels], link_targets(spec))
    markdown = render_markdown(summary, spec)
    if stock is not None:
        markdown += "\n" + render_stock(stock)
    (report_dir / "report.md").write_text(markdown, encoding="utf-8")
    for label in unreached:
        print(f"==> FAILED {label}: no request reached a success (2xx) answer", flush=True)
    print(
        f"==> {summary.generated} test cases, {sum(summary.requests.values())} requests, "
        f"{len(summary.failed)} failing groups, {summary.seconds:.0f} s; report: {report_dir / 'report.md'}"
    )
    if stock is not None:
        print(
            f"==> stock run: {stock.cases} test cases, {sum(stock.failures.values())} failure reports "
            f"({len(stock.unexpected)} without a reason), {len(stock.links_covered)} of {stock.links_total} links "
            f"followed: {'passed' if stock.passed else 'FAILED'}"
        )
        status = status or (0 if stock.passed else 1)
    return status or (1 if unreached else 0)

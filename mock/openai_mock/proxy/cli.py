"""``openai-mock proxy --upstream URL``: serve the validating proxy; print the summary on exit."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import DEFAULT_MAX_JSON_BYTES, ProxyConfig

__all__ = ["main", "parse_args"]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="openai-mock proxy",
        description="Forward every request to an OpenAI-compatible API, validating requests, responses and "
        "streamed events against the spec. GET /__proxy__/status reports what was seen.",
    )
    parser.add_argument(
        "--upstream", required=True, metavar="URL", help="the API's base URL, e.g. https://api.openai.com/v1"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8090, help="port to bind (default 8090; 0 picks a free one)")
    parser.add_argument(
        "--fail-on-violation",
        action="store_true",
        help="answer an OpenAI-style error (400 request, 502 response) instead of a non-conforming exchange",
    )
    parser.add_argument(
        "--undeclared-fields",
        action="store_true",
        help="also report fields of answers and events that the spec does not declare (kind undeclared_field)",
    )
    parser.add_argument("--record", type=Path, default=None, metavar="DIR", help="write every exchange to DIR")
    parser.add_argument("--spec", type=Path, default=None, metavar="PATH", help="validate against this document")
    parser.add_argument(
        "--max-json-bytes",
        type=int,
        default=DEFAULT_MAX_JSON_BYTES,
        help="JSON bodies up to this size are validated and recorded (larger ones pass unchecked)",
    )
    parser.add_argument("--connect-timeout", type=float, default=10.0, metavar="SECONDS")
    parser.add_argument("--read-timeout", type=float, default=600.0, metavar="SECONDS")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    import uvicorn

    from .app import create_proxy_app

    try:
        config = ProxyConfig(
            upstream=args.upstream,
            fail_on_violation=args.fail_on_violation,
            undeclared_fields=args.undeclared_fields,
            record_dir=args.record,
            spec_path=args.spec,
            max_json_bytes=args.max_json_bytes,
            connect_timeout=args.connect_timeout,
            read_timeout=args.read_timeout,
        )
    except ValueError as exc:
        raise SystemExit(f"openai-mock proxy: {exc}") from None
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s:     %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per forwarded request is uvicorn's access log
    app = create_proxy_app(config)
    try:
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            access_log=args.log_level == "debug",
            timeout_graceful_shutdown=2,
        )
    finally:
        print(app.state.report.summary(), file=sys.stderr, flush=True)

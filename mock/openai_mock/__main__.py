"""``openai-mock`` / ``python -m openai_mock``: serve the mock API with uvicorn (``openai-mock proxy``: the
validating proxy, see ``proxy.cli``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import DEFAULT_MAX_BODY_BYTES, MockConfig

__all__ = ["main", "parse_args"]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="openai-mock",
        description="A stateful mock of the 2023 OpenAI REST API.",
        epilog="openai-mock proxy --upstream URL: a proxy validating live traffic against the spec "
        "(openai-mock proxy --help).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to bind (default 8080; 0 picks a free one)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep files, fine-tunes and models in SQLite + blobs here (default: in memory)",
    )
    parser.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        help="accept only this key (repeatable; default: any key of the form sk-...)",
    )
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="delay before every response and between streamed chunks, in milliseconds",
    )
    parser.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        metavar="F",
        help="share of /v1 requests answered 429/500/503 (seeded, reproducible)",
    )
    parser.add_argument("--fault-seed", type=int, default=0, help="seed of --fault-rate's choices")
    parser.add_argument(
        "--fine-tune-duration",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="time a fine-tune takes from pending to succeeded (default 5)",
    )
    parser.add_argument(
        "--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES, help="largest request body accepted (413 beyond)"
    )
    parser.add_argument("--quota-bytes", type=int, default=1 << 30, help="file storage per organization")
    parser.add_argument(
        "--enforce-rate-limits",
        action="store_true",
        help="answer 429 once a key's per-minute request or token budget is spent",
    )
    parser.add_argument(
        "--replay",
        type=Path,
        default=None,
        metavar="DIR",
        help="answer requests recorded by `openai-mock proxy --record DIR` as recorded; the mock answers the rest",
    )
    parser.add_argument(
        "--spec",
        type=Path,
        default=None,
        metavar="PATH",
        help="serve and validate against this OpenAPI document (default: the one it was built from)",
    )
    parser.add_argument(
        "--fsync",
        action="store_true",
        help="with --data-dir, have every change on the disk before answering it, so that a power loss "
        "keeps it (slower uploads; a killed server loses nothing either way)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="serve from N processes sharing one store (with --data-dir, or a temporary one; default 1)",
    )
    parser.add_argument(
        "--admin-key",
        default=None,
        metavar="KEY",
        help="serve the scripting API under /__mock__/ to requests bearing this key (default: off)",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["proxy"]:
        from .proxy.cli import main as proxy_main

        proxy_main(argv[1:])
        return
    args = parse_args(argv)
    import uvicorn

    from .app import create_app

    try:
        config = MockConfig(
            data_dir=args.data_dir,
            api_keys=tuple(args.api_key),
            latency_ms=args.latency,
            fault_rate=args.fault_rate,
            fault_seed=args.fault_seed,
            fine_tune_duration=args.fine_tune_duration,
            max_body_bytes=args.max_body_bytes,
            quota_bytes=args.quota_bytes,
            enforce_rate_limits=args.enforce_rate_limits,
            log_level=args.log_level,
            replay_dir=args.replay,
            spec_path=args.spec.resolve() if args.spec else None,
            admin_key=args.admin_key,
            fsync=args.fsync,
        )
    except ValueError as exc:
        raise SystemExit(f"openai-mock: {exc}") from None
    if args.workers < 1:
        raise SystemExit(f"openai-mock: --workers must be at least 1, got {args.workers}")
    if args.workers > 1:
        from .workers import serve_workers

        serve_workers(config, workers=args.workers, host=args.host, port=args.port, log_level=args.log_level)
        return
    # Access logs cost throughput; they are on only when debugging.
    uvicorn.run(
        create_app(config),
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        access_log=args.log_level == "debug",
        timeout_graceful_shutdown=2,
    )


if __name__ == "__main__":
    main()

"""Turning the JSON each benchmark printed into table rows: metric, ours, baseline, ratio, target, met.

A row's `ratio` is ours divided by the baseline; `direction` says whether a target is an upper (`<=`)
or a lower (`>=`) bound. Rows whose target is an absolute limit (MB) carry `limit` instead, and their
plotted ratio is the figure divided by the limit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .imports import FACADE_MODULE

__all__ = ["Row", "build_rows"]


@dataclass(frozen=True)
class Row:
    metric: str
    ours: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None
    plot_value: float | None = None  # what the chart draws (the ratio, or figure / limit)
    plot_target: float | None = None
    direction: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio_row(metric: str, ours: float, base: float, unit: str, label: str, target: float | None, upper: bool) -> Row:
    ratio = ours / base
    direction = "<=" if upper else ">="
    met = None if target is None else (ratio <= target if upper else ratio >= target)
    shown = "" if target is None else f"{direction} {target:.3g}x"
    return Row(
        metric,
        f"{_fmt(ours)} {unit}",
        f"{_fmt(base)} {unit} ({label})",
        ratio,
        shown or "(info)",
        met,
        ratio if target is not None else None,
        target,
        direction if target is not None else "",
    )


def _limit_row(metric: str, ours: float, base: float | None, label: str, limit: float, strict: bool) -> Row:
    met = ours < limit if strict else ours <= limit
    baseline = f"{_fmt(base)} MB ({label})" if base is not None else "-"
    ratio = ours / base if base else None
    target = f"{'<' if strict else '<='} {limit:g} MB"
    return Row(metric, f"{_fmt(ours)} MB", baseline, ratio, target, met, ours / limit, 1.0, "<=")


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def _overhead(data: dict[str, Any]) -> list[Row]:
    ours, raw = data["ours"], data["raw"]
    us = 1e6
    rows = [
        _ratio_row(
            "chat completion, per call (vs raw httpx)",
            ours["chat_s"] * us,
            raw["chat_s"] * us,
            "us",
            "raw httpx",
            1.6,
            True,
        )
    ]
    facade = data.get("facade")
    if facade:
        rows.append(
            _ratio_row(
                "facade chat completion, per call (vs raw httpx)",
                facade["chat_s"] * us,
                raw["chat_s"] * us,
                "us",
                "raw httpx",
                1.3,
                True,
            )
        )
    if "sdk" in data:
        sdk = data["sdk"]
        rows.append(
            _ratio_row(
                "chat completion, per call (vs SDK)",
                ours["chat_s"] * us,
                sdk["chat_s"] * us,
                "us",
                "openai SDK",
                1 / 3,
                True,
            )
        )
    ms = 1e3
    rows.append(
        _ratio_row(
            "embeddings 16x1536, per call (vs raw httpx)",
            ours["embeddings_s"] * ms,
            raw["embeddings_s"] * ms,
            "ms",
            "raw httpx",
            1.5,
            True,
        )
    )
    if "sdk" in data:
        sdk = data["sdk"]
        rows.append(
            _ratio_row(
                "embeddings, per call (vs SDK, floats forced)",
                ours["embeddings_s"] * ms,
                sdk["embeddings_s"] * ms,
                "ms",
                "openai SDK",
                None,
                True,
            )
        )
        if facade:
            rows.append(
                _ratio_row(
                    "facade embeddings 16x1536, default (base64), per call (vs SDK default)",
                    facade["embeddings_s"] * ms,
                    sdk["embeddings_default_s"] * ms,
                    "ms",
                    "openai SDK",
                    1.0,
                    True,
                )
            )
        rows.append(
            _ratio_row(
                "function layer embeddings, floats, per call (vs SDK default, base64)",
                ours["embeddings_s"] * ms,
                sdk["embeddings_default_s"] * ms,
                "ms",
                "openai SDK",
                None,
                True,
            )
        )
    return rows


def _sse(data: dict[str, Any]) -> list[Row]:
    if "sdk" not in data:
        return []
    ours, sdk = data["ours"]["chunks_per_s"], data["sdk"]["chunks_per_s"]
    rows = [_ratio_row(f"SSE parsing, {data['chunks']:,} chunks", ours, sdk, "chunks/s", "openai SDK", 10, False)]
    if "facade" in data:
        facade = data["facade"]["chunks_per_s"]
        rows.append(
            _ratio_row(
                f"facade SSE parsing, {data['chunks']:,} chunks", facade, sdk, "chunks/s", "openai SDK", 10, False
            )
        )
    return rows


def _imports(data: dict[str, Any]) -> list[Row]:
    call = data["ours"]
    module = next(k[: -len("_ms")] for k in call if k.endswith("_ms") and not k.startswith("httpx"))
    facade = data.get("facade")
    facade_rows = []
    if facade:
        name = next(k[: -len("_ms")] for k in facade if k.endswith("_ms") and not k.startswith("httpx"))
        facade_rows.append(
            _ratio_row(
                "import for a facade chat call (vs import httpx)",
                facade[f"{name}_ms"],
                facade["httpx_ms"],
                "ms",
                "httpx",
                1.25,
                True,
            )
        )
    counted = data.get("facade_instructions")
    if counted:
        facade_rows.append(
            _ratio_row(
                "import for a facade chat call, instructions (vs import httpx)",
                counted[FACADE_MODULE] / 1e6,
                counted["httpx"] / 1e6,
                "M instr.",
                "httpx",
                None,
                True,
            )
        )
    rows = [
        *facade_rows,
        _ratio_row(
            "import for a chat call (vs import httpx)",
            call[f"{module}_ms"],
            call["httpx_ms"],
            "ms",
            "httpx",
            1.25,
            True,
        ),
        _limit_row(
            "import for a chat call, peak RSS", call[f"{module}_rss_mb"], call["httpx_rss_mb"], "httpx", 35, False
        ),
    ]
    bare = data.get("ours_bare")
    if bare:
        rows.append(
            _ratio_row(
                "bare `import openai_client` (lazy)",
                bare["openai_client_ms"],
                bare["httpx_ms"],
                "ms",
                "httpx",
                None,
                True,
            )
        )
    sdk = data.get("sdk")
    if sdk:
        rows.append(
            _ratio_row(
                "import for a chat call (vs import openai)",
                call[f"{module}_ms"],
                sdk["openai_ms"],
                "ms",
                "openai SDK",
                None,
                True,
            )
        )
        rows.append(
            _ratio_row(
                "import peak RSS (vs import openai)",
                call[f"{module}_rss_mb"],
                sdk["openai_rss_mb"],
                "MB",
                "openai SDK",
                None,
                True,
            )
        )
    return rows


def _upload(data: dict[str, Any]) -> list[Row]:
    ours, sdk = data["ours"], data.get("sdk", {})
    size = f"{data['size_mib'] / 1024:g} GiB" if data["size_mib"] >= 1024 else f"{data['size_mib']} MiB"
    base = sdk.get("peak_rss_mb")
    rows = [_limit_row(f"upload {size}, peak RSS", ours["peak_rss_mb"], base, "openai SDK", 40, False)]
    if "seconds" in ours and "seconds" in sdk:
        rows.append(
            _ratio_row(f"upload {size}, wall time", ours["seconds"], sdk["seconds"], "s", "openai SDK", 1.0, True)
        )
    facade = data.get("facade", {})
    if "seconds" in facade:
        rows.append(_limit_row(f"facade upload {size}, peak RSS", facade["peak_rss_mb"], base, "openai SDK", 40, False))
        if "seconds" in sdk:
            rows.append(
                _ratio_row(
                    f"facade upload {size}, wall time", facade["seconds"], sdk["seconds"], "s", "openai SDK", 1.0, True
                )
            )
    if "cpu_seconds" in ours and "cpu_seconds" in sdk:
        rows.append(
            _ratio_row(
                f"upload {size}, client CPU time",
                ours["cpu_seconds"],
                sdk["cpu_seconds"],
                "s",
                "openai SDK",
                None,
                True,
            )
        )
    return rows


def _mock_upload(data: dict[str, Any]) -> list[Row]:
    mock, floor = data.get("mock", {}), data.get("floor", {})
    size = f"{data['size_mib'] / 1024:g} GiB" if data["size_mib"] >= 1024 else f"{data['size_mib']} MiB"
    metric = f"mock receives a {size} upload to disk (vs bare ASGI discard)"
    if "seconds" not in mock or "seconds" not in floor:
        return [Row(metric, "not run", "-", None, "<= 2x", None)]
    rows = [_ratio_row(metric, mock["seconds"], floor["seconds"], "s", "bare ASGI discard", 2.0, True)]
    synced, disk = data.get("mock_fsync", {}), data.get("disk", {})
    if "seconds" in synced:
        label = f"mock --fsync receives a {size} upload to disk (vs bare ASGI discard)"
        rows.append(_ratio_row(label, synced["seconds"], floor["seconds"], "s", "bare ASGI discard", None, True))
    if "seconds" in disk:
        # The disk's own floor: no server that waits for the disk, as --fsync does, can receive faster than this.
        label = f"writing {size} to the same disk and syncing it (vs bare ASGI discard)"
        rows.append(_ratio_row(label, disk["seconds"], floor["seconds"], "s", "bare ASGI discard", None, True))
        if "seconds" in synced:
            label = f"mock --fsync receives a {size} upload to disk (vs writing it to the disk)"
            rows.append(_ratio_row(label, synced["seconds"], disk["seconds"], "s", "disk write + fsync", None, True))
    peak, idle = mock["server_peak_rss_mb"], mock["server_idle_rss_mb"]
    # A warm mock holds its tokenizer tables (about 170 MB in all); receiving must add only its bounded buffers.
    rows.append(_limit_row(f"mock receiving {size}, server peak RSS", peak, idle, "idle, warm", 200, False))
    rows.append(_limit_row(f"mock receiving {size}, server RSS growth", peak - idle, None, "", 16, False))
    return rows


def _regenerate(data: dict[str, Any]) -> list[Row]:
    runs = len(data["runs"])
    return [
        Row(f"regenerate client + models (median of {runs})", f"{data['seconds']:.2f} s", "-", None, "(info)", None)
    ]


def _mock(data: dict[str, Any]) -> list[Row]:
    if "mock_same" not in data:
        return [Row("mock chat completion req/s", "not run", "-", None, ">= 3x Prism", None)]
    rows: list[Row] = []
    # "same": wrk repeats one request (the mock answers it from its cache); "unique": every message differs.
    for kind, label in (("same", "one repeated request"), ("unique", "every request unique")):
        mock = data[f"mock_{kind}"]["rps"]
        if f"prism_{kind}" in data:
            prism = data[f"prism_{kind}"]["rps"]
            rows.append(
                _ratio_row(f"mock chat completion, {label} (vs Prism)", mock, prism, "req/s", "Prism", 3, False)
            )
    if "floor" in data:
        mock = data["mock_same"]["rps"]
        rows.append(
            _ratio_row(
                "mock, repeated request (vs bare ASGI floor)", mock, data["floor"]["rps"], "req/s", "floor", 0.4, False
            )
        )
    if "mock_unique_workers2" in data and "mock_unique" in data:
        rows.append(
            _ratio_row(
                "mock chat completion, every request unique, 2 workers (vs 1 worker)",
                data["mock_unique_workers2"]["rps"],
                data["mock_unique"]["rps"],
                "req/s",
                "1 worker",
                None,
                False,
            )
        )
    sse = data.get("mock_sse")
    if sse:
        rows.append(
            Row(
                f"mock SSE stream, {sse['max_tokens']} tokens generated",
                f"{_fmt(sse['chunks_per_s'])} chunks/s",
                "-",
                None,
                "(info)",
                None,
            )
        )
    return rows


def build_rows(results: dict[str, dict[str, Any]]) -> list[Row]:
    builders = {
        "overhead": _overhead,
        "sse": _sse,
        "imports": _imports,
        "upload": _upload,
        "mock_upload": _mock_upload,
        "regenerate": _regenerate,
        "mock": _mock,
    }
    rows: list[Row] = []
    for name, build in builders.items():
        if name in results:
            rows.extend(build(results[name]))
    return rows

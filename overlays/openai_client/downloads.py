"""Downloading a file's content to disk in chunks, atomically.

    download_file(client, "file-abc123", "results.jsonl")   # -> Path, written whole or not at all

The generated operation reads the whole body into memory (BytesIO); this streams it with
`chunk_size`-byte reads into a temporary file beside the target, then renames it over the
target (os.replace, atomic on one filesystem). On any error the temporary file is removed and
the target is untouched; a cut connection raises APIConnectionError. The new file is private
to its owner (mode 0600, as mkstemp makes it).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO

import httpx

from ._generated_bridge import download_file_request
from ._requests import AnyClient
from .error_mapping import connection_error_from, error_from_response
from .retries import STREAM_RESPONSE

__all__ = ["adownload_file", "awrite_response_to", "download_file", "write_response_to"]

DEFAULT_CHUNK_SIZE = 1 << 20
# The retrying transport would otherwise read the whole body before handing it over.
_STREAMED = {STREAM_RESPONSE: True}


def _temporary(target: Path) -> tuple[IO[bytes], Path]:
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    return os.fdopen(fd, "wb"), Path(name)


def _discard(temporary: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()


def write_response_to(
    response: httpx.Response, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Path:
    """Stream the body of a successful, not yet read `response` into `path`, atomically; returns the path."""
    target = Path(path)
    out, temporary = _temporary(target)
    try:
        with out:
            for chunk in response.iter_bytes(chunk_size):
                out.write(chunk)
        os.replace(temporary, target)
    except httpx.TransportError as exc:
        _discard(temporary)
        raise connection_error_from(exc) from exc
    except BaseException:
        _discard(temporary)
        raise
    return target


async def awrite_response_to(
    response: httpx.Response, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Path:
    """Async write_response_to; disk writes are synchronous (each is one chunk)."""
    target = Path(path)
    out, temporary = _temporary(target)
    try:
        with out:
            async for chunk in response.aiter_bytes(chunk_size):
                out.write(chunk)
        os.replace(temporary, target)
    except httpx.TransportError as exc:
        _discard(temporary)
        raise connection_error_from(exc) from exc
    except BaseException:
        _discard(temporary)
        raise
    return target


def download_file(
    client: AnyClient, file_id: str, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Path:
    """GET /files/{file_id}/content into `path`; returns the path written."""
    with client.get_httpx_client().stream(**download_file_request(file_id), extensions=_STREAMED) as response:
        if not response.is_success:
            response.read()
            raise error_from_response(response)
        return write_response_to(response, path, chunk_size=chunk_size)


async def adownload_file(
    client: AnyClient, file_id: str, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Path:
    """Async download_file; disk writes are synchronous (each is one chunk)."""
    http: httpx.AsyncClient = client.get_async_httpx_client()
    async with http.stream(**download_file_request(file_id), extensions=_STREAMED) as response:
        if not response.is_success:
            await response.aread()
            raise error_from_response(response)
        return await awrite_response_to(response, path, chunk_size=chunk_size)

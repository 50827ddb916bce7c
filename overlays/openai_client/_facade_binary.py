"""Binary content (`files.content`), not yet read: read whole, iterated in chunks, or written to a file atomically."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import TracebackType

import httpx

from ._facade_responses import Parser

__all__ = ["AsyncBinaryResponse", "BinaryResponse", "abinary_result", "binary_result"]


class BinaryResponse:
    """Binary content, not yet read: `.read()`, `.iter_bytes()` or `.write_to_file(path)` (streamed, atomic).

    Each of them closes the response at the end; so do `close()` and leaving a `with` block.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    def read(self) -> bytes:
        try:
            return self.response.read()
        finally:
            self.response.close()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        try:
            yield from self.response.iter_bytes(chunk_size)
        finally:
            self.response.close()

    def write_to_file(self, path: str | os.PathLike[str], *, chunk_size: int | None = None) -> Path:
        """Stream the content into `path`: written whole or not at all."""
        from .downloads import DEFAULT_CHUNK_SIZE, write_response_to

        try:
            return write_response_to(self.response, path, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
        finally:
            self.response.close()

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncBinaryResponse:
    """The async twin of BinaryResponse: `await .read()`, `async for` over `.iter_bytes()`, `await .write_to_file()`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    async def read(self) -> bytes:
        try:
            return await self.response.aread()
        finally:
            await self.response.aclose()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await self.response.aclose()

    async def write_to_file(self, path: str | os.PathLike[str], *, chunk_size: int | None = None) -> Path:
        from .downloads import DEFAULT_CHUNK_SIZE, awrite_response_to

        try:
            return await awrite_response_to(self.response, path, chunk_size=chunk_size or DEFAULT_CHUNK_SIZE)
        finally:
            await self.response.aclose()

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


def binary_result() -> Parser[BinaryResponse]:
    return Parser(lambda response, strict: BinaryResponse(response), streamed=True, accept="application/octet-stream")


def abinary_result() -> Parser[AsyncBinaryResponse]:
    return Parser(
        lambda response, strict: AsyncBinaryResponse(response), streamed=True, accept="application/octet-stream"
    )

"""The GPT-3 era encodings (``r50k_base``, ``p50k_base``, ``p50k_edit``), exact and offline.

tiktoken downloads these tables at run time, which this mock must not do. The ``openai-whisper``
package on PyPI ships GPT-2's ranks as ``whisper/assets/gpt2.tiktoken``; that file is byte for
byte the published ``r50k_base.tiktoken`` (the SHA-256 tiktoken pins for it). ``p50k_base`` is the
same ranks plus one token for each run of 2 to 25 spaces (ids 50257 to 50280), and written out in
the ``.tiktoken`` format that construction has the SHA-256 tiktoken pins for ``p50k_base.tiktoken``.
Both digests are checked on every load, so a wrong or missing file is reported, never used.

openai-whisper is installed without its dependencies (torch) and never imported: only its data
file is read, found through the distribution's metadata.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tiktoken import Encoding

__all__ = ["LEGACY_ENCODINGS", "TableUnavailableError", "legacy_encoding", "table_bytes"]

LEGACY_ENCODINGS = frozenset({"r50k_base", "p50k_base", "p50k_edit"})

_DISTRIBUTION = "openai-whisper"
_ASSET = "whisper/assets/gpt2.tiktoken"
_SHA256 = {
    "r50k_base": "306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930",
    "p50k_base": "94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069",
}
# The split pattern all three share (GPT-2's, in the possessive form tiktoken uses for speed).
_PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
_ENDOFTEXT = 50256
_FIRST_SPACE_RUN = 50257  # p50k_base: "  " is 50257, ..., 25 spaces is 50280
_SPECIALS = {
    "r50k_base": {"<|endoftext|>": _ENDOFTEXT},
    "p50k_base": {"<|endoftext|>": _ENDOFTEXT},
    "p50k_edit": {
        "<|endoftext|>": _ENDOFTEXT,
        "<|fim_prefix|>": 50281,
        "<|fim_middle|>": 50282,
        "<|fim_suffix|>": 50283,
    },
}
# tiktoken checks these vocabulary sizes (ranks plus specials); p50k_edit declares none.
_N_VOCAB = {"r50k_base": 50257, "p50k_base": 50281}


class TableUnavailableError(RuntimeError):
    """The table an encoding needs is not installed or not the expected file."""


def _r50k_file() -> bytes:
    try:
        dist = metadata.distribution(_DISTRIBUTION)
    except metadata.PackageNotFoundError as exc:
        raise TableUnavailableError(
            f"the {_DISTRIBUTION} package is not installed "
            f"(only its data file is read: pip install --no-deps {_DISTRIBUTION}==20250625)"
        ) from exc
    path = Path(str(dist.locate_file(_ASSET)))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TableUnavailableError(f"cannot read {_ASSET} from {_DISTRIBUTION}: {exc}") from exc


def table_bytes(name: str) -> bytes:
    """The ``.tiktoken`` file of ``r50k_base`` or ``p50k_base`` (``p50k_edit`` uses the latter), verified."""
    table = "r50k_base" if name == "r50k_base" else "p50k_base"
    data = _r50k_file()
    if table == "p50k_base":
        data += b"".join(base64.b64encode(b" " * n) + b" %d\n" % (_FIRST_SPACE_RUN + n - 2) for n in range(2, 26))
    digest = hashlib.sha256(data).hexdigest()
    if digest != _SHA256[table]:
        raise TableUnavailableError(f"{_ASSET} from {_DISTRIBUTION} does not give {table} (SHA-256 {digest})")
    return data


def _ranks(data: bytes) -> dict[bytes, int]:
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        token, rank = line.split()
        ranks[base64.b64decode(token)] = int(rank)
    return ranks


def legacy_encoding(name: str, ranks_cache: dict[str, dict[bytes, int]] | None = None) -> Encoding:
    """A tiktoken ``Encoding`` for ``name`` (one of ``LEGACY_ENCODINGS``); raises ``TableUnavailableError``.

    ``ranks_cache`` lets p50k_base and p50k_edit share one parse of the table.
    """
    if name not in LEGACY_ENCODINGS:
        raise ValueError(f"not a legacy encoding: {name!r}")
    try:
        from tiktoken import Encoding
    except ImportError as exc:
        raise TableUnavailableError("the tiktoken package is not installed") from exc
    table = "r50k_base" if name == "r50k_base" else "p50k_base"
    cache = {} if ranks_cache is None else ranks_cache
    if table not in cache:
        cache[table] = _ranks(table_bytes(table))
    return Encoding(
        name,
        pat_str=_PATTERN,
        mergeable_ranks=cache[table],
        special_tokens=dict(_SPECIALS[name]),
        explicit_n_vocab=_N_VOCAB.get(name),
    )

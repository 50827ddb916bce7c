"""Per-model BPE encodings and the API's token accounting.

Models map to encodings as tiktoken maps them. ``cl100k_base`` comes from ``bpe-openai``; the
r50k/p50k family is built exactly by ``legacy_encodings``. Should its table be missing, those
models count with ``cl100k_base`` after one logged warning; ``Tokenizer.wanted`` always names the
encoding the real API uses, ``Tokenizer.name`` the one in use.
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from .legacy_encodings import LEGACY_ENCODINGS, TableUnavailableError, legacy_encoding

__all__ = [
    "ChatMessage",
    "Tokenizer",
    "chat_prompt",
    "count_chat_tokens",
    "encoding_name_for_model",
    "tokenizer_for_model",
]

# First match wins, so the edit models come before the "code-" family.
_PREFIX_ENCODINGS = (
    ("text-davinci-edit", "p50k_edit"),
    ("code-davinci-edit", "p50k_edit"),
    ("gpt-4", "cl100k_base"),
    ("gpt-3.5-turbo", "cl100k_base"),
    ("text-embedding-ada-002", "cl100k_base"),
    ("text-davinci-003", "p50k_base"),
    ("text-davinci-002", "p50k_base"),
    ("code-", "p50k_base"),
)
_FALLBACK = "cl100k_base"
_KEPT_TOKEN_BYTES = 65_536  # a bound for prompts of token ids decoded for echo
_EOT_TEXT = "<|endoftext|>"
_log = logging.getLogger(__name__)


def encoding_name_for_model(model: str) -> str:
    """The encoding the real API uses for ``model`` (fine-tuned names use their base model's)."""
    base = model.split(":", 1)[0]
    for prefix, name in _PREFIX_ENCODINGS:
        if base.startswith(prefix):
            return name
    return "r50k_base"


class _Encoding(Protocol):
    """The part of tiktoken's ``Encoding`` (and bpe-openai's look-alike) we use."""

    name: str

    def encode(self, text: str, *, allowed_special: Any = ..., disallowed_special: Any = ...) -> list[int]: ...
    def encode_ordinary(self, text: str) -> list[int]: ...
    def decode_single_token_bytes(self, token: int) -> bytes: ...
    def encode_single_token(self, text_or_bytes: str | bytes) -> int: ...
    @property
    def eot_token(self) -> int: ...
    @property
    def n_vocab(self) -> int: ...


@dataclass(frozen=True)
class Tokenizer:
    """A loaded encoding with the typed calls the engine needs."""

    encoding: _Encoding
    wanted: str
    # Each token's bytes once read: an answer's tokens come from a few hundred words.
    _bytes: dict[int, bytes] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.encoding.name

    @cached_property
    def eot(self) -> int:  # read a few times a request; the encoding looks it up in a dict each time
        return self.encoding.eot_token

    @property
    def n_vocab(self) -> int:
        return self.encoding.n_vocab

    def encode(self, text: str) -> list[int]:
        if len(text) <= _PIECE_CHARS:
            return self._encode(text)
        tokens: list[int] = []
        for piece in _pieces(text):
            tokens += self._encode(piece)
        return tokens

    def _encode(self, text: str) -> list[int]:
        # The API reads "<|endoftext|>" in a prompt as the special token (it is the prompt's default);
        # other special tokens' text is plain text. Without it, the plain encoder is the same and faster.
        if _EOT_TEXT not in text:
            return self.encoding.encode_ordinary(text)
        return self.encoding.encode(text, allowed_special={_EOT_TEXT}, disallowed_special=())

    def count(self, text: str) -> int:
        return len(self.encode(text))

    def token_bytes(self, token: int) -> bytes:
        data = self._bytes.get(token)
        if data is None:
            data = self.encoding.decode_single_token_bytes(token)
            if len(self._bytes) < _KEPT_TOKEN_BYTES:
                self._bytes[token] = data
        return data

    def joined_bytes(self, tokens: Sequence[int]) -> bytes:
        try:  # an answer's tokens are almost always known already: one C-level pass
            return b"".join(map(self._bytes.__getitem__, tokens))
        except KeyError:
            return b"".join([self.token_bytes(t) for t in tokens])

    def decode(self, tokens: Sequence[int]) -> str:
        return self.joined_bytes(tokens).decode("utf-8", errors="replace")

    def is_valid(self, token: int) -> bool:
        try:
            return bool(self.token_bytes(token))
        except (KeyError, IndexError):
            return False

    def single_token(self, text: str) -> int | None:
        try:
            return self.encoding.encode_single_token(text)
        except KeyError:
            return None


# bpe-openai refuses a text of a million characters and any call making more than 200,000 tokens
# (four a character at most): longer texts are encoded in pieces of at most this many characters.
_PIECE_CHARS = 40_000
# Pieces end before a space between two word characters, where every encoding's pretokenizer cuts
# too, so the count stays exact; a text without one there is cut where the piece is full.
_CUT = re.compile(r"(?<=\w) (?=\w)")
_CUT_WINDOW = 4_000


def _pieces(text: str) -> Iterator[str]:
    start = 0
    while len(text) - start > _PIECE_CHARS:
        end = start + _PIECE_CHARS
        cuts = [m.start() for m in _CUT.finditer(text, end - _CUT_WINDOW, end)]
        cut = cuts[-1] if cuts else end
        yield text[start:cut]
        start = cut
    yield text[start:]


_lock = threading.Lock()
_loaded: dict[str, _Encoding] = {}  # by the wanted name: a fallback is stored under the name it stands in for
_ranks: dict[str, dict[bytes, int]] = {}
_warned = False


def _load_bpe_openai(name: str) -> _Encoding:
    # bpe-openai reads its tables with a deprecated importlib.resources call; that is its
    # business, not a warning our callers can act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import bpe_openai  # type: ignore[import-untyped]  # lazily: loading takes a second or two

        enc: _Encoding = bpe_openai.get_encoding(name)
    return enc


def _load_locked(name: str) -> _Encoding:
    global _warned
    if name in _loaded:
        return _loaded[name]
    enc: _Encoding
    if name in LEGACY_ENCODINGS:
        try:
            enc = legacy_encoding(name, _ranks)
        except TableUnavailableError as exc:
            if not _warned:
                _warned = True
                _log.warning("r50k/p50k models count tokens with %s, not their own encoding: %s", _FALLBACK, exc)
            enc = _load_locked(_FALLBACK)
    else:
        enc = _load_bpe_openai(name)
    _loaded[name] = enc
    return enc


def _load(name: str) -> _Encoding:
    with _lock:
        return _load_locked(name)


_by_model: dict[str, Tokenizer] = {}
_KEPT_MODELS = 1024  # fine-tuned names are many; past this many the map starts again


def tokenizer_for_model(model: str) -> Tokenizer:
    tok = _by_model.get(model)
    if tok is None:
        wanted = encoding_name_for_model(model)
        tok = Tokenizer(_load(wanted), wanted)
        if len(_by_model) >= _KEPT_MODELS:
            _by_model.clear()
        _by_model[model] = tok
    return tok


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str
    name: str | None = None


# Every message costs 3 tokens of framing plus 1 for a name; the reply is primed with 3 more.
# These constants reproduce the reference's usage figures ("Hello!" -> 9, "Say this is a test!" -> 13).
_TOKENS_PER_MESSAGE = 3
_TOKENS_PER_NAME = 1
_REPLY_PRIMING = 3


_role_tokens: dict[tuple[str, str], list[int]] = {}  # (encoding, role): three roles a chat model knows


def _role(tok: Tokenizer, role: str) -> list[int]:
    key = (tok.name, role)
    tokens = _role_tokens.get(key)
    if tokens is None:
        tokens = tok.encode(role)
        if len(_role_tokens) < 64:
            _role_tokens[key] = tokens
    return tokens


def chat_prompt(model: str, messages: Sequence[ChatMessage]) -> tuple[list[int], int]:
    """The tokens the built-in model reads for a conversation (each message's role, name and content,
    then the reply's role) and the prompt's token count as the API bills it, from one encoding of each text."""
    tok = tokenizer_for_model(model)
    tokens: list[int] = []
    total = _REPLY_PRIMING
    for message in messages:
        role = _role(tok, message.role)
        content = tok.encode(message.content)
        tokens += role
        total += _TOKENS_PER_MESSAGE + len(role) + len(content)
        if message.name is not None:
            name = tok.encode(message.name)
            tokens += name
            total += _TOKENS_PER_NAME + len(name)
        tokens += content
    tokens += _role(tok, "assistant")
    return tokens, total


def count_chat_tokens(model: str, messages: Sequence[ChatMessage]) -> int:
    return chat_prompt(model, messages)[1]

"""The r50k/p50k family: exact token ids from the installed table, and the fallback when it is missing."""

from __future__ import annotations

import hashlib
import inspect
import logging
from collections.abc import Iterator

import pytest

from openai_mock.engines import legacy_encodings, tokenizer
from openai_mock.engines.legacy_encodings import TableUnavailableError, legacy_encoding, table_bytes
from openai_mock.engines.textgen import complete
from openai_mock.engines.tokenizer import tokenizer_for_model

SPACES = "This is a test         with a lot of spaces"  # eight spaces after "test"
# Published test vectors of tiktoken and of its Rust port for the same encodings.
R50K_SPACES = [1212, 318, 257, 1332, 220, 220, 220, 220, 220, 220, 220, 220, 351, 257, 1256, 286, 9029]
P50K_SPACES = [1212, 318, 257, 1332, 50263, 351, 257, 1256, 286, 9029]
R50K_DIGITS = {
    "0": [15],
    "00": [405],
    "000": [830],
    "0000": [2388],
    "00000": [20483],
    "000000": [10535],
    "0000000": [24598],
    "00000000": [8269],
    "000000000": [10535, 830],
    "0000000000000000": [25645],
    "00000000000000000": [8269, 10535, 830],
}


@pytest.mark.parametrize(
    ("model", "encoding", "n_vocab"),
    [
        ("davinci", "r50k_base", 50257),
        ("text-curie-001", "r50k_base", 50257),
        ("text-davinci-003", "p50k_base", 50281),
        ("code-davinci-002", "p50k_base", 50281),
        ("text-davinci-edit-001", "p50k_edit", 50284),
    ],
)
def test_legacy_models_use_their_own_encoding(model: str, encoding: str, n_vocab: int) -> None:
    tok = tokenizer_for_model(model)
    assert (tok.name, tok.wanted, tok.n_vocab, tok.eot) == (encoding, encoding, n_vocab, 50256)
    assert tok.encode("hello world") == [31373, 995]
    assert tok.encode("hello <|endoftext|>") == [31373, 220, 50256]
    assert tok.decode(tok.encode("héllo wörld\n\tdef f():  ")) == "héllo wörld\n\tdef f():  "


def test_r50k_known_ids() -> None:
    tok = tokenizer_for_model("davinci")
    assert tok.encode(SPACES) == R50K_SPACES
    assert {text: tok.encode(text) for text in R50K_DIGITS} == R50K_DIGITS
    assert tok.single_token("  ") is None  # runs of spaces are p50k's addition


def test_p50k_adds_space_runs_and_only_them() -> None:
    r50k, p50k = tokenizer_for_model("davinci"), tokenizer_for_model("text-davinci-003")
    assert p50k.encode(SPACES) == P50K_SPACES
    assert p50k.count(SPACES) < r50k.count(SPACES)
    assert [p50k.single_token(" " * n) for n in range(2, 26)] == list(range(50257, 50281))
    assert not p50k.is_valid(50281) and not r50k.is_valid(50257)
    assert all(p50k.token_bytes(t) == r50k.token_bytes(t) for t in range(50257))


def test_p50k_edit_special_tokens() -> None:
    enc = tokenizer_for_model("code-davinci-edit-001").encoding
    fim = "<|fim_prefix|><|fim_middle|><|fim_suffix|>"
    assert enc.encode(fim, allowed_special="all") == [50281, 50282, 50283]
    assert [enc.encode_single_token(s) for s in ("<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>")] == [
        50281,
        50282,
        50283,
    ]
    # The mock reads only end-of-text as special in a prompt; the edit markers stay text.
    assert 50281 not in tokenizer_for_model("code-davinci-edit-001").encode(fim)


def test_tables_are_the_published_files() -> None:
    r50k, p50k = table_bytes("r50k_base"), table_bytes("p50k_base")
    assert p50k.startswith(r50k) and p50k.count(b"\n") - r50k.count(b"\n") == 24
    # The digests are the ones tiktoken itself pins for its downloads of these two files.
    from tiktoken_ext import openai_public  # type: ignore[import-untyped]

    assert hashlib.sha256(r50k).hexdigest() in inspect.getsource(openai_public.r50k_base)
    assert hashlib.sha256(p50k).hexdigest() in inspect.getsource(openai_public.p50k_base)


def test_every_token_round_trips() -> None:
    enc = tokenizer_for_model("text-davinci-edit-001").encoding
    assert all(enc.encode_single_token(enc.decode_single_token_bytes(t)) == t for t in range(enc.n_vocab))


@pytest.mark.parametrize("model", ["text-davinci-003", "davinci"])
def test_logit_bias_bans_end_of_text(model: str) -> None:
    free = complete(model, "Tell me a story", max_tokens=400, temperature=0)
    assert free.choices[0].finish_reason == "stop"  # without the ban the story does end early
    banned = complete(
        model, "Tell me a story", max_tokens=120, temperature=1.0, n=3, logit_bias={"50256": -100}, logprobs=5
    )
    for choice in banned.choices:
        assert choice.finish_reason == "length"
        assert choice.logprobs is not None and "<|endoftext|>" not in choice.logprobs.tokens
        assert all(top is not None and "<|endoftext|>" not in top for top in choice.logprobs.top_logprobs)


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(tokenizer, "_loaded", {})
    monkeypatch.setattr(tokenizer, "_by_model", {})
    monkeypatch.setattr(tokenizer, "_ranks", {})
    monkeypatch.setattr(tokenizer, "_warned", False)
    yield


@pytest.mark.usefixtures("fresh_cache")
def test_missing_table_falls_back_to_cl100k_with_one_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(legacy_encodings, "_DISTRIBUTION", "no-such-distribution")
    with caplog.at_level(logging.WARNING, logger="openai_mock.engines.tokenizer"):
        davinci, edit = tokenizer_for_model("davinci"), tokenizer_for_model("text-davinci-edit-001")
        tokenizer_for_model("text-davinci-003")
    assert (davinci.name, davinci.wanted, edit.name, edit.wanted) == (
        "cl100k_base",
        "r50k_base",
        "cl100k_base",
        "p50k_edit",
    )
    assert davinci.encode("hello world") == [15339, 1917]
    (record,) = caplog.records
    assert "cl100k_base" in record.getMessage() and "no-such-distribution" in record.getMessage()


def test_a_wrong_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_encodings, "_ASSET", "whisper/assets/multilingual.tiktoken")
    with pytest.raises(TableUnavailableError, match="SHA-256"):
        legacy_encoding("r50k_base")
    with pytest.raises(ValueError, match="cl100k_base"):
        legacy_encoding("cl100k_base")

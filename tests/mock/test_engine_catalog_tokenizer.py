"""Model catalog, endpoint checks, errors and the tokenizer mapping."""

from __future__ import annotations

import subprocess
import sys

import pytest

from openai_mock.engines import catalog
from openai_mock.engines.tokenizer import encoding_name_for_model, tokenizer_for_model
from openai_mock.errors import InvalidRequestError, MockAPIError, NotFoundError


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4", "cl100k_base"),
        ("gpt-4-32k-0314", "cl100k_base"),
        ("gpt-3.5-turbo-0301", "cl100k_base"),
        ("text-embedding-ada-002", "cl100k_base"),
        ("text-davinci-003", "p50k_base"),
        ("code-davinci-002", "p50k_base"),
        ("text-davinci-edit-001", "p50k_edit"),
        ("code-davinci-edit-001", "p50k_edit"),
        ("davinci", "r50k_base"),
        ("text-curie-001", "r50k_base"),
        ("curie:ft-acme-2023-01-01-00-00-00", "r50k_base"),
    ],
)
def test_model_to_encoding(model: str, encoding: str) -> None:
    assert encoding_name_for_model(model) == encoding
    assert tokenizer_for_model(model).wanted == encoding


def test_tokenizer_is_cached_and_counts() -> None:
    a, b = tokenizer_for_model("gpt-4"), tokenizer_for_model("gpt-3.5-turbo")
    assert a.encoding is b.encoding
    assert a.count("Say this is a test") == 5
    assert a.encode("<|endoftext|>") == [a.eot]
    assert a.decode(a.encode("héllo wörld")) == "héllo wörld"


@pytest.mark.parametrize("model", ["gpt-3.5-turbo", "text-davinci-003", "davinci"])
def test_plain_text_encodes_as_with_the_special_token_allowed(model: str) -> None:
    # Text without "<|endoftext|>" takes the plain encoder: it must read exactly as the special-aware one.
    tok = tokenizer_for_model(model)
    texts = ["user", "Say this is a test!", "héllo wörld 日本語 🤖", "<|endofprompt|> <|fim_prefix|>", " \n\n\t x"]
    for text in [*texts, "a<|endoftext|>b"]:
        expected = tok.encoding.encode(text, allowed_special={"<|endoftext|>"}, disallowed_special=())
        assert tok.encode(text) == expected
    assert tok.encode("a<|endoftext|>b")[1] == tok.eot


def test_catalog_lists_the_documented_models() -> None:
    ids = set(catalog.base_model_ids())
    for mid in (
        "gpt-4",
        "gpt-4-0314",
        "gpt-4-32k",
        "gpt-4-32k-0314",
        "gpt-3.5-turbo",
        "gpt-3.5-turbo-0301",
        "text-davinci-003",
        "text-davinci-002",
        "text-curie-001",
        "text-babbage-001",
        "text-ada-001",
        "davinci",
        "curie",
        "babbage",
        "ada",
        "text-davinci-edit-001",
        "code-davinci-edit-001",
        "text-embedding-ada-002",
        "whisper-1",
        "text-moderation-latest",
        "text-moderation-stable",
    ):
        assert mid in ids
    info = catalog.get_model_info("text-davinci-003")
    assert info is not None
    d = catalog.model_dict(info)
    assert d["object"] == "model" and d["owned_by"] and isinstance(d["permission"], list)
    assert catalog.model_dict(info) == d  # stable between calls
    assert catalog.engine_dict(info) == {
        "id": "text-davinci-003",
        "object": "engine",
        "created": 1669599635,
        "owner": info.owned_by,
        "ready": True,
    }


def test_context_windows() -> None:
    windows = {
        m: catalog.get_model_info(m).context_window  # type: ignore[union-attr]
        for m in ("gpt-4", "gpt-4-32k", "gpt-3.5-turbo", "text-davinci-003", "text-curie-001", "davinci")
    }
    assert windows == {
        "gpt-4": 8192,
        "gpt-4-32k": 32768,
        "gpt-3.5-turbo": 4096,
        "text-davinci-003": 4097,
        "text-curie-001": 2049,
        "davinci": 2049,
    }


def test_require_model_rejects_like_the_api() -> None:
    assert catalog.require_model("gpt-4", catalog.CHAT).id == "gpt-4"
    with pytest.raises(NotFoundError, match="not a chat model") as err:
        catalog.require_model("text-davinci-003", catalog.CHAT)
    assert err.value.param == "model"
    with pytest.raises(NotFoundError, match="is a chat model"):
        catalog.require_model("gpt-3.5-turbo", catalog.COMPLETIONS)
    with pytest.raises(NotFoundError, match="does not support"):
        catalog.require_model("text-embedding-ada-002", catalog.CHAT)
    with pytest.raises(NotFoundError) as missing:
        catalog.require_model("gpt-5", catalog.CHAT)
    assert missing.value.code == "model_not_found"
    ft = "curie:ft-acme-2023-01-01-00-00-00"
    with pytest.raises(NotFoundError):
        catalog.require_model(ft, catalog.COMPLETIONS)
    assert catalog.require_model(ft, catalog.COMPLETIONS, lambda m: m == ft).fine_tuned_from == "curie"


def test_error_body_shape() -> None:
    err = InvalidRequestError("bad", param="n", code="x")
    assert err.to_dict() == {"error": {"message": "bad", "type": "invalid_request_error", "param": "n", "code": "x"}}
    assert err.status == 400 and isinstance(err, MockAPIError) and isinstance(err, ValueError)
    assert NotFoundError("gone").status == 404


def test_package_import_is_light() -> None:
    heavy = ("openai_mock.", "bpe", "tiktoken", "whisper")
    code = f"import sys, openai_mock; print(sorted(m for m in sys.modules if m.startswith({heavy!r})))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"

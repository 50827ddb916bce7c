"""`x-client-decode: float32-base64`: an embedding parses to list[float] from either wire form.

The API's base64 form is the little-endian float32 bytes of the vector; decoding it must give exactly the
floats the float form carries (the API rounds its floats to float32 too), on any byte order.
"""

from __future__ import annotations

import base64
import copy
import struct
from typing import Any

import pytest
from _operation_support import example

from openai_client._parsing import parse_model
from openai_client.exceptions import APIResponseValidationError
from openai_client.models import CreateEmbeddingResponse, Embedding
from openai_client.types import float32_vector

# Values exact in float32, with a sign, a subnormal, a large exponent and a negative zero.
VECTOR = [0.5, -1.25, 3.0517578125e-05, 1.401298464324817e-45, 3.4028234663852886e38, -0.0, 0.10000000149011612]


def encoded(values: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode("ascii")


def answer(embedding: object) -> dict[str, Any]:
    payload = copy.deepcopy(example("createEmbedding"))  # the spec's example is shared
    payload["data"] = [{"object": "embedding", "index": 0, "embedding": embedding}]
    return payload


def test_the_base64_form_decodes_to_the_floats_of_the_float_form() -> None:
    from_base64 = parse_model(CreateEmbeddingResponse, answer(encoded(VECTOR)), strict=False)
    from_floats = parse_model(CreateEmbeddingResponse, answer(list(VECTOR)), strict=False)
    assert from_base64.data[0].embedding == from_floats.data[0].embedding == VECTOR
    assert struct.pack("<7f", *from_base64.data[0].embedding) == struct.pack("<7f", *VECTOR)
    assert all(type(value) is float for value in from_base64.data[0].embedding)


def test_the_decoded_vector_serialises_as_floats() -> None:
    embedding = Embedding.from_dict({"object": "embedding", "index": 3, "embedding": encoded(VECTOR)})
    assert embedding.to_dict() == {"object": "embedding", "index": 3, "embedding": VECTOR}


def test_an_empty_vector_in_either_form() -> None:
    assert float32_vector("") == [] and float32_vector([]) == []


@pytest.mark.parametrize(
    ("embedding", "reason"),
    [
        ("not base64!", "not base64"),
        (base64.b64encode(b"\x00\x00\x80").decode(), "3 bytes of base64 are not a whole number of float32 values"),
        (12, "expected an array of numbers or a base64 string, got an integer"),
        (None, "expected an array of numbers or a base64 string, got null"),
    ],
    ids=["bad-alphabet", "partial-float", "number", "null"],
)
def test_what_is_neither_form_names_the_embedding(embedding: object, reason: str) -> None:
    with pytest.raises(APIResponseValidationError) as caught:
        parse_model(CreateEmbeddingResponse, answer(embedding), strict=False)
    assert caught.value.path == "/data/0/embedding"
    assert reason in caught.value.message, caught.value.message

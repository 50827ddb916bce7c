"""`EmbeddingEncodingFormat`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in EMBEDDING_ENCODING_FORMAT_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

EmbeddingEncodingFormat = Literal["base64", "float"]

EMBEDDING_ENCODING_FORMAT_VALUES: set[EmbeddingEncodingFormat] = {
    "base64",
    "float",
}


def check_embedding_encoding_format(value: object) -> EmbeddingEncodingFormat:
    if isinstance(value, str) and (value in EMBEDDING_ENCODING_FORMAT_VALUES or not enums_are_strict()):
        return cast(EmbeddingEncodingFormat, value)
    raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(EMBEDDING_ENCODING_FORMAT_VALUES)!r}")

"""`EmbeddingEncodingFormat`: the values the spec lists. A parsed response may hold a newer value, kept as received;
compare with `in EMBEDDING_ENCODING_FORMAT_VALUES` to tell them apart."""

from typing import Literal, cast

from ..types import enums_are_strict

EmbeddingEncodingFormat = Literal["base64", "float"]

EMBEDDING_ENCODING_FORMAT_VALUES: set[EmbeddingEncodingFormat] = {
    "base64",
    "float",
}


def check_embedding_encoding_format(value: str) -> EmbeddingEncodingFormat:
    if value in EMBEDDING_ENCODING_FORMAT_VALUES:
        return value
    if not isinstance(value, str) or enums_are_strict():
        raise TypeError(f"Unexpected value {value!r}. Expected one of {sorted(EMBEDDING_ENCODING_FORMAT_VALUES)!r}")
    return cast(EmbeddingEncodingFormat, value)

from typing import Literal

EmbeddingEncodingFormat = Literal["base64", "float"]

EMBEDDING_ENCODING_FORMAT_VALUES: set[EmbeddingEncodingFormat] = {
    "base64",
    "float",
}


def check_embedding_encoding_format(value: str) -> EmbeddingEncodingFormat:
    if value in EMBEDDING_ENCODING_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EMBEDDING_ENCODING_FORMAT_VALUES!r}")

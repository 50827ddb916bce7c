"""Schema-valid requests a correct server still rejects with 400, and why: the only failures we drop.

schemathesis' ``positive_data_acceptance`` expects every request that matches the spec to be
accepted. Some rules cannot be written in JSON Schema: file contents, references to resources
that must exist, token counts. A 400 whose error ``param`` names such a field is the right answer,
so it is dropped here; a 400 naming any other field, or any other status, still fails the run.
Every entry is listed in docs/PROPERTY_TESTS.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

__all__ = ["ALLOWED_CODES", "ALLOWED_PARAMS", "rejection_reason"]

_PNG = "must be a square PNG under 4 MB (the image needs transparency when no mask is sent)"
_AUDIO = "must be a recording in a supported format whose file name carries its extension"
_OWN_FILE = "must name a file the caller uploaded with purpose fine-tune"
_VOCABULARY = "token ids must exist in the model's vocabulary, whose size depends on the model"

# operationId -> error param -> why the schema cannot express the rule
ALLOWED_PARAMS: Mapping[str, Mapping[str, str]] = {
    "createImageEdit": {"image": _PNG, "mask": "must be a PNG with an alpha channel of the image's size"},
    "createImageVariation": {"image": _PNG},
    "createTranscription": {"file": _AUDIO},
    "createTranslation": {"file": _AUDIO},
    "createFile": {
        "file": "an upload must be JSON Lines in its purpose's format (fine-tune: prompt/completion records)",
        "purpose": "only the purposes the server supports (fine-tune and its retired siblings) are accepted",
    },
    "createFineTune": {
        "training_file": _OWN_FILE,
        "validation_file": _OWN_FILE,
        "model": "must be a fine-tunable base model or a fine-tuned model of the caller's organization",
    },
    "deleteModel": {"model": "only fine-tuned models of the caller's organization can be deleted"},
    # The spec declares 409 for this too; the real API (and the legacy SDK's error mapping) says 400.
    "cancelFineTune": {"fine_tune_id": "a job that has already finished cannot be cancelled: server state"},
    "createCompletion": {
        "best_of": "must be at least n, and equal to n when streaming: rules across two fields",
        "prompt": _VOCABULARY,
        "logit_bias": _VOCABULARY,
    },
    "createChatCompletion": {"logit_bias": _VOCABULARY},
    "createEmbedding": {"input": _VOCABULARY},
}

# error code -> why: rules about token counts, which depend on the tokenizer, not on the JSON shape.
ALLOWED_CODES: Mapping[str, str] = {
    "context_length_exceeded": "prompt plus max_tokens must fit the model's context window, counted in tokens",
}


def rejection_reason(operation_id: str | None, status: int, body: bytes) -> str | None:
    """Why a 400 answer to schema-valid data is correct, or ``None`` when it is not one of the allowed cases."""
    if status != 400:
        return None
    try:
        error = json.loads(body)["error"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(error, dict):
        return None
    code, param = error.get("code"), error.get("param")
    if isinstance(code, str) and code in ALLOWED_CODES:
        return ALLOWED_CODES[code]
    allowed = ALLOWED_PARAMS.get(operation_id or "", {})
    if isinstance(param, str) and param in allowed:
        return allowed[param]
    return None

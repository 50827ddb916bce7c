"""The base models the mock serves, what each is for, and the engines view of them."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from openai_models import dicts

from ..errors import NotFoundError

__all__ = [
    "AUDIO",
    "CHAT",
    "COMPLETIONS",
    "EDITS",
    "EMBEDDINGS",
    "FINE_TUNES",
    "IMAGES",
    "MODERATIONS",
    "ModelInfo",
    "base_model_ids",
    "engine_dict",
    "get_model_info",
    "is_base_model",
    "model_dict",
    "require_model",
]

# Endpoint names, as they appear after /v1 in error messages.
COMPLETIONS = "completions"
CHAT = "chat/completions"
EDITS = "edits"
EMBEDDINGS = "embeddings"
MODERATIONS = "moderations"
AUDIO = "audio"
IMAGES = "images"
FINE_TUNES = "fine-tunes"


@dataclass(frozen=True)
class ModelInfo:
    id: str
    created: int
    owned_by: str
    endpoints: frozenset[str]
    context_window: int = 2049
    embedding_dim: int = 0
    fine_tuned_from: str | None = None


def _m(mid: str, created: int, endpoints: set[str], ctx: int = 2049, owner: str = "openai", dim: int = 0) -> ModelInfo:
    return ModelInfo(mid, created, owner, frozenset(endpoints), ctx, dim)


_GPT3 = {COMPLETIONS, FINE_TUNES}
_MODELS: dict[str, ModelInfo] = {
    m.id: m
    for m in (
        _m("gpt-4", 1678604602, {CHAT}, 8192),
        _m("gpt-4-0314", 1678604601, {CHAT}, 8192),
        _m("gpt-4-32k", 1678604600, {CHAT}, 32768),
        _m("gpt-4-32k-0314", 1678604599, {CHAT}, 32768),
        _m("gpt-3.5-turbo", 1677610602, {CHAT}, 4096),
        _m("gpt-3.5-turbo-0301", 1677649963, {CHAT}, 4096),
        _m("text-davinci-003", 1669599635, {COMPLETIONS}, 4097, "openai-internal"),
        _m("text-davinci-002", 1649880484, {COMPLETIONS}, 4097),
        _m("text-davinci-001", 1649364042, {COMPLETIONS}),
        _m("text-curie-001", 1649364043, {COMPLETIONS}),
        _m("text-babbage-001", 1649364043, {COMPLETIONS}),
        _m("text-ada-001", 1649364042, {COMPLETIONS}),
        _m("code-davinci-002", 1649880485, {COMPLETIONS}, 8001),
        _m("code-cushman-001", 1656081837, {COMPLETIONS}),
        _m("davinci", 1649359874, _GPT3),
        _m("curie", 1649359874, _GPT3),
        _m("babbage", 1649358449, _GPT3),
        _m("ada", 1649357491, _GPT3),
        _m("text-davinci-edit-001", 1649809179, {EDITS}),
        _m("code-davinci-edit-001", 1649880484, {EDITS}),
        _m("text-embedding-ada-002", 1671217299, {EMBEDDINGS}, 8191, "openai-internal", 1536),
        _m("text-similarity-ada-001", 1651172505, {EMBEDDINGS}, 2046, dim=1024),
        _m("text-similarity-babbage-001", 1651172505, {EMBEDDINGS}, 2046, dim=2048),
        _m("text-similarity-curie-001", 1651172507, {EMBEDDINGS}, 2046, dim=4096),
        _m("text-similarity-davinci-001", 1651172505, {EMBEDDINGS}, 2046, dim=12288),
        _m("whisper-1", 1677532384, {AUDIO}, owner="openai-internal"),
        _m("text-moderation-latest", 1677532384, {MODERATIONS}, 32768),
        _m("text-moderation-stable", 1677532384, {MODERATIONS}, 32768),
        _m("dall-e-2", 1677532384, {IMAGES}, owner="system"),
    )
}


def base_model_ids() -> list[str]:
    return list(_MODELS)


def is_base_model(model: str) -> bool:
    return model in _MODELS


def get_model_info(model: str) -> ModelInfo | None:
    """Base models by id; fine-tuned names (``curie:ft-...``) inherit their base model's traits."""
    if model in _MODELS:
        return _MODELS[model]
    base, sep, _ = model.partition(":ft-")
    if sep and base in _MODELS:
        parent = _MODELS[base]
        return ModelInfo(model, parent.created, "", parent.endpoints, parent.context_window, 0, base)
    return None


def require_model(model: str, endpoint: str, is_fine_tuned_model: Callable[[str], bool] | None = None) -> ModelInfo:
    """The model's info, or the error the real API gives for an unknown or unsuitable model.

    ``is_fine_tuned_model`` tells whether a ``base:ft-...`` name exists (the store knows).
    """
    info = get_model_info(model)
    if info is None or (info.fine_tuned_from and not (is_fine_tuned_model and is_fine_tuned_model(model))):
        raise NotFoundError(f"The model `{model}` does not exist", param="model", code="model_not_found")
    if endpoint in info.endpoints:
        return info
    if endpoint == CHAT and COMPLETIONS in info.endpoints:
        msg = (
            "This is not a chat model and thus not supported in the v1/chat/completions endpoint. "
            "Did you mean to use v1/completions?"
        )
    elif endpoint == COMPLETIONS and CHAT in info.endpoints:
        msg = (
            "This is a chat model and not supported in the v1/completions endpoint. "
            "Did you mean to use v1/chat/completions?"
        )
    else:
        msg = f"The model `{model}` does not support the v1/{endpoint} endpoint."
    raise NotFoundError(msg, param="model")


def _permission(info: ModelInfo) -> dicts.ModelPermission:
    # Stable ids: a listing must not change between two calls.
    digest = hashlib.sha256(info.id.encode()).hexdigest()[:24]
    return {
        "id": f"modelperm-{digest}",
        "object": "model_permission",
        "created": info.created,
        "allow_create_engine": False,
        "allow_sampling": True,
        "allow_logprobs": True,
        "allow_search_indices": EMBEDDINGS in info.endpoints,
        "allow_view": True,
        "allow_fine_tuning": FINE_TUNES in info.endpoints,
        "organization": "*",
        "group": None,
        "is_blocking": False,
    }


def model_dict(info: ModelInfo) -> dicts.Model:
    """A ``Model`` object as the API lists it."""
    return {
        "id": info.id,
        "object": "model",
        "created": info.created,
        "owned_by": info.owned_by,
        "permission": [_permission(info)],
    }


def engine_dict(info: ModelInfo) -> dicts.Engine:
    """The deprecated ``Engine`` view of a model."""
    return {"id": info.id, "object": "engine", "created": info.created, "owner": info.owned_by, "ready": True}

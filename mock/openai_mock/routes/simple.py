"""/edits, /embeddings, /moderations, /models and the deprecated /engines."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import orjson
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from openai_models import CreateEditRequest, CreateEmbeddingRequest, CreateModerationRequest

from ..engines import catalog, edits, embeddings, moderation
from ..engines.guards import check_token_ids
from ..engines.params import split_inputs
from ..errors import InvalidRequestError, NotFoundError
from ..http.responses import json_response
from ..http.services import Operation, Services, api
from ..http.validation import given

__all__ = ["simple_routes"]

_BAD_INPUT = "'$.input' is invalid. Please check the API reference."
# The API's limit on one request's inputs; each must also fit the model's context.
MAX_EMBEDDING_INPUTS = 2048
# Inputs embedded per engine call: the engine's float lists stay small while the answer is assembled.
_EMBED_BATCH = 64
_KEY_BYTES = 256


@dataclass(frozen=True)
class _Embedded:
    """An embeddings answer as kept in the results cache: float32 rows (4 bytes a component)."""

    vectors: npt.NDArray[np.float32]
    prompt_tokens: int

    def render(self, encoding_format: str, model: str) -> bytes:
        data: list[dict[str, Any]]
        if encoding_format == "base64":
            little = self.vectors.astype("<f4", copy=False)
            data = [
                {"object": "embedding", "embedding": base64.b64encode(row.tobytes()).decode("ascii"), "index": i}
                for i, row in enumerate(little)
            ]
        else:  # float64 prints each float32 value exactly, as the base64 form decodes it
            data = [
                {"object": "embedding", "embedding": row, "index": i}
                for i, row in enumerate(self.vectors.astype(np.float64))
            ]
        usage = {"prompt_tokens": self.prompt_tokens, "total_tokens": self.prompt_tokens}
        answer = {"object": "list", "data": data, "model": model, "usage": usage}
        return orjson.dumps(answer, option=orjson.OPT_SERIALIZE_NUMPY)


def _embed_compact(model: str, value: embeddings.EmbeddingInput) -> _Embedded:
    items = split_inputs(value, "input")
    if len(items) > MAX_EMBEDDING_INPUTS:
        raise InvalidRequestError(
            f"{len(items)} inputs are more than the maximum of {MAX_EMBEDDING_INPUTS} per request - 'input'",
            param="input",
        )
    rows, tokens = [], 0
    for start in range(0, len(items), _EMBED_BATCH):
        # A batch of split items is a list of strings and token lists, which the engine reads item by item.
        batch = cast(embeddings.EmbeddingInput, items[start : start + _EMBED_BATCH])
        result = embeddings.embed(model, batch)
        rows.append(np.asarray(result.vectors, dtype=np.float32))
        tokens += result.prompt_tokens
    return _Embedded(np.concatenate(rows), tokens)


def simple_routes(s: Services) -> list[Operation]:
    base_models = [
        catalog.model_dict(info)
        for mid in catalog.base_model_ids()
        if (info := catalog.get_model_info(mid)) is not None
    ]
    engines = [
        catalog.engine_dict(info)
        for mid in catalog.base_model_ids()
        if (info := catalog.get_model_info(mid)) is not None
    ]

    @api
    async def create_edit(request: Request) -> Response:
        body = await s.json_body(request, CreateEditRequest)
        s.model_for(body.model, catalog.EDITS)
        result = await run_in_threadpool(
            lambda: edits.edit(
                body.model,
                given(body.input, "input"),
                body.instruction,
                n=given(body.n, "n"),
                temperature=given(body.temperature, "temperature"),
                top_p=given(body.top_p, "top_p"),
            )
        )
        return json_response(
            {
                "object": "edit",
                "created": int(s.clock()),
                "choices": [{"text": t, "index": i, "finish_reason": "stop"} for i, t in enumerate(result.texts)],
                "usage": result.usage.to_dict(),
            }
        )

    @api
    async def create_embedding(request: Request) -> Response:
        body = await s.json_body(request, CreateEmbeddingRequest)
        s.model_for(body.model, catalog.EMBEDDINGS)
        check_token_ids(body.input, _BAD_INPUT, "input")
        # The encoding only changes the rendering; a digest of the inputs keeps the key small.
        key = ("embedding", body.model, hashlib.sha256(orjson.dumps(body.input)).digest())
        found: _Embedded | None = s.results.get(key)
        if found is None:
            found = await run_in_threadpool(_embed_compact, body.model, body.input)
            s.results.put(key, found, _KEY_BYTES + found.vectors.nbytes)
        fmt, model = body.encoding_format.value, body.model
        return Response(await run_in_threadpool(found.render, fmt, model), media_type="application/json")

    @api
    async def create_moderation(request: Request) -> Response:
        body = await s.json_body(request, CreateModerationRequest)
        model = moderation.resolve_model(body.model)
        inputs = [body.input] if isinstance(body.input, str) else list(body.input)

        def classify() -> bytes:
            results = [r.to_dict() for r in moderation.moderate(inputs)]
            return orjson.dumps({"id": moderation.moderation_id(inputs), "model": model, "results": results})

        # A large batch is seconds of CPU work: in a worker thread, every other request keeps being served.
        return Response(await run_in_threadpool(classify), media_type="application/json")

    @api
    async def list_models(request: Request) -> Response:
        tuned = await run_in_threadpool(s.store.models.list, s.organization(request))
        return json_response({"object": "list", "data": [*base_models, *tuned]})

    @api
    async def retrieve_model(request: Request) -> Response:
        model = request.path_params["model"]
        info = catalog.get_model_info(model)
        if info is not None and info.fine_tuned_from is None:
            return json_response(catalog.model_dict(info))
        found = await run_in_threadpool(s.store.models.get, s.organization(request), model)
        if found is None:
            raise NotFoundError(f"The model `{model}` does not exist", param="model", code="model_not_found")
        return json_response(found)

    @api
    async def delete_model(request: Request) -> Response:
        model = request.path_params["model"]
        return json_response(await run_in_threadpool(s.store.models.delete, s.organization(request), model))

    @api
    async def list_engines(request: Request) -> Response:
        return json_response({"object": "list", "data": engines})

    @api
    async def retrieve_engine(request: Request) -> Response:
        engine = request.path_params["engine_id"]
        info = catalog.get_model_info(engine)
        if info is None or info.fine_tuned_from is not None:
            raise NotFoundError(f"No engine with that ID: {engine}", param="engine_id")
        return json_response(catalog.engine_dict(info))

    return [
        ("POST", "/v1/edits", create_edit),
        ("POST", "/v1/embeddings", create_embedding),
        ("POST", "/v1/moderations", create_moderation),
        ("GET", "/v1/models", list_models),
        ("GET", "/v1/models/{model}", retrieve_model),
        ("DELETE", "/v1/models/{model}", delete_model),
        ("GET", "/v1/engines", list_engines),
        ("GET", "/v1/engines/{engine_id}", retrieve_engine),
    ]

"""/edits, /embeddings, /moderations, /models and the deprecated /engines."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from openai_models import CreateEditRequest, CreateEmbeddingRequest, CreateModerationRequest

from . import catalog, edits, embeddings, moderation
from .errors import NotFoundError
from .guards import check_token_ids, freeze
from .responses import json_response
from .services import Operation, Services, api
from .validation import given

__all__ = ["simple_routes"]

_BAD_INPUT = "'$.input' is invalid. Please check the API reference."


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
        result = edits.edit(
            body.model,
            given(body.input, "input"),
            body.instruction,
            n=given(body.n, "n"),
            temperature=given(body.temperature, "temperature"),
            top_p=given(body.top_p, "top_p"),
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
        key = ("embedding", body.model, freeze(body.input))  # the encoding only changes the rendering
        result: embeddings.EmbeddingResult | None = s.results.get(key)
        if result is None:
            result = await run_in_threadpool(embeddings.embed, body.model, body.input)
            s.results.put(key, result)
        return json_response(
            {
                "object": "list",
                "data": result.data(body.encoding_format.value),
                "model": body.model,
                "usage": {"prompt_tokens": result.prompt_tokens, "total_tokens": result.prompt_tokens},
            }
        )

    @api
    async def create_moderation(request: Request) -> Response:
        body = await s.json_body(request, CreateModerationRequest)
        model = moderation.resolve_model(body.model)
        inputs = [body.input] if isinstance(body.input, str) else list(body.input)
        results = moderation.moderate(inputs)
        return json_response(
            {"id": moderation.moderation_id(inputs), "model": model, "results": [r.to_dict() for r in results]}
        )

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

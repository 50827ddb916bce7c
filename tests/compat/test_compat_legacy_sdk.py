"""The legacy official SDK ``openai==0.27.8`` (the reference documents' API), unchanged, against the mock.

The scenarios run in the SDK's own venv (``sdk_scripts/legacy_sdk.py``); these checks read the
JSON facts each scenario printed. 0.27.8 maps 400 and 404 alike to ``InvalidRequestError``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
from compat_harness import LEGACY, ORGANIZATION, ScenarioRun, list_scenarios
from compat_support import (
    MODERATION_CATEGORIES,
    assert_chat_stream,
    assert_completion,
    assert_completion_stream,
    assert_embedding_list,
    assert_model_list,
    assert_png,
    decode_png,
    fetch,
)

pytestmark = pytest.mark.slow

Check = Callable[[Any], None]
CHECKS: dict[str, Check] = {}


def check(func: Check) -> Check:
    CHECKS[func.__name__.removeprefix("check_")] = func
    return func


def assert_legacy_error(facts: dict[str, Any], cls: str, status: int, message: str) -> None:
    """``openai.error.<cls>`` carrying the mock's status, message and error object."""
    assert facts["class"] == cls, facts
    assert facts["module"] == "openai.error"
    assert facts["status"] == status
    assert message in facts["message"]
    if facts["body"] is not None:
        assert facts["body"]["error"]["message"] in facts["message"]


@check
def check_model_list(r: Any) -> None:
    assert_model_list(r)


@check
def check_model_retrieve(r: Any) -> None:
    assert r["id"] == "text-davinci-003"
    assert r["object"] == "model"


@check
def check_model_delete_base_model(r: Any) -> None:
    assert_legacy_error(r, "InvalidRequestError", 400, "cannot be deleted")
    assert r["param"] == "model"


@check
def check_engine_list_retrieve(r: Any) -> None:
    assert r["list"]["object"] == "list"
    assert {"gpt-3.5-turbo", "text-davinci-003"} <= {e["id"] for e in r["list"]["data"]}
    assert {e["object"] for e in r["list"]["data"]} == {"engine"}
    assert r["one"] == {
        "id": "text-davinci-003",
        "object": "engine",
        "created": 1669599635,
        "owner": "openai-internal",
        "ready": True,
    }


@check
def check_completion_create(r: Any) -> None:
    assert_completion(r)


@check
def check_completion_stream(r: Any) -> None:
    assert_completion_stream(r["whole"], r["chunks"])


@check
def check_completion_logprobs_echo_n(r: Any) -> None:
    assert [c["index"] for c in r["choices"]] == [0, 1, 2, 3]
    for choice in r["choices"]:
        assert "".join(choice["logprobs"]["tokens"]) == choice["text"]
        assert choice["logprobs"]["token_logprobs"][0] is None
        tokens, tops = choice["logprobs"]["tokens"][1:], choice["logprobs"]["top_logprobs"][1:]
        assert all(t in top and len(top) <= 3 for t, top in zip(tokens, tops, strict=True))


@check
def check_chat_completion_create(r: Any) -> None:
    assert r["object"] == "chat.completion"
    assert r["choices"][0]["message"]["role"] == "assistant"
    assert r["choices"][0]["message"]["content"]


@check
def check_chat_completion_stream(r: Any) -> None:
    assert_chat_stream(r["whole"], r["chunks"])


@check
def check_chat_completion_async(r: Any) -> None:
    assert_chat_stream(r["whole"], r["chunks"])


@check
def check_chat_completion_bad_role(r: Any) -> None:
    assert_legacy_error(r, "InvalidRequestError", 400, "'robot' is not one of ['system', 'assistant', 'user']")


@check
def check_error_wrong_key(r: Any) -> None:
    assert_legacy_error(r, "AuthenticationError", 401, "Incorrect API key provided")


@check
def check_error_rate_limit(r: Any) -> None:
    assert_legacy_error(r, "RateLimitError", 429, "Rate limit reached")
    assert r["headers"]["retry-after"] == "0"


@check
def check_error_server_unavailable(r: Any) -> None:
    # 0.27.8 answers any 503 with its own message without reading the body.
    assert_legacy_error(r, "ServiceUnavailableError", 503, "The server is overloaded or not ready yet.")


@check
def check_error_timeout(r: Any) -> None:
    assert r["class"] == "Timeout" and r["module"] == "openai.error"
    assert "Request timed out" in r["message"]
    assert r["elapsed"] < 1.5  # gave up at request_timeout, not after the mock's 2 s delay


@check
def check_error_stream_interrupted(r: Any) -> None:
    assert r["chunks"] >= 1
    assert_legacy_error(r["error"], "APIError", 200, "(Error occurred while streaming.)")


@check
def check_edit_create(r: Any) -> None:
    assert r["object"] == "edit"
    assert r["choices"][0]["text"].startswith("What day of the week is it?")


@check
def check_image_create_b64(r: Any) -> None:
    assert len(r["data"]) == 2
    for image in r["data"]:
        assert_png(image["b64_json"], 256)


@check
def check_image_create_url(r: Any) -> None:
    (image,) = r["data"]
    assert decode_png(fetch(image["url"])) == (512, 512)


@check
def check_image_create_edit(r: Any) -> None:
    (image,) = r["data"]
    assert_png(image["b64_json"], 256)


@check
def check_image_create_variation(r: Any) -> None:
    assert len(r["data"]) == 2
    for image in r["data"]:
        assert_png(image["b64_json"], 512)


@check
def check_embedding_default_base64(r: Any) -> None:
    assert_embedding_list(r, 1)


@check
def check_embedding_float(r: Any) -> None:
    assert_embedding_list(r, 1)


@check
def check_embedding_batch(r: Any) -> None:
    assert_embedding_list(r, 3)


@check
def check_audio_transcribe(r: Any) -> None:
    text = r["json"]["text"]
    assert text
    assert r["text"].strip() == text
    assert r["srt"].startswith("1\n00:00:00,000 --> ")
    assert r["vtt"].startswith("WEBVTT")
    assert r["verbose_json"]["language"] == "english"
    assert r["verbose_json"]["duration"] == pytest.approx(2.0, abs=0.05)


@check
def check_audio_translate(r: Any) -> None:
    assert r["json"]["text"]
    assert r["text"].strip() == r["json"]["text"]


@check
def check_file_lifecycle(r: Any) -> None:
    created = r["created"]
    # Without user_provided_filename, 0.27.8 names every upload "file".
    assert created["filename"] == "file"
    assert r["named_upload"]["filename"] == "named.jsonl"
    assert created["purpose"] == "fine-tune"
    assert created["bytes"] == len(base64.b64decode(r["uploaded_b64"]))
    listed = {f["id"] for f in r["listed"]["data"]}
    assert {created["id"], r["named_upload"]["id"]} <= listed
    assert r["retrieved"] == created
    assert r["downloaded_b64"] == r["uploaded_b64"]
    assert r["deleted"] == {"id": created["id"], "object": "file", "deleted": True}
    assert_legacy_error(r["after_delete"], "InvalidRequestError", 404, "No such File object")


@check
def check_file_unknown_id(r: Any) -> None:
    assert_legacy_error(r["retrieve"], "InvalidRequestError", 404, "No such File object: file-doesnotexist")
    assert_legacy_error(r["download"], "InvalidRequestError", 404, "No such File object: file-doesnotexist")


@check
def check_fine_tune_lifecycle(r: Any) -> None:
    created, finished = r["created"], r["finished"]
    assert created["object"] == "fine-tune" and created["status"] == "pending"
    assert created["hyperparams"]["n_epochs"] == 1
    assert created["id"] in [job["id"] for job in r["listed"]["data"]]
    assert finished["status"] == "succeeded"
    model = finished["fine_tuned_model"]
    assert model.startswith("curie:ft-") and "compat-legacy" in model
    assert finished["result_files"][0]["purpose"] == "fine-tune-results"
    messages = [e["message"] for e in r["events"]["data"]]
    assert messages[0].startswith("Job enqueued") and messages[-1] == "Job succeeded."
    assert [e["message"] for e in r["streamed"]] == messages
    # The stream opened on the pending job stayed open until it finished.
    assert [e["message"] for e in r["live_streamed"]] == messages
    assert created["organization_id"] == ORGANIZATION  # from the OpenAI-Organization header the SDK sent
    assert r["model_listed"] is True
    assert r["model_retrieved"]["id"] == model
    assert r["completion"]["model"] == model
    assert r["deleted"] == {"id": model, "object": "model", "deleted": True}
    assert r["model_listed_after_delete"] is False
    assert_legacy_error(r["retrieve_after_delete"], "InvalidRequestError", 404, "does not exist")


@check
def check_fine_tune_cancel(r: Any) -> None:
    assert r["cancelled"]["status"] == "cancelled"
    assert_legacy_error(r["cancel_again"], "InvalidRequestError", 400, "Cannot cancel")
    assert_legacy_error(r["unknown"], "InvalidRequestError", 404, "No such FineTune object")


@check
def check_moderation_create(r: Any) -> None:
    (result,) = r["flagged"]["results"]
    assert result["flagged"] is True and result["categories"]["violence"] is True
    assert set(result["categories"]) == set(result["category_scores"]) == MODERATION_CATEGORIES
    assert r["batch"]["results"][0]["flagged"] is False


@pytest.mark.parametrize("name", list(CHECKS))
def test_legacy_sdk_scenario(name: str, legacy_sdk: ScenarioRun) -> None:
    CHECKS[name](legacy_sdk.result(name))


def test_every_legacy_scenario_is_checked() -> None:
    assert list_scenarios(LEGACY) == list(CHECKS)


def test_legacy_sdk_run_was_clean(legacy_sdk: ScenarioRun) -> None:
    assert legacy_sdk.returncode == 0, legacy_sdk.stderr[-4000:]
    assert "Traceback" not in legacy_sdk.stderr

"""The pytest plugin as its users meet it: sample test files run by pytest's own pytester."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

# Imported here, the modules stay loaded across pytester's in-process runs, which drop what a run
# imported first: a C extension (PyYAML's loader) re-imported breaks, and a second httpcore raises
# exceptions that httpx no longer maps (later tests would see httpcore.ConnectError, not httpx's).
for _module in (
    "httpcore",
    "openai_mock.server",
    "openai_client.api.embeddings.create_embedding",
    "openai_client.api.files.list_files",
    "openai_client.api.models.list_models",
    "openai_mock.testing.mock",
):
    importlib.import_module(_module)

pytest_plugins = ["pytester"]

HEADER = """
import json, subprocess, sys

import httpx
import pytest

from openai_client.api.embeddings import create_embedding
from openai_client.api.files import list_files
from openai_client.api.models import list_models
from openai_client.models import CreateEmbeddingRequest

KEY = {"Authorization": "Bearer sk-sample-0123456789"}
CHAT = {"model": "gpt-3.5-turbo", "messages": [{"role": "user", "content": "Hi"}]}


def http(openai_mock):
    return httpx.Client(transport=openai_mock.transport, base_url="http://mock/v1", headers=KEY)
"""


@pytest.fixture
def run(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nfilterwarnings = error\naddopts = -p no:cacheprovider\n")
    return pytester


def test_scripted_reply_retries_marker_and_journal_pass(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
def test_reply_and_what_was_sent(openai_mock):
    openai_mock.chat.completions.create.reply("Scripted!")
    with http(openai_mock) as client:
        body = client.post("/chat/completions", json=CHAT).json()
    assert body["choices"][0]["message"]["content"] == "Scripted!"
    call = openai_mock.chat.completions.create.last
    assert call.body["messages"] == [{"role": "user", "content": "Hi"}]
    assert call.headers["authorization"] == "Bearer sk-*************6789"


def test_429_then_success_across_retries(openai_mock):
    openai_mock.models.list.fail(429, times=2, retry_after=0)
    with openai_mock.function_client(max_retries=2) as client:
        assert list_models.sync(client=client).data
    assert [c.status for c in openai_mock.models.list.calls] == [429, 429, 200]


@pytest.mark.openai_mock(api_keys=["sk-only-this-one"], fine_tune_duration=0, latency=1)
def test_marker_configures_the_mock(openai_mock):
    assert openai_mock.config.fine_tune_duration == 0 and openai_mock.config.latency_ms == 1
    with http(openai_mock) as client:
        assert client.get("/models").status_code == 401
    with openai_mock.function_client() as client:  # the marker's key
        assert list_models.sync(client=client).data
    assert openai_mock.seed_fine_tune(status="succeeded")["fine_tuned_model"]
"""
    )
    result = run.runpytest()
    result.assert_outcomes(passed=3)


def test_state_and_scripts_do_not_leak_between_tests(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
def test_first(openai_mock):
    openai_mock.seed_file('{"text": "kept here"}', filename="notes.jsonl", purpose="answers")
    openai_mock.models.list.fail(500, times=None)
    with http(openai_mock) as client:
        assert client.get("/models").status_code == 500
        assert len(client.get("/files").json()["data"]) == 1


def test_second(openai_mock):
    with http(openai_mock) as client:
        assert client.get("/files").json()["data"] == []
        assert client.get("/models").status_code == 200
    assert openai_mock.models.list.call_count == 1
    assert [c.path for c in openai_mock.calls] == ["/v1/files", "/v1/models"]
"""
    )
    run.runpytest().assert_outcomes(passed=2)


def test_an_unused_script_fails_the_test_at_teardown_naming_it(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
def test_forgets_to_call(openai_mock):
    openai_mock.edits.create.reply("never sent")
    openai_mock.files.list.fail(503, times=2)


@pytest.mark.openai_mock(strict=False)
def test_lenient(openai_mock):
    openai_mock.edits.create.reply("never sent either")


def test_fails_on_its_own(openai_mock):
    openai_mock.edits.create.reply("unused, but the test already failed")
    assert False, "the test's own failure"
"""
    )
    result = run.runpytest()
    result.assert_outcomes(passed=2, failed=1, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_forgets_to_call*",
            "*scripted but never requested*",
            "*edits.create: reply 'never sent'",
            "*files.list: failure 503",
            "*files.list: failure 503",
        ]
    )
    assert "edits.create: reply 'unused" not in result.stdout.str()


def test_a_script_the_spec_does_not_allow_fails_the_test_naming_the_field(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
def test_breaks_the_schema(openai_mock):
    openai_mock.seed_file('{"text": "some text"}', filename="a.jsonl", purpose="answers")
    openai_mock.files.list.response = {"data": [{"bytes": "many"}]}  # merged into the seeded file's object
    with openai_mock.function_client(max_retries=0) as client:
        try:
            list_files.sync(client=client)
        except Exception:
            pass  # the code under test might well swallow the error: the plugin still fails the test


def test_opts_out(openai_mock):
    openai_mock.files.list.respond({"data": [{"id": "file-1", "bytes": "many"}]}, validate=False)  # not merged: no file
    with http(openai_mock) as client:
        assert client.get("/files").json()["data"][0]["bytes"] == "many"
"""
    )
    result = run.runpytest()
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*could not serve a script*", "*files.list: *'many' is not of type 'integer' - 'data.0.bytes'*"]
    )


def test_async_tests_use_the_async_transport(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
@pytest.mark.anyio
async def test_async_function_client(openai_mock):
    openai_mock.embeddings.create.fail(429, retry_after=0)
    body = CreateEmbeddingRequest(model="text-embedding-ada-002", input_="hello")
    async with openai_mock.function_client() as client:
        result = await create_embedding.asyncio(client=client, body=body)
    assert len(result.data[0].embedding) == 1536
    assert [c.status for c in openai_mock.embeddings.create.calls] == [429, 200]


@pytest.mark.anyio
async def test_async_httpx(openai_mock):
    openai_mock.completions.create.reply(" and so on")
    async with httpx.AsyncClient(transport=openai_mock.async_transport, base_url="http://m/v1", headers=KEY) as c:
        answer = await c.post("/completions", json={"model": "text-davinci-003", "prompt": "x", "stream": True})
    texts = [json.loads(line[6:])["choices"][0]["text"] for line in answer.text.splitlines()
             if line.startswith("data: {")]
    assert "".join(texts) == " and so on"
"""
    )
    run.runpytest().assert_outcomes(passed=2)


def test_base_url_serves_the_official_sdk_or_any_http_client_and_other_processes(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
def test_over_the_wire(openai_mock):
    assert openai_mock.base_url.startswith("http://127.0.0.1:") and openai_mock.base_url.endswith("/v1")
    openai_mock.chat.completions.create.reply("over the wire")
    try:
        import openai
    except ImportError:
        text = httpx.post(openai_mock.base_url + "/chat/completions", json=CHAT, headers=KEY).json()
        text = text["choices"][0]["message"]["content"]
    else:
        sdk = openai.OpenAI(api_key="sk-sdk-0123456789", base_url=openai_mock.base_url, max_retries=0)
        text = sdk.chat.completions.create(**CHAT).choices[0].message.content
    assert text == "over the wire"


def test_another_process(openai_mock):
    openai_mock.models.retrieve.response = {"owned_by": "the-subprocess-test"}
    code = "import httpx, sys; print(httpx.get(sys.argv[1] + '/models/davinci', headers={KEY!r}).text)".format(KEY=KEY)
    out = subprocess.run([sys.executable, "-c", code, openai_mock.base_url], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["owned_by"] == "the-subprocess-test"
    assert openai_mock.models.retrieve.last.path == "/v1/models/davinci"
"""
    )
    run.runpytest().assert_outcomes(passed=2)


def test_an_unknown_marker_option_is_an_error_naming_it(run: pytest.Pytester) -> None:
    run.makepyfile(
        HEADER
        + """
@pytest.mark.openai_mock(fine_tune_seconds=1)
def test_typo(openai_mock):
    pass
"""
    )
    result = run.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*unknown option 'fine_tune_seconds'*"])


def test_loading_the_plugin_imports_nothing_of_the_mock() -> None:
    code = (
        "import sys, openai_mock.pytest_plugin; "
        "print(sorted(m for m in sys.modules if m.startswith(('openai_mock.', 'starlette', 'yaml', 'numpy'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "['openai_mock.pytest_plugin',",
        "'openai_mock.pytest_plugin.fixture']",
    ]

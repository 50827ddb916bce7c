"""Chat completions (usage counting, context defaults, roles, streaming) and edits."""

from __future__ import annotations

import pytest

from openai_mock.engines.chat import chat_complete, stream_chat
from openai_mock.engines.edits import edit, fix_spelling
from openai_mock.engines.tokenizer import ChatMessage, count_chat_tokens, tokenizer_for_model
from openai_mock.errors import ContextLengthError, InvalidRequestError

HELLO = [{"role": "user", "content": "Hello!"}]


def test_chat_prompt_tokens_match_reference_examples() -> None:
    assert count_chat_tokens("gpt-3.5-turbo", [ChatMessage("user", "Hello!")]) == 9
    assert count_chat_tokens("gpt-3.5-turbo-0301", [ChatMessage("user", "Say this is a test!")]) == 13
    named = count_chat_tokens("gpt-4", [ChatMessage("user", "Hello!", name="bob")])
    assert named == 9 + 1 + tokenizer_for_model("gpt-4").count("bob")


def test_chat_result_shape_and_usage() -> None:
    r = chat_complete("gpt-3.5-turbo", HELLO, temperature=0, n=2)
    assert r.usage.prompt_tokens == 9
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens
    assert [c.index for c in r.choices] == [0, 1]
    d = r.choices[0].to_dict()
    assert d["message"] == {"role": "assistant", "content": r.choices[0].content}
    assert d["finish_reason"] in ("stop", "length")


def test_chat_default_max_tokens_is_rest_of_context() -> None:
    long = [{"role": "user", "content": "word " * 4080}]
    prompt = count_chat_tokens("gpt-3.5-turbo", [ChatMessage("user", "word " * 4080)])
    bias = {str(tokenizer_for_model("gpt-3.5-turbo").eot): -100}
    r = chat_complete("gpt-3.5-turbo", long, logit_bias=bias)
    assert r.choices[0].finish_reason == "length"
    assert r.usage.completion_tokens == 4096 - prompt


def test_chat_context_error_wording() -> None:
    with pytest.raises(ContextLengthError) as err:
        chat_complete("gpt-4", HELLO, max_tokens=8190)
    assert str(err.value) == (
        "This model's maximum context length is 8192 tokens, however you requested 8199 tokens "
        "(9 in your prompt; 8190 for the completion). Please reduce your prompt; or completion length."
    )
    assert err.value.param == "messages"


def test_chat_rejects_unknown_role_like_the_api() -> None:
    with pytest.raises(InvalidRequestError) as err:
        chat_complete("gpt-3.5-turbo", [{"role": "doctor", "content": "hi"}])
    assert str(err.value) == "'doctor' is not one of ['system', 'assistant', 'user'] - 'messages.0.role'"
    with pytest.raises(InvalidRequestError):
        chat_complete("gpt-3.5-turbo", [])
    with pytest.raises(InvalidRequestError) as bad_name:
        chat_complete("gpt-3.5-turbo", [{"role": "user", "content": "hi", "name": "no spaces"}])
    assert bad_name.value.param == "messages.0.name"


def test_chat_stream_deltas_match_full_reply() -> None:
    kwargs = {"n": 2, "temperature": 1.0, "max_tokens": 30, "stop": "."}
    full = chat_complete("gpt-4", HELLO, **kwargs)  # type: ignore[arg-type]
    content: dict[int, str] = {}
    roles: dict[int, str] = {}
    finish: dict[int, str] = {}
    for d in stream_chat("gpt-4", HELLO, **kwargs):  # type: ignore[arg-type]
        if d.role:
            assert d.index not in content, "role comes first"
            roles[d.index] = d.role
        content[d.index] = content.get(d.index, "") + (d.content or "")
        if d.finish_reason:
            finish[d.index] = d.finish_reason
            assert d.delta_dict() == {}
    assert roles == {0: "assistant", 1: "assistant"}
    assert content == {c.index: c.content for c in full.choices}
    assert finish == {c.index: c.finish_reason for c in full.choices}


def test_edit_docs_example() -> None:
    r = edit("text-davinci-edit-001", "What day of the wek is it?", "Fix the spelling mistakes")
    assert r.texts == ["What day of the week is it?"]
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens


def test_edit_instructions_and_n() -> None:
    r = edit("text-davinci-edit-001", "teh cat is realy big", "Make it uppercase and fix typos", n=2)
    assert r.texts == ["THE CAT IS REALLY BIG"] * 2
    assert edit("code-davinci-edit-001", "the very big cat", "Remove the word very").texts == ["the big cat"]
    assert fix_spelling("Teh Wek") == "The Week"
    with pytest.raises(InvalidRequestError) as err:
        edit("text-davinci-edit-001", "x", "y", temperature=3)
    assert err.value.param == "temperature"

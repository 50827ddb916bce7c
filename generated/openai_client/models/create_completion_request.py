from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attr import define as _attrs_define

from ..types import (
    PARSE_FAILURES,
    UNSET,
    ParseError,
    Unset,
    array_items,
    field_error,
    not_an_object,
    strict_enums,
    wrong_type,
)

if TYPE_CHECKING:
    from ..models.logit_bias import LogitBias


T = TypeVar("T", bound="CreateCompletionRequest")


@_attrs_define
class CreateCompletionRequest:
    """
    Attributes:
        model (str): ID of the model to use (see listModels).
        prompt (list[int] | list[list[int]] | list[str] | None | str | Unset): The prompt(s): a string, an array of
            strings, an array of tokens or an array of token arrays.
            Without a prompt the model starts as if at the beginning of a new document.
             Default: '<|endoftext|>'.
        suffix (None | str | Unset): Text that comes after the inserted completion.
        max_tokens (int | None | Unset): Most tokens to generate; prompt plus max_tokens must fit the model's context
            (2048 or 4096). Default: 16.
        temperature (float | None | Unset): Sampling temperature; higher is more random. Change this or top_p, not both.
            Default: 1.0.
        top_p (float | None | Unset): Nucleus sampling; 0.1 keeps only the tokens in the top 10% probability mass.
            Default: 1.0.
        n (int | None | Unset): How many completions to generate per prompt. Default: 1.
        stream (bool | None | Unset): Send partial progress as server-sent events, ended by `data: [DONE]`. Default:
            False.
        logprobs (int | None | Unset): Include the log probabilities of this many most likely tokens (at most 5).
        echo (bool | None | Unset): Echo back the prompt in addition to the completion. Default: False.
        stop (list[str] | None | str | Unset): Up to 4 sequences where generation stops; the returned text does not
            contain them.
        presence_penalty (float | None | Unset): Positive values penalize tokens that already appeared, favouring new
            topics. Default: 0.0.
        frequency_penalty (float | None | Unset): Positive values penalize tokens by how often they appeared, reducing
            verbatim repetition. Default: 0.0.
        best_of (int | None | Unset): Generate this many completions server-side and return the best `n`; must be at
            least `n`; cannot stream. Default: 1.
        logit_bias (LogitBias | None | Unset): Bias applied to the logits of the given tokens.
        user (str | Unset): A stable identifier of the end user, to help detect abuse.
    """

    model: str
    prompt: list[int] | list[list[int]] | list[str] | None | str | Unset = UNSET
    suffix: None | str | Unset = UNSET
    max_tokens: int | None | Unset = UNSET
    temperature: float | None | Unset = UNSET
    top_p: float | None | Unset = UNSET
    n: int | None | Unset = UNSET
    stream: bool | None | Unset = UNSET
    logprobs: int | None | Unset = UNSET
    echo: bool | None | Unset = UNSET
    stop: list[str] | None | str | Unset = UNSET
    presence_penalty: float | None | Unset = UNSET
    frequency_penalty: float | None | Unset = UNSET
    best_of: int | None | Unset = UNSET
    logit_bias: LogitBias | None | Unset = UNSET
    user: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.logit_bias import LogitBias  # noqa: PLC0415

        model = self.model

        prompt: list[int] | list[list[int]] | list[str] | None | str | Unset
        if isinstance(self.prompt, Unset):
            prompt = UNSET
        elif isinstance(self.prompt, list):
            prompt = self.prompt

        elif isinstance(self.prompt, list):
            prompt = self.prompt

        elif isinstance(self.prompt, list):
            prompt = []
            for prompt_type_3_item_data in self.prompt:
                prompt_type_3_item = prompt_type_3_item_data

                prompt.append(prompt_type_3_item)

        else:
            prompt = self.prompt

        suffix: None | str | Unset
        if isinstance(self.suffix, Unset):
            suffix = UNSET
        else:
            suffix = self.suffix

        max_tokens: int | None | Unset
        if isinstance(self.max_tokens, Unset):
            max_tokens = UNSET
        else:
            max_tokens = self.max_tokens

        temperature: float | None | Unset
        if isinstance(self.temperature, Unset):
            temperature = UNSET
        else:
            temperature = self.temperature

        top_p: float | None | Unset
        if isinstance(self.top_p, Unset):
            top_p = UNSET
        else:
            top_p = self.top_p

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        stream: bool | None | Unset
        if isinstance(self.stream, Unset):
            stream = UNSET
        else:
            stream = self.stream

        logprobs: int | None | Unset
        if isinstance(self.logprobs, Unset):
            logprobs = UNSET
        else:
            logprobs = self.logprobs

        echo: bool | None | Unset
        if isinstance(self.echo, Unset):
            echo = UNSET
        else:
            echo = self.echo

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        best_of: int | None | Unset
        if isinstance(self.best_of, Unset):
            best_of = UNSET
        else:
            best_of = self.best_of

        logit_bias: dict[str, Any] | None | Unset
        if isinstance(self.logit_bias, Unset):
            logit_bias = UNSET
        elif isinstance(self.logit_bias, LogitBias):
            logit_bias = self.logit_bias.to_dict()
        else:
            logit_bias = self.logit_bias

        user = self.user

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "model": model,
            }
        )
        if prompt is not UNSET:
            field_dict["prompt"] = prompt
        if suffix is not UNSET:
            field_dict["suffix"] = suffix
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if n is not UNSET:
            field_dict["n"] = n
        if stream is not UNSET:
            field_dict["stream"] = stream
        if logprobs is not UNSET:
            field_dict["logprobs"] = logprobs
        if echo is not UNSET:
            field_dict["echo"] = echo
        if stop is not UNSET:
            field_dict["stop"] = stop
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if best_of is not UNSET:
            field_dict["best_of"] = best_of
        if logit_bias is not UNSET:
            field_dict["logit_bias"] = logit_bias
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        """Refuses (types.ParseError) keys the schema does not list and enum values the spec does not list."""
        with strict_enums():
            return cls._from_closed_dict(src_dict)

    @classmethod
    def _from_closed_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not _referenced_models_loaded:
            _load_referenced_models()
        # The annotation is a promise a JSON payload need not keep; a dict is the fast path.
        if not isinstance(src_dict, dict) and not isinstance(cast(object, src_dict), Mapping):
            raise not_an_object(src_dict)
        d = dict(src_dict)
        try:
            model = d.pop("model")
            if not isinstance(model, str):
                raise wrong_type("a string", model)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "model")

        try:

            def _parse_prompt(data: object) -> list[int] | list[list[int]] | list[str] | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    prompt_type_1 = cast(list[str], array_items(cast(Any, data)))

                    return prompt_type_1
                except PARSE_FAILURES:
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    prompt_type_2 = cast(list[int], array_items(cast(Any, data)))

                    return prompt_type_2
                except PARSE_FAILURES:
                    pass
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    _prompt_type_3 = array_items(cast(Any, data))
                    prompt_type_3: list[list[int]] = []
                    for prompt_type_3_item_index, prompt_type_3_item_data in enumerate(_prompt_type_3):
                        try:
                            prompt_type_3_item = cast(list[int], array_items(prompt_type_3_item_data))

                        except PARSE_FAILURES as exc:
                            raise field_error(exc, prompt_type_3_item_index)
                        prompt_type_3.append(prompt_type_3_item)

                    return prompt_type_3
                except PARSE_FAILURES:
                    pass
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or an array or an array or an array or null", data)

            prompt = _parse_prompt(d.pop("prompt", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "prompt")

        try:

            def _parse_suffix(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or null", data)

            suffix = _parse_suffix(d.pop("suffix", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "suffix")

        try:

            def _parse_max_tokens(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            max_tokens = _parse_max_tokens(d.pop("max_tokens", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "max_tokens")

        try:

            def _parse_temperature(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            temperature = _parse_temperature(d.pop("temperature", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "temperature")

        try:

            def _parse_top_p(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            top_p = _parse_top_p(d.pop("top_p", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "top_p")

        try:

            def _parse_n(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            n = _parse_n(d.pop("n", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "n")

        try:

            def _parse_stream(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    return data
                raise wrong_type("a boolean or null", data)

            stream = _parse_stream(d.pop("stream", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "stream")

        try:

            def _parse_logprobs(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            logprobs = _parse_logprobs(d.pop("logprobs", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "logprobs")

        try:

            def _parse_echo(data: object) -> bool | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, bool):
                    return data
                raise wrong_type("a boolean or null", data)

            echo = _parse_echo(d.pop("echo", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "echo")

        try:

            def _parse_stop(data: object) -> list[str] | None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    stop_type_1 = cast(list[str], array_items(cast(Any, data)))

                    return stop_type_1
                except PARSE_FAILURES:
                    pass
                if isinstance(data, str):
                    return data
                raise wrong_type("a string or an array or null", data)

            stop = _parse_stop(d.pop("stop", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "stop")

        try:

            def _parse_presence_penalty(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            presence_penalty = _parse_presence_penalty(d.pop("presence_penalty", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "presence_penalty")

        try:

            def _parse_frequency_penalty(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int | float) and not isinstance(data, bool):
                    return data
                raise wrong_type("a number or null", data)

            frequency_penalty = _parse_frequency_penalty(d.pop("frequency_penalty", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "frequency_penalty")

        try:

            def _parse_best_of(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if isinstance(data, int) and not isinstance(data, bool):
                    return data
                raise wrong_type("an integer or null", data)

            best_of = _parse_best_of(d.pop("best_of", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "best_of")

        try:

            def _parse_logit_bias(data: object) -> LogitBias | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                if not isinstance(data, dict):
                    raise wrong_type("an object or null", data)
                logit_bias_type_0 = LogitBias.from_dict(cast(Any, data))

                return logit_bias_type_0

            logit_bias = _parse_logit_bias(d.pop("logit_bias", UNSET))

        except PARSE_FAILURES as exc:
            raise field_error(exc, "logit_bias")

        try:
            user = d.pop("user", UNSET)
            if not isinstance(user, Unset) and not isinstance(user, str):
                raise wrong_type("a string", user)

        except PARSE_FAILURES as exc:
            raise field_error(exc, "user")

        if d:
            raise ParseError("unknown field", [next(iter(d))])
        _instance = cls(
            model=model,
            prompt=prompt,
            suffix=suffix,
            max_tokens=max_tokens,
            temperature=temperature,
            top_p=top_p,
            n=n,
            stream=stream,
            logprobs=logprobs,
            echo=echo,
            stop=stop,
            presence_penalty=presence_penalty,
            frequency_penalty=frequency_penalty,
            best_of=best_of,
            logit_bias=logit_bias,
            user=user,
        )

        return _instance


# The models this one refers to are imported on its first parse, not with it: they may import this module in
# turn, and importing an operation would load every model its answer can reach. An import statement in
# from_dict() itself would run again on every call (a stream parses thousands of chunks), so they are bound
# to this module's globals once.
_referenced_models_loaded = False


def _load_referenced_models() -> None:
    global _referenced_models_loaded, LogitBias
    from ..models.logit_bias import LogitBias  # noqa: PLC0415

    _referenced_models_loaded = True

"""The completion engine behind /completions (and, through ``chat``, /chat/completions).

Semantics follow the reference: ``max_tokens`` ends a choice with ``"length"`` exactly at the
limit; ``stop`` cuts the text before the first stop sequence (``"stop"``); ``echo`` prepends the
prompt (its first token's logprob is ``None``); ``best_of`` candidates are generated and the
``n`` with the highest mean token logprob returned; prompts in a list each get ``n`` choices
with indexes running on across prompts. ``suffix`` is appended verbatim after the generated
text (after any stop cut); it adds no tokens, logprobs or usage. The stream form yields the
same text, split per token, one choice after another (all of choice 0, then choice 1, ...);
text that might begin a stop sequence is held back until known.
Usage counts every generated candidate (so ``best_of`` is billed), never the end-of-text token.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple, cast

from ..errors import InvalidRequestError
from . import catalog
from .lockstep import Drawn, draw_in_lockstep
from .params import check_context, check_range, parse_logit_bias, parse_stop, split_inputs
from .results import Choice, CompletionResult, Logprobs, StreamDelta, Usage
from .sampling import SamplingParams, Step, TokenSampler, takes_full_path
from .seeds import candidate_seeds
from .tokenizer import Tokenizer, tokenizer_for_model

__all__ = [
    "Choice",
    "CompletionResult",
    "Logprobs",
    "Plan",
    "Prompt",
    "StreamDelta",
    "Usage",
    "complete",
    "plan_completion",
    "run_plan",
    "stream_complete",
    "stream_plan",
]

Prompt = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


class _StopScanner:
    """Releases text that can no longer be the start of a stop sequence."""

    def __init__(self, stops: tuple[str, ...]) -> None:
        self._stops = stops
        self._buf = ""

    def feed(self, piece: str) -> tuple[str, bool]:
        if not self._stops:
            return piece, False
        buf = self._buf + piece
        hits = [i for s in self._stops if (i := buf.find(s)) >= 0]
        if hits:
            self._buf = ""
            return buf[: min(hits)], True
        keep = max(
            (k for s in self._stops for k in range(min(len(s) - 1, len(buf)), 0, -1) if buf.endswith(s[:k])), default=0
        )
        self._buf = buf[len(buf) - keep :]
        return buf[: len(buf) - keep], False

    def flush(self) -> str:
        out, self._buf = self._buf, ""
        return out


class _Job(NamedTuple):  # a tuple: built once per candidate, cheaper than a frozen dataclass
    tok: Tokenizer
    prompt_tokens: Sequence[int]
    prompt_text: str
    params: SamplingParams
    seed: int
    max_tokens: int
    stops: tuple[str, ...]
    echo: bool
    suffix: str | None


class _Run:
    """One candidate completion; iterate it for ``(text, logprobs, finish_reason)`` pieces.

    ``drawn`` is its tokens when they were sampled already, with its request's other candidates."""

    def __init__(self, job: _Job, ranked: bool = False, drawn: Drawn | None = None) -> None:
        self.job = job
        self.ranked = ranked  # best_of ranks candidates by their mean logprob
        self.drawn = drawn
        self.completion_tokens = 0
        self.logprob_sum = 0.0

    @property
    def mean_logprob(self) -> float:
        return self.logprob_sum / self.completion_tokens if self.completion_tokens else 0.0

    def _token_str(self, token: int) -> str:
        return self.job.tok.token_bytes(token).decode("utf-8", errors="replace")

    def _echo_piece(self, sampler: TokenSampler) -> Logprobs | None:
        job = self.job
        if job.params.logprobs is None:
            return None
        lp = Logprobs()
        offset = 0
        for i, (token, scored) in enumerate(zip(job.prompt_tokens, sampler.score(job.prompt_tokens), strict=True)):
            text = self._token_str(token)
            lp.tokens.append(text)
            lp.token_logprobs.append(None if i == 0 else scored[0])
            lp.top_logprobs.append(None if i == 0 else {self._token_str(t): v for t, v in scored[1].items()})
            lp.text_offset.append(offset)
            offset += len(text)
        return lp

    def __iter__(self) -> Iterator[tuple[str, Logprobs | None, str | None]]:
        job = self.job
        want_lp = job.params.logprobs is not None
        echoed: Logprobs | None = None  # tokens drawn already come without logprobs: an echo has none to score
        if self.drawn is None:
            sampler = TokenSampler(job.tok, job.prompt_tokens, job.params, job.seed, scored=self.ranked)
            next_step = sampler.step
            echoed = self._echo_piece(sampler) if job.echo else None
        else:
            next_step = _replay(self.drawn, job.tok.eot).__next__
        if job.echo:
            yield job.prompt_text, echoed, None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        scanner = _StopScanner(job.stops)
        pending = Logprobs()
        base, raw_len, emitted = len(job.prompt_text), 0, 0
        finish, stopped = "length", False
        eot, token_bytes = job.tok.eot, job.tok.token_bytes
        for _ in range(job.max_tokens):
            step = next_step()
            if step.token == eot:
                finish = "stop"
                break
            self.completion_tokens += 1
            self.logprob_sum += step.logprob
            piece = decoder.decode(token_bytes(step.token))
            if want_lp:
                pending.extend(
                    Logprobs(
                        [self._token_str(step.token)],
                        [step.logprob],
                        [{self._token_str(t): v for t, v in step.top_logprobs.items()}],
                        [base + raw_len],
                    )
                )
            raw_len += len(piece)
            out, stopped = scanner.feed(piece)
            if stopped:
                finish = "stop"
                break
            if out:
                emitted += len(out)
                yield out, self._release(pending, base + emitted) if want_lp else None, None
        tail = "" if stopped else scanner.flush() + decoder.decode(b"", final=True)
        emitted += len(out if stopped else tail)
        released = self._release(pending, base + emitted if stopped else None) if want_lp else None
        yield (out if stopped else tail) + (job.suffix or ""), released, finish

    def collect(self) -> tuple[str, Logprobs | None, str | None]:
        """The whole choice: ``(text, logprobs, finish_reason)``, as the pieces of ``iter`` joined."""
        job = self.job
        if job.params.logprobs is not None or job.stops:
            return _joined(self)
        # Nothing to report per token and nothing to watch for: sample every token, then decode once.
        if self.drawn is None:
            sampler = TokenSampler(job.tok, job.prompt_tokens, job.params, job.seed, scored=self.ranked)
            tokens, self.logprob_sum, ended = sampler.sample(job.max_tokens)
        else:
            tokens, ended = self.drawn.tokens, self.drawn.ended
            self.logprob_sum = 0.0
            for logprob in self.drawn.logprobs:  # in order, as the sampler sums them
                self.logprob_sum += logprob
        self.completion_tokens = len(tokens)
        text = job.tok.joined_bytes(tokens).decode("utf-8", errors="replace")
        head = job.prompt_text if job.echo else ""
        return head + text + (job.suffix or ""), None, "stop" if ended else "length"

    @staticmethod
    def _release(pending: Logprobs, limit: int | None) -> Logprobs:
        """Take the entries of tokens that start before ``limit`` (all of them when ``None``)."""
        n = len(pending.tokens) if limit is None else sum(1 for o in pending.text_offset if o < limit)
        out = Logprobs(
            pending.tokens[:n], pending.token_logprobs[:n], pending.top_logprobs[:n], pending.text_offset[:n]
        )
        del pending.tokens[:n], pending.token_logprobs[:n], pending.top_logprobs[:n], pending.text_offset[:n]
        return out


# The smallest temperature sampled as given. Below it, 1/temperature times a logit overflows (inf, then NaN
# weights and logprobs); at it every lane but the best already weighs exactly 0 (a logit gap of 1e-97
# scales to below -746, whose exp is 0), which is what any smaller positive temperature draws.
MIN_SAMPLING_TEMPERATURE = 1e-100


def _sampling_temperature(temperature: float) -> float:
    return MIN_SAMPLING_TEMPERATURE if 0 < temperature < MIN_SAMPLING_TEMPERATURE else temperature


def _prompts(prompt: Prompt, tok: Tokenizer) -> list[tuple[list[int], str]]:
    out = []
    for item in split_inputs(prompt, "prompt"):
        if isinstance(item, str):
            out.append((tok.encode(item), item))
        elif all(tok.is_valid(t) for t in item):
            out.append((item, tok.decode(item)))
        else:
            raise InvalidRequestError(
                "Invalid token in prompt: each token must be an id of the model's encoding.", param="prompt"
            )
    return out


class Plan(NamedTuple):
    """A checked request: the candidate jobs of every prompt (build it with ``plan_completion``)."""

    prompt_tokens: int
    n: int
    best_of: int
    jobs: list[list[_Job]]


def plan_completion(
    model: str,
    prompt: Prompt,
    suffix: str | None,
    max_tokens: int | None,
    temperature: float,
    top_p: float,
    n: int,
    stop: str | Sequence[str] | None,
    echo: bool,
    logprobs: int | None,
    best_of: int | None,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None,
    presence_penalty: float,
    frequency_penalty: float,
    user: str | None,
    *,
    counted_prompt_tokens: int | None = None,
) -> Plan:
    """Check every parameter and prepare the jobs.

    ``counted_prompt_tokens`` is for chat: the prompt is then the conversation's tokens (the encoder's
    own, not checked again), billed and fitted to the context by that count, and a missing
    ``max_tokens`` means "the rest of the context".
    """
    chat = counted_prompt_tokens is not None
    tok = tokenizer_for_model(model)
    usual = 0 <= temperature <= 2 and 0 <= top_p <= 1 and 1 <= n <= 128 and logprobs is None
    usual = usual and -2 <= presence_penalty <= 2 and -2 <= frequency_penalty <= 2
    if not (usual and (max_tokens is None or max_tokens >= 0)):  # the checks one by one, to name the culprit
        check_range("temperature", temperature, 0, 2)
        check_range("top_p", top_p, 0, 1)
        check_range("n", n, 1, 128)
        check_range("logprobs", logprobs, 0, 5)
        check_range("presence_penalty", presence_penalty, -2, 2)
        check_range("frequency_penalty", frequency_penalty, -2, 2)
        # No upper bound of its own: a max_tokens beyond the context is the context-length error, as in the API.
        check_range("max_tokens", max_tokens, 0, float("inf"))
    # An unset best_of means "n candidates": only an explicit best_of has the 1..20 bound (n goes to 128).
    best = n if best_of is None else best_of
    if best < n:
        raise InvalidRequestError(f"'best_of' ({best}) must be greater than or equal to 'n' ({n}).", param="best_of")
    if best_of is not None:
        check_range("best_of", best_of, 1, 20)
    stops = parse_stop(stop) if stop is not None else ()
    bias = parse_logit_bias(logit_bias, tok) if logit_bias else {}
    sampled_temperature = _sampling_temperature(temperature)
    params = SamplingParams(sampled_temperature, top_p, bias, presence_penalty, frequency_penalty, logprobs)
    info = catalog.get_model_info(model)
    window = info.context_window if info else 2049
    # Chat has no echo and no logprobs: nothing shows the prompt's text.
    prompts = [(list(cast("Sequence[int]", prompt)), "")] if chat else _prompts(prompt, tok)
    jobs = []
    for tokens, text in prompts:
        counted = len(tokens) if counted_prompt_tokens is None else counted_prompt_tokens
        limit = window - counted if chat and max_tokens is None else (16 if max_tokens is None else max_tokens)
        check_context(window, counted, max(limit, 1 if chat else 0), "messages" if chat else "prompt")
        # Everything but max_tokens, n and echo: a longer answer starts as the shorter one does.
        seeds = candidate_seeds(
            model,
            tokens,
            (temperature, top_p, presence_penalty, frequency_penalty),
            (suffix, user, *stops),
            params.logit_bias.items(),
            best,
        )
        jobs.append([_Job(tok, tokens, text, params, seed, limit, stops, echo, suffix) for seed in seeds])
    total = sum(len(t) for t, _ in prompts) if counted_prompt_tokens is None else counted_prompt_tokens
    return Plan(total, n, best, jobs)


def _joined(run: _Run) -> tuple[str, Logprobs | None, str | None]:
    texts, lp, finish = [], None, None
    for text, piece_lp, piece_finish in run:
        texts.append(text)
        finish = piece_finish
        if piece_lp is not None:
            lp = lp or Logprobs()
            lp.extend(piece_lp)
    return "".join(texts), lp, finish


def _replay(drawn: Drawn, eot: int) -> Iterator[Step]:
    """``TokenSampler.step``'s steps for tokens drawn already."""
    for token, logprob in zip(drawn.tokens, drawn.logprobs, strict=True):
        yield Step(token, logprob, {})
    if drawn.ended:
        yield Step(eot, 0.0, {})


def _drawn_together(jobs: Sequence[_Job], ranked: bool) -> Sequence[Drawn | None]:
    """A prompt's candidates sampled side by side when they take the full-logit path and report no
    logprobs (the same tokens as one by one; it is the path whose steps cost most)."""
    first = jobs[0]
    if len(jobs) < 2 or first.params.logprobs is not None or not takes_full_path(first.tok, first.params):
        return [None] * len(jobs)
    seeds = [job.seed for job in jobs]
    return draw_in_lockstep(first.tok, first.prompt_tokens, first.params, seeds, first.max_tokens, scored=ranked)


def run_plan(plan: Plan) -> CompletionResult:
    choices: list[Choice] = []
    completion_tokens = 0
    n = plan.n
    for p_index, jobs in enumerate(plan.jobs):
        ranked = plan.best_of > n
        runs = [_Run(job, ranked, drawn) for job, drawn in zip(jobs, _drawn_together(jobs, ranked), strict=True)]
        collected = [run.collect() for run in runs]
        completion_tokens += sum(run.completion_tokens for run in runs)
        order = sorted(range(len(runs)), key=lambda i: -runs[i].mean_logprob) if ranked else range(n)
        for rank, i in enumerate(list(order)[:n]):
            text, lp, finish = collected[i]
            choices.append(Choice(text, p_index * n + rank, finish, lp))
    return CompletionResult(choices, Usage(plan.prompt_tokens, completion_tokens))


def stream_plan(plan: Plan) -> Iterator[StreamDelta]:
    if plan.best_of > plan.n:
        raise InvalidRequestError("Cannot stream results with best_of greater than n.", param="best_of")
    return _stream(plan)


def complete(
    model: str,
    prompt: Prompt = "<|endoftext|>",
    *,
    suffix: str | None = None,
    max_tokens: int | None = 16,
    temperature: float = 1.0,
    top_p: float = 1.0,
    n: int = 1,
    stop: str | Sequence[str] | None = None,
    echo: bool = False,
    logprobs: int | None = None,
    best_of: int | None = None,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None = None,
    presence_penalty: float = 0.0,
    frequency_penalty: float = 0.0,
    user: str | None = None,
) -> CompletionResult:
    """Every choice of a completion request plus its usage."""
    return run_plan(
        plan_completion(
            model,
            prompt,
            suffix,
            max_tokens,
            temperature,
            top_p,
            n,
            stop,
            echo,
            logprobs,
            best_of,
            logit_bias,
            presence_penalty,
            frequency_penalty,
            user,
        )
    )


def stream_complete(
    model: str,
    prompt: Prompt = "<|endoftext|>",
    *,
    suffix: str | None = None,
    max_tokens: int | None = 16,
    temperature: float = 1.0,
    top_p: float = 1.0,
    n: int = 1,
    stop: str | Sequence[str] | None = None,
    echo: bool = False,
    logprobs: int | None = None,
    best_of: int | None = None,
    logit_bias: Mapping[str, float] | Mapping[int, float] | None = None,
    presence_penalty: float = 0.0,
    frequency_penalty: float = 0.0,
    user: str | None = None,
) -> Iterator[StreamDelta]:
    """The same choices as ``complete``, piece by piece (choice after choice).

    Parameters are checked on the call, before the first piece, so errors surface before streaming.
    """
    return stream_plan(
        plan_completion(
            model,
            prompt,
            suffix,
            max_tokens,
            temperature,
            top_p,
            n,
            stop,
            echo,
            logprobs,
            best_of,
            logit_bias,
            presence_penalty,
            frequency_penalty,
            user,
        )
    )


def _stream(plan: Plan) -> Iterator[StreamDelta]:
    for p_index, jobs in enumerate(plan.jobs):
        for j, job in enumerate(jobs):
            for text, lp, finish in _Run(job):
                yield StreamDelta(p_index * plan.n + j, text, lp, finish)

"""Seeds and uniform numbers of the sampler: deterministic, spread, and the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from openai_mock.engines.seeds import candidate_seeds, uniforms

BASE = ("gpt-3.5-turbo", [882, 25, 25963], (1.0, 1.0, 0.0, 0.0), (None, None), ())


def _seeds(*changed: object, count: int = 1) -> list[int]:
    model, tokens, numbers, texts, bias = changed or BASE
    return candidate_seeds(model, tokens, numbers, texts, bias, count)  # type: ignore[arg-type]


def test_uniforms_are_in_the_unit_interval_and_repeat_only_per_seed() -> None:
    first, again, other = uniforms(7), uniforms(7), uniforms(8)
    xs = [first() for _ in range(1000)]
    assert xs == [again() for _ in range(1000)]
    assert xs != [other() for _ in range(1000)]
    assert all(0.0 <= x < 1.0 for x in xs)
    assert 0.45 < sum(xs) / len(xs) < 0.55


def test_a_stream_visits_distinct_entries_for_longer_than_any_context() -> None:
    draw = uniforms(12345)
    assert len({draw() for _ in range(1 << 16)}) == 1 << 16


def test_candidates_of_a_request_get_unrelated_streams() -> None:
    seeds = _seeds(count=4)
    assert len(set(seeds)) == 4
    starts = [[uniforms(s)() for _ in range(8)] for s in seeds]
    # Neighbouring seeds must not be shifted copies of one stream.
    assert all(a[1:] != b[:-1] for a in starts for b in starts if a is not b)


@pytest.mark.parametrize(
    "changed",
    [
        ("gpt-4", *BASE[1:]),
        (BASE[0], [882, 25, 25964], *BASE[2:]),
        (*BASE[:2], (0.5, 1.0, 0.0, 0.0), *BASE[3:]),
        (*BASE[:2], (1.0, 1.0, 0.0, 0.5), *BASE[3:]),
        (*BASE[:3], ("", None), BASE[4]),
        (*BASE[:3], (None, "user-1"), BASE[4]),
        (*BASE[:3], (None, None, "\n"), BASE[4]),
        (*BASE[:4], ((13, 2.0),)),
    ],
)
def test_every_part_of_a_request_moves_its_seed(changed: tuple[object, ...]) -> None:
    assert _seeds(*changed) != _seeds()
    assert _seeds(*changed) == _seeds(*changed)


def test_seeds_are_the_same_in_every_process() -> None:
    code = (
        "from openai_mock.engines.seeds import candidate_seeds, uniforms;"
        "s = candidate_seeds('gpt-4', [1, 2, 3], (0.7, 1.0, 0.1, 0.0), ('stop', None), [(13, 1.0)], 2);"
        "print(s, uniforms(s[0])())"
    )
    outputs = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    here = candidate_seeds("gpt-4", [1, 2, 3], (0.7, 1.0, 0.1, 0.0), ("stop", None), [(13, 1.0)], 2)
    assert outputs == {f"{here} {uniforms(here[0])()}\n"}

"""The small app the official SDK does in 59 lines: chat and a stream, an embeddings search, a file
uploaded and a fine-tune followed to the end, errors handled. Written as an SDK user writes it."""

from __future__ import annotations

import math
import time
from pathlib import Path

from openai_client import APIConnectionError, NotFoundError, OpenAI, RateLimitError

client = OpenAI()


def chat(question: str) -> None:
    answer = client.chat.completions.create(model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}])
    print(answer.choices[0].message.content)
    stream = client.chat.completions.create(
        model="gpt-3.5-turbo", messages=[{"role": "user", "content": question}], stream=True
    )
    for chunk in stream:
        print(chunk.choices[0].delta.content or "", end="")
    print()


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def search(query: str, documents: list[str]) -> str:
    result = client.embeddings.create(model="text-embedding-ada-002", input=[query, *documents])
    vectors = [item.embedding for item in result.data]
    scores = [cosine(vectors[0], vector) for vector in vectors[1:]]
    return documents[scores.index(max(scores))]


def fine_tune(path: Path) -> str | None:
    uploaded = client.files.create(file=path, purpose="fine-tune")
    job = client.fine_tunes.create(training_file=uploaded.id, model="curie")
    for event in client.fine_tunes.list_events(job.id, stream=True):
        print(event.message)
    while job.status not in ("succeeded", "failed", "cancelled"):
        time.sleep(0.2)
        job = client.fine_tunes.retrieve(job.id)
    return job.fine_tuned_model


def main(folder: Path) -> None:
    chat("Say hello")
    print(search("sea otters", ["Otters hold hands while they sleep", "The stock market fell"]))
    data = folder / "train.jsonl"
    data.write_text('{"prompt": "2+2=", "completion": " 4"}\n')
    print(fine_tune(data))
    try:
        client.models.retrieve("no-such-model")
    except NotFoundError as error:
        print(error.status_code, error.message)
    except (RateLimitError, APIConnectionError) as error:
        print("try again later:", error)

"""Synthetic corpora of the sample abstracts with the records that make paper identity hard: exact
duplicates, a paper first seen without its abstract, near-duplicate titles of other papers, and the same paper
under a title spelt otherwise. Used by tests/test_identity.py and benchmarks/identity.py."""

from __future__ import annotations

import json
import random
from pathlib import Path

import claims


def _respelt(title: str, rng: random.Random) -> str:
    """The title as another source may spell it: case, accents or punctuation changed, letters kept."""
    choice = rng.randrange(3)
    if choice == 0:
        return title.upper()
    if choice == 1:
        return title.replace(":", " -").replace(",", "") + "!"
    accented = {"e": "é", "a": "à", "o": "ö", "u": "ü"}
    return "".join(accented.get(c, c) if i % 3 == 0 else c for i, c in enumerate(title))


def synthetic_records(count: int, seed: int = 17) -> list[dict]:
    """`count` records (about a fifth of them hard cases) in a reproducible order."""
    rng = random.Random(seed)
    samples = claims.load()
    pairs = list(zip(samples["title"], samples["abstract"], strict=True))
    records: list[dict] = []
    while len(records) < count:
        i = len(records)
        title, abstract = pairs[i % len(pairs)]
        title = f"{title} ({i})"
        roll = rng.random()
        if roll < 0.05 and records:  # an exact duplicate of an earlier record
            records.append(dict(rng.choice(records)))
        elif roll < 0.09:  # a record without its abstract, another with it and the metadata (shuffled apart below)
            records.append({"title": title, "abstract": ""})
            records.append(
                {"title": title, "abstract": abstract, "published": "2024-05-01", "arxiv_id": f"2405.{i:05d}"}
            )
        elif roll < 0.14 and records:  # a near-duplicate title of another paper, with its own abstract
            other = rng.choice(records)["title"]
            records.append({"title": _respelt(other, rng), "abstract": abstract})
        elif roll < 0.18 and records:  # the same paper under a title spelt otherwise, its abstract the same
            same = rng.choice([r for r in records if r["abstract"]] or records)
            records.append({"title": _respelt(same["title"], rng), "abstract": same["abstract"]})
        else:
            published = rng.choice([None, "2023-02-03", "2024-01-01T23:30:00-03:00", "2022-12-31T01:00:00+05:00"])
            records.append({"title": title, "abstract": abstract, "published": published})
    rng.shuffle(records)
    return records[:count]


def write_synthetic(path: Path, count: int, seed: int = 17) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in synthetic_records(count, seed)), encoding="utf-8")
    return path

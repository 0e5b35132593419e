"""The vocabularies (`schemas/metrics.toml`, `schemas/datasets*.toml`) checked as data.

- every metric says which way is better and has a unit of the guidelines' canonical units table;
- every benchmark's primary metric is a metric of the vocabulary;
- an alias names one metric and one benchmark only;
- no alias fires on an ordinary English word: neither the alias list itself nor any match of the
  scans on the sample abstracts (the bundled pages and, if present, tests/gold/dev2_abstracts.jsonl).

"Ordinary English word": among the 30,000 most frequent English words of `wordfreq`, written as
prose writes words: in lower case, Capitalized (a sentence's start, a title) or in CAPITALS (a
title in capitals). A case-insensitive alias ("Places") matches every writing; an alias matched
only as written matches the word only when it is one of these writings ("COCO" is "coco" in
capitals; "SQuAD", "mAP", "IMDb" are no writing of a word and never match one).
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest
import wordfreq

import claims
from claims.extraction import vocab

SCHEMAS = Path(__file__).parent.parent / "schemas"
GOLD_DIR = Path(__file__).parent / "gold"

# Aliases matched as written that are, lower-cased, frequent English tokens, kept because the
# field writes them so and prose does not. Each needs a reason; keep the list short.
METRIC_WORDS_ALLOWED = {
    # English words the field uses as names of its metrics, in capitals
    "IS": "Inception Score; only in capitals, and never inside a title in capitals (checked below)",
    "EM": "exact match (QA); prose writes 'em' in lower case",
    "SARI": "the text-simplification metric; prose writes the garment in lower case",
    "KID": "Kernel Inception Distance",
    "METEOR": "MT and captioning metric",
    "ROUGE": "summarization metric",
    "SPICE": "captioning metric",
    "COMET": "MT metric",
    "PER": "phone error rate; prose writes 'per' in lower case",
    "LAS": "labelled attachment score (parsing)",
    "TER": "translation edit rate",
    "ARI": "adjusted Rand index",
    "NED": "normalized edit distance (OCR)",
    "FLOP": "floating point operation; prose writes 'flop' in lower case",
    # abbreviations that the frequency list counts as tokens: not English words
    "AP": "average precision",
    "SR": "success rate",
    "FD": "Frechet distance",
    "FAD": "Frechet Audio Distance",
    "KL": "KL divergence",
    "MAE": "mean absolute error",
    "MOS": "mean opinion score",
    "PPL": "perplexity",
    "FPS": "frames per second",
    "fps": "frames per second",
    "FLOPS": "floating point operations",
    "MAC": "multiply-accumulate operations",
    "SQ": "segmentation quality (panoptic)",
    "OA": "overall accuracy (point clouds)",
    "acc": "accuracy, abbreviated",
    "ADE": "average displacement error (trajectories)",
    "BPD": "bits per dimension",
    "bpd": "bits per dimension",
    "PPV": "positive predictive value",
    "MCC": "Matthews correlation coefficient",
}
DATASET_WORDS_ALLOWED = {
    # benchmark names in capitals that spell a word or a name the frequency list holds
    "COCO": "Microsoft COCO",
    "GLUE": "the GLUE benchmark",
    "SQUAD": "SQuAD in capitals",
    "AVA": "Atomic Visual Actions",
    "CUB": "Caltech-UCSD Birds",
    "DAVIS": "video object segmentation benchmark",
    "CARLA": "driving simulator benchmark",
    "Kodak": "Kodak image set: a brand, not a word of prose",
    "IMDB": "IMDb reviews: a website's name",
    "Cora": "the Cora citation graph: a given name, not a word of prose",
    "Atari": "the Atari 2600 games: a brand",
    "FLoRes": "FLORES translation benchmark: its own mixed case",
}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(wordfreq.top_n_list("en", 30000))


def ordinary_word(written: str, as_written: bool) -> str | None:
    """The frequent English word that `written` is, as prose writes words; None if none.
    `as_written`: whether it matches only as written (acronyms) rather than in any case."""
    word = written.lower()
    if not word.isalpha() or word not in common_words():  # "F1", "R@1": no word has digits or signs
        return None
    if not as_written or written in (word, word.capitalize(), word.upper()):
        return word
    return None


def _dataset_matched_as_written(name: str) -> bool:
    return vocab._only_as_written(name)  # short names and words in capitals match only as written


def dataset_alias_problems(entries: dict[str, vocab.Dataset]) -> list[str]:
    problems = []
    for dataset in entries.values():
        if dataset.plain_word:
            continue
        for alias in dict.fromkeys((dataset.name, *dataset.aliases)):
            as_written = _dataset_matched_as_written(alias)
            word = ordinary_word(alias, as_written)
            # an acronym in capitals is written so in prose only in a title in capitals, which the sample
            # scan checks (test_dataset_scan_finds_no_english_word_in_the_samples)
            if word and as_written and alias.isupper():
                continue
            if word and alias not in DATASET_WORDS_ALLOWED:
                problems.append(f"dataset alias {alias!r} of {dataset.name!r} is the English word {word!r}")
    return problems


def metric_alias_problems(entries: dict[str, vocab.Metric]) -> list[str]:
    problems = []
    for metric in entries.values():
        for alias in dict.fromkeys((metric.name, *metric.aliases)):
            if not vocab._is_case_sensitive(alias):
                continue  # words and phrases ("accuracy", "memory") are named in any case by design
            word = ordinary_word(alias, as_written=True)
            if word and alias not in METRIC_WORDS_ALLOWED:
                problems.append(f"metric acronym {alias!r} of {metric.name!r} is the English word {word!r}")
    return problems


# ---- units and directions


def canonical_units() -> set[str]:
    """The units of the guidelines' "Canonical units" table (first column, in backticks)."""
    text = (GOLD_DIR / "GUIDELINES.md").read_text(encoding="utf-8")
    table = text.split("## Canonical units", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    units = {unit for row in rows for unit in re.findall(r"`([^`]+)`", row)}
    assert {"%", "1", "x", "s", "count"} <= units, units
    return units


def test_every_metric_has_a_direction_and_a_canonical_unit() -> None:
    units = canonical_units()
    bad = [
        f"{m.name!r}: better={m.better!r} unit={m.unit!r}"
        for m in vocab.metrics().values()
        if m.better not in ("higher", "lower") or m.unit not in units
    ]
    assert not bad, bad


def test_the_vocabulary_is_at_the_scale_of_the_field() -> None:
    assert len(vocab.metrics()) >= 300


def _raw_dataset_tables() -> list[tuple[str, dict]]:
    files = [SCHEMAS / "datasets.toml", *sorted((SCHEMAS / "datasets").glob("*.toml"))]
    return [(path.name, tomllib.loads(path.read_text(encoding="utf-8"))) for path in files]


def test_every_benchmark_metric_is_a_metric_of_the_vocabulary() -> None:
    # Read each file itself: merging keeps the first file's `metric` and would hide a later one.
    bad = [
        f"{file}: {name!r} has metric {entry['metric']!r}"
        for file, table in _raw_dataset_tables()
        for name, entry in table.items()
        if "metric" in entry and vocab.metric_info(entry["metric"]) is None
    ]
    assert not bad, bad


def _keys_named_twice(entries: dict) -> list[str]:
    owner: dict[str, str] = {}
    clashes = []
    for entry in entries.values():
        for alias in dict.fromkeys((entry.name, *entry.aliases)):
            key = vocab.name_key(alias)
            if owner.setdefault(key, entry.name) != entry.name:
                clashes.append(f"{alias!r} names both {owner[key]!r} and {entry.name!r}")
    return clashes


def test_no_alias_names_two_metrics() -> None:
    assert not _keys_named_twice(vocab.metrics())


def test_no_alias_names_two_benchmarks() -> None:
    assert not _keys_named_twice(vocab.datasets())


# ---- aliases that fire on ordinary English


def test_no_dataset_alias_is_an_ordinary_english_word() -> None:
    assert not dataset_alias_problems(vocab.datasets())


def test_no_metric_acronym_is_an_ordinary_english_word_in_capitals() -> None:
    assert not metric_alias_problems(vocab.metrics())


def test_the_word_checks_catch_a_planted_alias() -> None:
    planted = {"Places": vocab.Dataset("Places", ("Places",)), "Xq9": vocab.Dataset("Xq9", ("Traffic", "TRAFFIC"))}
    assert dataset_alias_problems(planted) == [
        "dataset alias 'Places' of 'Places' is the English word 'places'",
        "dataset alias 'Traffic' of 'Xq9' is the English word 'traffic'",
    ]  # "TRAFFIC" matches only in capitals: an acronym, checked in the samples
    assert not dataset_alias_problems({"P": vocab.Dataset("P", ("Places",), plain_word=True)})
    metric = {"Qz9": vocab.Metric("Qz9", ("HAS", "mAP", "accuracy"), "higher", "%")}
    assert metric_alias_problems(metric) == ["metric acronym 'HAS' of 'Qz9' is the English word 'has'"]


def test_allow_lists_hold_only_live_aliases() -> None:
    """An allowed word no longer in the vocabulary is dead weight: drop it from the list."""
    metric_aliases = {a for m in vocab.metrics().values() for a in (m.name, *m.aliases)}
    dataset_aliases = {a for d in vocab.datasets().values() for a in (d.name, *d.aliases)}
    assert not set(METRIC_WORDS_ALLOWED) - metric_aliases
    assert not set(DATASET_WORDS_ALLOWED) - dataset_aliases


def sample_texts() -> list[str]:
    papers = claims.load()
    texts = [str(t) for column in ("title", "abstract") for t in papers[column].fillna("")]
    extra = GOLD_DIR / "dev2_abstracts.jsonl"
    if extra.exists():
        for line in extra.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts += [str(record.get("title") or ""), str(record.get("abstract") or "")]
    return texts


_WORD = re.compile(r"[A-Za-z]{2,}")


def in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the words on both sides of text[start:end] are in capitals too (a title in capitals)."""
    before = _WORD.findall(text[max(0, start - 40) : start])[-1:]
    after = _WORD.findall(text[end : end + 40])[:1]
    neighbours = before + after
    return bool(neighbours) and all(word.isupper() for word in neighbours)


def _around(text: str, match: re.Match[str]) -> str:
    return f"...{text[max(0, match.start() - 40) : match.end() + 40]}..."


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = sample_texts()
    assert len(found) > 700
    return found


def test_dataset_scan_finds_no_english_word_in_the_samples(texts: list[str]) -> None:
    # benchmarks named by English words are found only where a sentence names a benchmark, with their
    # capital ("on Traffic"): vocab._named_as_benchmark, tested in tests/test_constructions.py
    plain = {n for d in vocab.datasets().values() if d.plain_word for n in (d.name, *d.aliases)}
    problems = set()
    for text in texts:
        for match in vocab.find_datasets(text):
            written = match.group()
            if written in plain:
                continue
            as_written = _dataset_matched_as_written(written)
            word = ordinary_word(written, as_written)
            acronym = as_written and written.isupper()  # "ARC", "HELM": a benchmark unless a title is in capitals
            allowed = acronym or written in DATASET_WORDS_ALLOWED
            if word and (not allowed or in_capitals(text, *match.span())):
                problems.add(f"dataset match {written!r} is the English word {word!r}: {_around(text, match)}")
    assert not problems, sorted(problems)


def test_metric_scan_finds_no_english_word_in_capitals_in_the_samples(texts: list[str]) -> None:
    problems = set()
    for text in texts:
        for match in vocab.find_metrics(text):
            written = match.group()
            if not vocab._is_case_sensitive(written):
                continue
            word = ordinary_word(written, as_written=True)
            if word and (written not in METRIC_WORDS_ALLOWED or in_capitals(text, *match.span())):
                problems.add(f"metric match {written!r} is the English word {word!r}: {_around(text, match)}")
    assert not problems, sorted(problems)


def test_a_title_in_capitals_is_told_from_an_acronym_in_prose() -> None:
    title = "ATTENTION IS ALL YOU NEED"
    assert in_capitals(title, 10, 12)
    prose = "an FID of 2.1 and IS of 250"
    at = prose.index("IS")
    assert not in_capitals(prose, at, at + 2)


# ---- direction of metrics outside the vocabulary


@pytest.mark.parametrize(
    ("name", "better"),
    [
        ("FID", "lower"),  # known: the vocabulary decides
        ("zero-shot accuracy", "higher"),
        ("frame rate", "higher"),
        ("Zorblax score", "higher"),
        ("frobnication loss", "lower"),
        ("wibble error rate", "lower"),
        ("mean squared quux distance", "lower"),
        ("snark decoding time", "lower"),
        ("grasp-and-twirl success rate", "higher"),
        ("retrieval recall@7", "higher"),
        ("F1 of nested widgets", "higher"),
        ("pFID", "lower"),
        ("CLIP-FOO-FID", "lower"),
        ("gizmo precision", "higher"),
        ("plonk perplexity", "lower"),
        ("widget accuracy drop", "lower"),
        ("foo bar", None),
        ("qux rate", None),
        ("", None),
        (None, None),
    ],
)
def test_better_of_reads_the_direction_from_the_name(name: str | None, better: str | None) -> None:
    assert vocab.better_of(name) == better

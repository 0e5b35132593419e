"""Name scans at today's vocabulary and at ten times its size: the regex trie vocab.py used vs its automaton.

    .venv/bin/python benchmarks/scan_bench.py            # about a minute on two cores

The vocabularies are about to grow tenfold (benchmarks, metrics, aliases). The
10x vocabulary is today's with nine invented variants of every name ("ImageNet"
-> "ImageNet-XL", "OpenImageNet", "ImageNet v3"...), so that the new names share
prefixes with the old ones as real aliases do. Both scans find every dataset
and metric name in whole abstracts (shuffled sentences of the sample pages,
seeded); each figure is CPU time, best of `--repeat`. The old scan is kept here
as it was in claims/extraction/vocab.py (commit 9226b69): a case-sensitive trie regex over
the lower-cased text led by the character before a name, the case-aware trie
regex deciding at each place. The two no longer find quite the same spans: the
automaton takes the longest name found at a place whatever the case of shorter
aliases (the trie regex took the first branch, "Top-5" before "top-5 error"),
and checks the case of acronyms itself; the share of spans they agree on is
printed. tests/test_scans.py checks the automaton against a plain search of
every name.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import time
from collections.abc import Callable, Iterator

import claims
from claims.extraction import vocab
from claims.extraction.scan import separator
from claims.extraction.text import sentence_spans

_AFFIXES = ("{} v3", "{}-XL", "Open{}", "{} Lite", "Multi-{}")


def grown(names: list[str], times: int) -> list[str]:
    """`names` and times-1 invented variants of each: affixed ("ImageNet-XL", "OpenImageNet"), and the
    first half of a name joined to the second half of others ("Imag" + "SQuAD"[2:]), so that most new
    names share a prefix with an old one, as aliases do, and some start where none did, as new benchmarks."""
    variants = list(names)
    for index, name in enumerate(names):
        variants += [affix.format(name) for affix in _AFFIXES[: min(times - 1, len(_AFFIXES))]]
        for step in range(1, times - len(_AFFIXES)):
            other = names[(index * 7 + step * 31) % len(names)]
            variants.append(other[: (len(other) + 1) // 2] + name[len(name) // 2 :])
    return variants


# --------------------------------------------------------------------------- the old scan (vocab.py, 9226b69)
def _alternation(names: list[str]) -> str:
    trie: dict = {}
    for name in set(names):
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_FOLDED_APART = ("\u0131", "\u017f", "\u212a")
_ANY = "\ue000"


def _folded_alternation(names: list[str]) -> str:
    folded = ["".join(char if char.isascii() else _ANY for char in name.lower()) for name in names]
    return _alternation(folded).replace(_ANY, "(?s:.)")


def _lowered(text: str, start: int, end: int) -> tuple[str, int] | None:
    offset = start - 1
    lowered = (text[offset:end] if start else " " + text[:end]).lower()
    if not lowered.isascii() and (len(lowered) != end - offset or any(char in lowered for char in _FOLDED_APART)):
        return None
    return lowered, offset


def _finditer_folded(pattern: re.Pattern, folded: re.Pattern, text: str, start: int, end: int) -> Iterator:
    lowered = _lowered(text, start, end)
    if lowered is None:
        yield from pattern.finditer(text, start, end)
        return
    low, offset = lowered
    position = start
    while hit := folded.search(low, position - 1 - offset, end - offset):
        at = hit.start() + 1 + offset
        match = pattern.match(text, at, end)
        if match is not None:
            yield match
        position = match.end() if match is not None else at + 1


def old_scans(datasets: list[str], metrics: list[str]) -> tuple[Callable, Callable]:
    """find_datasets and find_metrics as they were, for these names (the case filter of short dataset
    names left out of both scans)."""
    dataset = re.compile(rf"(?<![\w-])(?i:{_alternation(datasets)})(?![\w]|-\w)")
    before = separator(r"[\w-]")
    dataset_led = re.compile(rf"{before}{_folded_alternation(datasets)}(?![\w]|-\w)")
    sensitive = [a for a in metrics if vocab._is_case_sensitive(a)]
    insensitive = [a for a in metrics if not vocab._is_case_sensitive(a)]
    parts = f"(?:{_alternation(sensitive)})|(?i:{_alternation(insensitive)})"
    metric = re.compile(rf"(?<![A-Za-z_@-])(?:{parts})(?![\w@])")
    metric_led = re.compile(rf"{separator('[A-Za-z_@-]')}{_folded_alternation(metrics)}(?![\w@])")
    return (
        lambda text: list(_finditer_folded(dataset, dataset_led, text, 0, len(text))),
        lambda text: list(_finditer_folded(metric, metric_led, text, 0, len(text))),
    )


def new_scans(datasets: list[str], metrics: list[str]) -> tuple[Callable, Callable]:
    """The automata of claims/extraction/vocab.py, for these names."""
    dataset, metric = vocab.dataset_scanner(datasets), vocab.metric_scanner(metrics)
    return (
        lambda text: list(dataset.finditer(text, 0, len(text))),
        lambda text: list(metric.finditer(text, 0, len(text))),
    )


# --------------------------------------------------------------------------- timing
def abstracts(count: int, seed: int) -> list[str]:
    """Abstracts of shuffled sample sentences, as many sentences as a sample abstract has (as bench.py)."""
    rng = random.Random(seed)
    samples = claims.load()["abstract"].tolist()
    spans = [sentence_spans(a) for a in samples]
    sentences = [a[s:e] for a, found in zip(samples, spans, strict=True) for s, e in found]
    counts = [len(found) for found in spans]
    return [" ".join(rng.choices(sentences, k=rng.choice(counts))) for _ in range(count)]


def best_cpu_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--abstracts", type=int, default=3_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_before = os.getloadavg()
    texts = abstracts(args.abstracts, seed=5)
    dataset_names = vocab._scanned_dataset_names()
    metric_names = [a for m in vocab.metrics().values() for a in (m.name, *m.aliases)]
    print(f"{len(texts):,} abstracts ({sum(map(len, texts)) / len(texts):,.0f} characters on average)")
    print(f"\n{'vocabulary':<22}{'scan':<16}{'build s':>9}{'scan s':>9}{'abstracts/s':>13}{'matches':>9}")
    for times in (1, 10):
        datasets, metrics = grown(dataset_names, times), grown(metric_names, times)
        label = f"{times}x: {len(set(datasets)):,} + {len(set(metrics)):,}"
        found = {}
        for scan_name, make in (("regex trie", old_scans), ("automaton", new_scans)):
            started = time.process_time()
            find_datasets, find_metrics = make(datasets, metrics)
            find_datasets(texts[0]), find_metrics(texts[0])  # compiled lazily, if at all
            build = time.process_time() - started

            def scan_all(find_datasets=find_datasets, find_metrics=find_metrics) -> list:
                return [(find_datasets(text), find_metrics(text)) for text in texts]

            seconds = best_cpu_seconds(scan_all, args.repeat)
            found[scan_name] = [[[m.span() for m in ms] for ms in pair] for pair in scan_all()]
            matches = sum(len(ms) for pair in found[scan_name] for ms in pair)
            rate = len(texts) / seconds
            print(f"{label:<22}{scan_name:<16}{build:>9.2f}{seconds:>9.3f}{rate:>13,.0f}{matches:>9,}")
        old, new = (
            {(i, kind, span) for i, pair in enumerate(found[scan]) for kind, spans in enumerate(pair) for span in spans}
            for scan in ("regex trie", "automaton")
        )
        print(f"{'':<22}spans found by both: {len(old & new) / max(1, len(old | new)):.1%}")
    print(f"(vocabulary: dataset names + metric aliases; CPU seconds, best of {args.repeat})")
    after = os.getloadavg()
    print(
        f"load average (1/5/15 min): before {'/'.join(f'{v:.2f}' for v in load_before)}, "
        f"after {'/'.join(f'{v:.2f}' for v in after)}; CPUs {os.cpu_count()}"
    )


if __name__ == "__main__":
    main()

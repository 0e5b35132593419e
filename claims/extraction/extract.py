"""Extract step: papers table -> claims table.

For each abstract: sentences (claims/extraction/text.py) -> quantities (grammar) ->
readings (claims/extraction/reading.py) -> one row per claim with its provenance, then
the normalize-units step. The same paper always gives the same rows,
whatever else is in the run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

import pandas as pd

from claims.extraction import cues, names, reading
from claims.extraction.attribution import (
    Sentence,
    alternative_metric,
    attribute,
    baselines,
    compared_in_parentheses,
    efficiency_datasets,
    task_metric,
)
from claims.extraction.grammar import Quantity, quantities, word_quantities, word_triggers
from claims.extraction.normalize import normalize_units
from claims.extraction.setting import add_settings
from claims.extraction.text import sentence_spans
from claims.extraction.vocab import datasets as vocab_datasets
from claims.extraction.vocab import metric_info, name_key, primary_metric
from claims.runtime.guard import DEFAULT_BUDGET, Failure, alarm_handler, checkpoint, guarded, warn_failures

CLAIM_COLUMNS = [
    "paper_id",
    "title",
    "value_text",
    "value",
    "unit",
    "kind",
    "direction",
    "bound",
    "metric",
    "dataset",
    "model",
    "baseline",
    "task",
    "context",
    "sentence",
    "start",
    "end",
    "source",
]
_DIGIT = re.compile(r"\d")  # every quantity holds one
_RAW_COLUMNS = [c for c in CLAIM_COLUMNS if c not in ("value", "unit")] + ["number", "unit_text"]


def read_paper(paper_id: str, title: str, abstract: str, source: str | None) -> Iterator[dict]:
    """Raw claim rows (before unit normalization) of one abstract."""
    provenance = {"paper_id": paper_id, "title": title, "source": source}
    text = _reading_text(abstract)
    spans = sentence_spans(text)  # = sentences_of(abstract)
    worded = word_triggers(text)  # where a number in words may be: one pass over the abstract, most have none
    numbers = [_numbers_in(text, span, bool(worded) and _holds(worded, span)) for span in spans]
    if not any(kept for _, kept in numbers):
        return  # half of all abstracts: no number to read, so no names to look for
    benchmark = names.introduced_benchmark(title, text)
    system = names.system_name(title, text)
    system = None if benchmark and system and name_key(system) == name_key(benchmark) else system
    seen_datasets: set[str] = set()
    last_dataset = None  # carried on by a sentence that names none, when the only one named so far
    every_dataset = names.Spans(names.dataset_mentions(text, 0, len(text)))  # one pass, then split by sentence
    for span, (metrics, kept) in zip(spans, numbers, strict=True):
        checkpoint()
        named = every_dataset.starting(*span)
        # "trained from scratch on X, it reaches N": X is the benchmark unless the sentence names another,
        # or it is data for pre-training only ("pre-trained on X")
        datasets = [m for m in named if not names.is_training_set(text, m)] or [
            m for m in named if not names.is_pretraining_set(text, m)
        ]
        if named:  # "300W", "MOT17": a number inside a dataset's name is none of its results, nor its version
            kept = [q for q in kept if not every_dataset.covering(q.start, since=span[0]) and not _version_of(q, named)]
        if kept:
            carried = None
            if not datasets:
                single = last_dataset if len(seen_datasets) == 1 else None
                carried = single or _split_owner(text, span, seen_datasets) or benchmark
            # a name-shaped word that is part of a dataset's name is no model ("on the Alpha-2 and Beta benchmarks")
            models = names.model_mentions(text, *span)
            if sized := names.sized_system_mentions(text, *span, system):
                models = sorted(models + sized, key=lambda m: m.start)
            models = [m for m in models if not every_dataset.covering(m.start, span[0])] if named else models
            models = [m for m in models if not benchmark or name_key(m.name) != name_key(benchmark)]
            own = [m for m, compared in zip(models, baselines(text, models, span), strict=True) if not compared]
            found = (metrics, names.Spans.of(datasets), names.Spans.of(models), names.Spans.of(own))
            sentence = Sentence(text, span, *found, carried, system, kept)
            verbatim = abstract[span[0] : span[1]]
            for phrase in reading.phrases(text, kept):
                for row in _read_phrase(sentence, phrase):
                    yield {**provenance, **row, "value_text": abstract[row["start"] : row["end"]], "sentence": verbatim}
        for mention in datasets:
            seen_datasets.add(mention.name)
            last_dataset = mention.name


_VERSION_SHAPE = re.compile(r"v?\d\.\d")  # "2.0", "v1.1"; "GLUE 82.2" is a score


def _version_of(quantity: Quantity, datasets: list[names.Mention]) -> bool:
    """ "the Stanford Question Answering Dataset 2.0": a bare version number right after a benchmark's name."""
    return (
        quantity.unit is None
        and bool(_VERSION_SHAPE.fullmatch(quantity.text))
        and any(m.end + 1 == quantity.start for m in datasets)
    )


def _split_owner(text: str, span: tuple[int, int], seen: set[str]) -> str | None:
    """ "... on the dev-other and test-other subsets": of the benchmarks named so far, the only one whose
    splits the sentence names."""
    sentence = text[span[0] : span[1]].lower()
    owners = [name for name in seen if any(split in sentence for split in _splits(name))]
    return owners[0] if len(owners) == 1 else None


def _splits(name: str) -> tuple[str, ...]:
    entry = vocab_datasets().get(name)
    return tuple(board.lower() for board in entry.boards if "-" in board or " " in board) if entry else ()


# A TeX command whose backslash escape a JSON writer read as a control character, which became a space:
# "\times" stored as " imes", "\rightarrow" as " ightarrow".
_BROKEN_TEX = re.compile(r"\s(?=(imes|ightarrow)(?![a-z]))")
_LOST_LETTER = {"imes": "t", "ightarrow": "r"}
_TEX_TIE = re.compile(r"(?<=[A-Za-z])~(?=[A-Za-z\d])")  # TeX's unbreakable space between two words


def sentences_of(abstract: str) -> list[tuple[int, int]]:
    """The sentences extraction reads an abstract in: split on its reading text (TeX "$" read as a space,
    so "0J.$0" is two sentences), as offsets of the abstract. Every claim's `sentence` is one of them."""
    return sentence_spans(_reading_text(abstract))


def _reading_text(abstract: str) -> str:
    """The abstract as read: TeX math delimiters left in page text ("31.0%$ energy") and ties between words
    read as spaces, and a TeX command's first letter restored where a JSON escape ate it ("13$ imes$" reads
    "13 times ").
    Same length, so every offset is the abstract's, and what is written out is taken from the abstract."""
    text = abstract.replace("$", " ")
    if "imes" in text or "ightarrow" in text:
        text = _BROKEN_TEX.sub(lambda match: _LOST_LETTER[match.group(1)], text)
    if "~" in text:
        text = _TEX_TIE.sub(" ", text)  # "Something-Something~v2", "MobileNet~cite{...}": a space
    return text


def _holds(places: list[int], span: tuple[int, int]) -> bool:
    """One of the places (in order) is in the span: found by bisection, not by a scan of all for each span."""
    index = bisect_left(places, span[0])
    return index < len(places) and places[index] < span[1]


def _numbers_in(
    abstract: str, span: tuple[int, int], worded: bool
) -> tuple[names.Spans[names.Mention], list[Quantity]]:
    """The metrics and the result numbers of one sentence (not settings, counts of data, digits of names);
    `worded`: it may hold numbers in words ("four times", "half the parameters", "1/10 of the cost")."""
    if not worded and not _DIGIT.search(abstract, *span):
        return names.NOTHING, []  # most sentences: no number to read (and no time spent to check)
    checkpoint()  # a paper's time budget holds sentence by sentence, whether it gives claims or not
    found = quantities(abstract, *span)
    if not found and not worded:
        return names.NOTHING, []
    found = reading.join_between(abstract, reading.split_changes(abstract, found))
    if worded and (words := word_quantities(abstract, *span)):
        in_words = names.Spans(words)
        kept = [q for q in found if not (in_words.covering(q.start) or in_words.covering(q.end - 1))]  # "~1/6"
        found = sorted(kept + words, key=lambda q: q.start)
    named: list[names.Spans[names.Mention]] = []  # the sentence's metrics, scanned for only when first needed

    def metrics() -> names.Spans[names.Mention]:
        if not named:
            named.append(names.Spans.of(names.metric_mentions(abstract, *span)))
        return named[0]

    kept = [q for q in found if not reading.is_setting_or_name(abstract, q, metrics)]
    return (metrics() if kept else names.NOTHING), kept  # a sentence left with no number: its metrics unread


def _read_phrase(sentence: Sentence, phrase: reading.Phrase) -> Iterator[dict]:
    """Claim rows of one coordinated phrase: shared kind and bound, per-member metric and names."""
    abstract, span = sentence.text, sentence.span
    member_kinds = reading.kinds_of(abstract, phrase, span)
    kind = member_kinds[0]
    member_datasets = attribute(sentence, phrase, "dataset")
    if respective := _respective_scores(sentence, phrase, kind) or _apposed_to_score(sentence, phrase, kind):
        member_metrics, member_datasets = respective
    else:
        metric = _phrase_metric(sentence, phrase, kind, member_datasets[0])
        if metric is None:
            return
        member_metrics = reading.listed_metrics(abstract, phrase, span) or reading.metrics_listed_before(
            abstract, phrase, span
        )
        if not member_metrics:
            own = reading.members_own_metrics(abstract, phrase, sentence.metrics) or _headlines_of_unnamed(
                sentence, phrase, kind, member_datasets
            )
            member_metrics = _mirrored_metrics(sentence, phrase, kind) or [name or metric for name in own]
        member_datasets = _efficiency_aware(sentence, phrase, kind, member_metrics, member_datasets)
    member_metrics = _head_said_once(abstract, phrase, member_metrics)
    if len(set(member_metrics)) == 1:  # not "mAP/AP50 of 41.3/60.2": metrics listed in order are the members'
        member_metrics = [
            alternative_metric(sentence, m, d) for m, d in zip(member_metrics, member_datasets, strict=True)
        ]
    member_models = attribute(sentence, phrase, "model")
    member_baselines = [None] * len(phrase.members) if kind == "score" else attribute(sentence, phrase, "baseline")
    changes = any(k != "score" for k in member_kinds)
    read = dict.fromkeys(member_metrics) if changes else {}  # each metric's direction once
    directions = {m: reading.direction_of(abstract, phrase, span, m) for m in read}
    for quantity, member_kind, metric, dataset, model, baseline in zip(
        phrase.members, member_kinds, member_metrics, member_datasets, member_models, member_baselines, strict=True
    ):
        if member_kind == "score":
            sentence.scores.append((quantity.end, metric, dataset))
            if not _is_cost(metric):
                sentence.quality_scores.append((metric, dataset))
        yield {
            "number": quantity.value,
            "unit_text": quantity.unit,
            "kind": member_kind,
            "direction": None if member_kind == "score" else directions[metric],
            "bound": reading.bound_of(abstract, phrase, quantity),
            "metric": metric,
            "dataset": dataset,
            "model": model,
            "baseline": baseline,
            "task": None,
            "context": None,
            "start": quantity.start,
            "end": quantity.end,
        }


# "against 0.58 and 3.5%", "compared to the previous state of the art of 15.8 and 63.2%"
_COMPARED_LIST_BEFORE = re.compile(
    r"\b(?:against|versus|vs\.?|compared\s+(?:to|with))\s+(?:(?:[\w-]+\s+){1,6}?of\s+)?$", re.IGNORECASE
)


def _mirrored_metrics(sentence: Sentence, phrase: reading.Phrase, kind: str) -> list[str | None] | None:
    """ "a similarity of 0.64 and a WER of 2.1%, against 0.58 and 3.5% for X": a compared list, as long as the
    sentence's scores before it in as many metrics, each written as its counterpart, takes their metrics in
    order."""
    count = len(phrase.members)
    if count < 2 or kind != "score" or not _COMPARED_LIST_BEFORE.search(sentence.text, sentence.span[0], phrase.start):
        return None
    earlier = sentence.scores_before(phrase.start, count)
    metrics = [metric for _, metric, _ in earlier]
    if len(earlier) != count or None in metrics or len(set(metrics)) != count:
        return None
    written = {q.end: q for q in sentence.numbers}
    counterparts = [written.get(end) for end, _, _ in earlier]
    alike = all(c is not None and c.family == q.family for c, q in zip(counterparts, phrase.members, strict=True))
    return metrics if alike else None


_WORD = r"[A-Za-z][\w-]*"
# "21.2% top-1 and 5.6% top-5 error", "94.3% unlabeled and 92.4% labeled attachment accuracy": the head of the
# last number's metric, said once, also follows the word of each number before
_HEAD_SAID_ONCE = re.compile(
    rf"\s*(?P<word>{_WORD})\s*(?:,\s*|and\s+)(?:[\d.]+\s*%?\s+{_WORD}\s*(?:,\s*|and\s+))*[\d.]+\s*%?\s+{_WORD}\s+"
    rf"(?P<head>{_WORD})(?P<second>\s+{_WORD})?"
)


def _head_said_once(text: str, phrase: reading.Phrase, metrics: list[str | None]) -> list[str | None]:
    """A member's word and the head said once after the last member, where they name a metric together."""
    return [_joined_head(text, q) or metric for q, metric in zip(phrase.members, metrics, strict=True)]


def _joined_head(text: str, quantity: Quantity) -> str | None:
    """The metric a number's own word and the head said once later name together ("93.1% unlabeled and ...")."""
    shared = _HEAD_SAID_ONCE.match(text, quantity.end)
    if not shared:
        return None
    word, head = shared.group("word"), shared.group("head")
    joined = metric_info(f"{word} {head}{shared.group('second') or ''}") or metric_info(f"{word} {head}")
    return joined.name if joined else None


_PLAIN_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|/)\s*")  # "3.92% and 1.05% DERs": one metric, said once


def _headlines_of_unnamed(
    sentence: Sentence, phrase: reading.Phrase, kind: str, datasets: list[str | None]
) -> list[str | None]:
    """ "89.4 on GLUE and 91.2 F1 on SQuAD": a member before the first that names a metric, on a benchmark of
    its own, is in that benchmark's headline metric, not in the metric named after a later number."""
    count = len(phrase.members)
    own = reading.tight_metrics(sentence.text, phrase, sentence.metrics) if count > 1 else [None]
    if not any(own) or all(own):
        return [None] * count
    # a metric named once goes on to the numbers after it written alike ("58.7 AP on A and 86.1% on B" does not)
    first_named = next(index for index, name in enumerate(own) if name)
    percent = phrase.members[first_named].family == "percent"
    named_on = {dataset for name, dataset in zip(own, datasets, strict=True) if name}
    members, text = phrase.members, sentence.text
    return [
        name
        or (
            _headline_apart(dataset, named_on, phrase, kind)
            if (index < first_named and not _PLAIN_JOIN.fullmatch(text, quantity.end, members[index + 1].start))
            or (quantity.family == "percent") != percent
            else None
        )
        for index, (quantity, name, dataset) in enumerate(zip(phrase.members, own, datasets, strict=True))
    ]


def _headline_apart(dataset: str | None, named_on: set[str | None], phrase: reading.Phrase, kind: str) -> str | None:
    headline = primary_metric(dataset) if dataset not in named_on else None
    return headline if headline and reading.compatible(headline, phrase.family, kind) else None


def _phrase_metric(sentence: Sentence, phrase: reading.Phrase, kind: str, dataset: str | None) -> str | None:
    """The one metric of a phrase; None when it measures nothing a claim reports (or a model's size)."""
    metric = reading.metric_for(sentence.text, phrase, sentence.span, sentence.metrics, kind)
    if (
        metric == "performance"
        and kind == "score"
        and cues.RETAINED_BEFORE.search(sentence.text, max(sentence.span[0], phrase.start - 40), phrase.start)
    ):
        return "performance retained"  # "while maintaining 99% performance"
    if metric is None and kind == "score":
        metric = _joined_head(sentence.text, phrase.members[-1])  # "93.1% unlabeled and 91.0% labeled ..."
    if metric is None and reading.named_in_other_unit(sentence.text, phrase, sentence.metrics, kind):
        return None  # "reaches 1.5% RMSE on GSM8K" is no GSM8K accuracy
    if metric in (None, "performance") and phrase.family in ("percent", "points") and kind != "ratio":
        metric = primary_metric(dataset) or metric
    if metric is None and kind == "score" and (parallel := _coordinated_bare_score(sentence, phrase)):
        metric = parallel  # "an FID of 2.10 on ImageNet ..., and 3.47 on CIFAR-10": the metric goes on
    if metric is None and kind == "score" and (compared := _compared_bare_score(sentence, phrase)):
        metric = compared  # "an FVD of 210 on UCF-101, compared to 242 for the previous best"
    if metric is None and kind != "ratio" and _bare_decimals_on_named_benchmark(sentence, phrase, dataset):
        metric = primary_metric(dataset)  # "78.6 on COCO test-dev", "On GLUE, X scores 89.4": its headline metric
    if metric is None and kind == "score" and reading.is_arrow_pair(sentence.text, phrase):
        metric = task_metric(sentence, phrase)  # "object detection (40.1 → 43.5)": the task's headline metric
    if metric is None and kind == "delta" and phrase.family == "percent":
        metric = "performance"  # "outperforms X by 2%": a gain, on no metric the sentence names
    if _is_cost(metric) and kind == "delta" and _BETTER.match(sentence.text, phrase.end) and sentence.quality_scores:
        metric = sentence.quality_scores[-1][0]  # "5x smaller and 2.2% better than X": better in the quality
    headline = primary_metric(dataset) if metric == "score" else None
    if headline and reading.compatible(headline, phrase.family, kind):
        metric = headline  # "a score of 8.3 on MT-Bench": the benchmark's own score
    if metric is None or reading.describes_model_size(phrase, metric, kind):
        return None
    return metric


_BETTER = re.compile(r"\s*(?:better|more\s+accurate)\b")


_COORDINATED = re.compile(r"[^;]*?(?:,\s*and|\band)\s+(?:an?\s+)?(?:of\s+)?$")


def _coordinated_bare_score(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """The metric of the sentence's last score when both are bare decimals coordinated by "and"."""
    if phrase.family is not None or not all("." in q.text for q in phrase.members):
        return None
    last = _last_score_alike(sentence, phrase)
    return last[1] if last and _COORDINATED.fullmatch(sentence.text, last[0], phrase.start) else None


_COMPARED_RIGHT_BEFORE = re.compile(r"\b(?:compared\s+(?:to|with)|versus|vs\.?|against)\s+$")


def _compared_bare_score(sentence: Sentence, phrase: reading.Phrase) -> str | None:
    """The metric of the sentence's last score, for a number written alike that it is compared with."""
    if len(phrase.members) != 1:
        return None
    compared = _COMPARED_RIGHT_BEFORE.search(sentence.text, max(sentence.span[0], phrase.start - 20), phrase.start)
    if not compared and not compared_in_parentheses(sentence, phrase):
        return None
    last = _last_score_alike(sentence, phrase)
    return last[1] if last else None


def _last_score_alike(sentence: Sentence, phrase: reading.Phrase) -> tuple[int, str] | None:
    """(end, metric) of the sentence's last score when its number is written as the phrase's first (same unit
    family, a decimal point or none) and its metric can measure the phrase."""
    if not sentence.scores:
        return None
    end, metric, _ = sentence.scores[-1]
    previous = next((q for q in reversed(sentence.numbers) if q.end == end), None)
    alike = (
        previous is not None
        and previous.family == phrase.family
        and ("." in previous.text) == ("." in phrase.members[0].text)
    )
    return (end, metric) if alike and metric and reading.compatible(metric, phrase.family, "score") else None


def _bare_decimals_on_named_benchmark(sentence: Sentence, phrase: reading.Phrase, dataset: str | None) -> bool:
    """Decimals with no unit and no metric named, stated as results (a verb of results in their clause, "on"
    the benchmark after them, or in parentheses after it) in a sentence that names the benchmark they are
    attributed to: scores in its headline metric ("78.6 on COCO test-dev", "On the GLUE benchmark, X scores
    89.4", "on SuperGLUE (89.9 versus 89.8)")."""
    if dataset is None or phrase.family is not None or not all("." in q.text for q in phrase.members):
        return False
    text, start = sentence.text, phrase.start
    stated = _ON_BENCHMARK.match(text, phrase.end) or _RESULT_VERB.search(
        text, max(sentence.span[0], start - 120), start
    )
    owner = sentence.datasets.last_ending(sentence.span[0], start)
    parenthesized = owner is not None and owner.name == dataset and _OPEN_PARENTHESIS.fullmatch(text, owner.end, start)
    return bool(stated or parenthesized) and any(mention.name == dataset for mention in sentence.datasets)


_ON_BENCHMARK = re.compile(r"\s+(?:on|in)\s+(?:the\s+)?")
_OPEN_PARENTHESIS = re.compile(r"\s*(?:[\w-]+\s+){0,3}?\(\s*")  # "GLUE (80.5)", "SuperGLUE macro-average ("
# a verb of results before the number, in its clause ("X scores 89.4", "achieving 80.5 and 93.2"), or a link
# right before it ("pushing the GLUE score to 80.5", "GLUE: 80.5")
_RESULT_VERB = re.compile(
    r"\b(?:scor|achiev|reach|obtain|attain|yield|push|improv|get|gett|set|result|perform|outperform|surpass)\w*\b"
    r"[^;]*$|(?:\bto|\bof|[:=])\s*$"
)


def _efficiency_aware(
    sentence: Sentence, phrase: reading.Phrase, kind: str, metrics: list[str], datasets: list[str | None]
) -> list[str | None]:
    """Members measuring the model's own cost take a benchmark only as `_efficiency_datasets` allows."""
    costs = [(info := metric_info(metric)) is not None and info.is_efficiency for metric in metrics]
    if not any(costs):
        return datasets
    efficient = efficiency_datasets(sentence.text, phrase, sentence.datasets, kind)
    return [own if cost else dataset for cost, dataset, own in zip(costs, datasets, efficient, strict=True)]


# after a score and the words naming it ("92.4% accuracy, ..."): a comma, maybe "which is", "i.e."
_APPOSITION = re.compile(r"(?:\s+[A-Za-z][\w@-]*){0,3},\s*(?:which\s+is\s+|i\.e\.,?\s*|or\s+)?")
_CHANGE_NOUN_APPOSITION = re.compile(
    r"(?:\s+[A-Za-z][\w@-]*){0,6},\s*an?\s+(?:absolute\s+|relative\s+)?"
    r"(?P<change>improvement|gain|increase|reduction|boost)\s+of\s+(?:about\s+|nearly\s+|around\s+|over\s+)?"
)
# "83.1% top-1 with 4.2G FLOPs, outperforming X by 1.2%": the margin of the participle is of the quality
_OUTPERFORMING_APPOSITION = re.compile(
    rf"(?:\s+[A-Za-z][\w@-]*){{0,3}},\s*(?:thus\s+|and\s+)?(?P<change>{cues.OUTDOING})\w*\s+"
    r"(?:[\w.+-]+\s+){1,6}?by\s+(?:about\s+|nearly\s+|around\s+|over\s+|up\s+to\s+)?"
)
_COMPARED = re.compile(r"\s*(?:over|than|compared|relative\s+to|against)\b")
# "40% lower than X", "a 12% improvement": a comparison that names no quantity of its own ("20% faster" does)
_BARE_COMPARISON = re.compile(
    r"\s*(?:absolute\s+|relative\s+)?(?:(?:lower|higher|better|worse)\s+(?:than|compared|over)\b|"
    r"(?:improvements?|reductions?|gains?|drops?)\b(?!\s+(?:in|of)\b))"
)


def _apposed_to_score(
    sentence: Sentence, phrase: reading.Phrase, kind: str
) -> tuple[list[str], list[str | None]] | None:
    """ "an error of 0.5 mm, 40% lower than X": a change set right after a score is a change of that score."""
    if kind == "score" or not sentence.scores:
        return None
    end, metric, dataset = sentence.scores[-1]
    comparison = _BARE_COMPARISON.match(sentence.text, phrase.end)
    if comparison and _APPOSITION.fullmatch(sentence.text, end, phrase.start):
        said = comparison.group()
    elif (named := _CHANGE_NOUN_APPOSITION.fullmatch(sentence.text, end, phrase.start)) and _COMPARED.match(
        sentence.text, phrase.end
    ):
        said = named.group("change")  # "61.3% on A, an improvement of 4.7% over the previous best"
    elif _is_cost(metric) and _OUTPERFORMING_APPOSITION.fullmatch(sentence.text, end, phrase.start):
        said = "better"  # after a quality score the margin is read as any other
    else:
        return None
    if _is_cost(metric) and _QUALITY_COMPARISON.match(said):
        # "83.2% top-1 with 4.1 GFLOPs, 1.5% higher than X": higher is said of the quality, not of the cost
        if not sentence.quality_scores:
            return None
        metric, dataset = sentence.quality_scores[-1]
    if not reading.compatible(metric, phrase.family, kind):
        # "32.6 dB PSNR and 0.899 SSIM, 0.15 dB higher than X": the change is of the score its unit can measure
        fitting = [(m, d) for _, m, d in sentence.scores if m and reading.compatible(m, phrase.family, kind)]
        if not fitting:
            return None
        metric, dataset = fitting[-1]
    count = len(phrase.members)
    return [metric] * count, [dataset] * count


_QUALITY_COMPARISON = re.compile(r"\s*(?:absolute\s+|relative\s+)?(?:higher|better|improvements?|gains?)\b")


def _is_cost(metric: str | None) -> bool:
    return (info := metric_info(metric)) is not None and info.is_efficiency


def _respective_scores(
    sentence: Sentence, phrase: reading.Phrase, kind: str
) -> tuple[list[str], list[str | None]] | None:
    """ "reaches 81.0% top-1 on A and 45.0 AP on B, surpassing X by +1.5 and +2.5 respectively": changes
    listed respectively after as many scores, naming no metric or dataset of their own, take those scores'
    metrics and datasets in order."""
    count = len(phrase.members)
    if kind == "score" or count < 2 or len(sentence.scores) != count:
        return None
    closing = sentence.respectively_from(phrase.end)
    if closing is None:
        return None
    last_end, last_metric, _ = sentence.scores[-1]
    metrics = sentence.metrics
    if metrics.starting(phrase.end, closing) or sentence.datasets.starting(phrase.end, closing):
        return None
    if any(m.name != last_metric for m in metrics.starting(last_end, phrase.start)):
        return None
    _, metrics, datasets = zip(*sentence.scores, strict=True)
    return list(metrics), list(datasets)


def extract(
    papers: pd.DataFrame, failures: list[Failure] | None = None, budget: float = DEFAULT_BUDGET
) -> pd.DataFrame:
    """Claims of every paper in a papers DataFrame (see `claims.load`), units normalized.

    One row per claimed number with the columns of GUIDELINES.md plus
    provenance (`paper_id`, `sentence`, `start`, `end`, `source`), where
    `abstract[start:end] == value_text`. A paper whose extraction fails or
    takes over `budget` seconds gives no rows and a `claims.runtime.guard.Failure`,
    appended to `failures` when given, else reported as a warning.
    """
    rows: list[dict] = []
    failed: list[Failure] = [] if failures is None else failures
    with alarm_handler():  # once for all papers, each then only arms its timer
        # the columns as Python lists: iterating Arrow-backed rows one by one costs more than the conversion
        listed = {column: papers[column].tolist() for column in ("paper_id", "title", "abstract")}
        all_sources = papers["sources"].tolist() if "sources" in papers else [None] * len(papers)
        for paper_id, title, abstract, sources in zip(*listed.values(), all_sources, strict=True):
            source = sources[0] if isinstance(sources, list) and sources else None
            text = abstract if isinstance(abstract, str) else ""  # a missing abstract (None, NaN, pd.NA) has none
            rows.extend(guarded(read_paper, paper_id, title, text, source, budget, failed))
    if failures is None:
        warn_failures(failed)
    raw = pd.DataFrame(rows, columns=_RAW_COLUMNS)
    claims = add_settings(normalize_units(raw), dict(zip(listed["paper_id"], listed["abstract"], strict=True)))
    return claims[CLAIM_COLUMNS].astype({"start": "int64", "end": "int64", "value": "float64"})

"""Table understanding by rules: which tables hold results, and what each of their cells measures.

From the vocabularies (metrics and datasets, `claims.extraction.vocab`; the words of `schemas/tables.toml`) and the
paper's cast (its system, from the title and abstract as `claims.extraction.names` finds it, and the benchmarks it
names), each body cell of a results table becomes one score claim:

- a results table: its caption does not call it statistics, hyper-parameters, an ablation or examples;
  most of its numbers are scores (decimals or percentages, not counts); its caption says results, or a
  metric is named in its headers or caption;
- the metric is the innermost metric name of the column header, else of the row header, else the only
  one the caption names; the dataset the same way, else the paper's benchmark of the task a header
  names ("NER"), else the benchmark the paper names most;
- a row is the paper's own ("Ours", "our model", the system's name or a variant of it), a baseline
  (a citation: "Lample et al. (2016)", "[12]", a year; or the mark a caption gives cited results: "†")
  or another model; human, oracle and random rows
  are no model's result;
- a column or row header, else the caption, naming only a development or training split puts the cell
  off the test set: it is kept, with its split, but is never a leaderboard's own result.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from claims.extraction import names
from claims.extraction.setting import tasks
from claims.extraction.vocab import (
    Scanner,
    canonical_dataset,
    canonical_metric,
    datasets,
    find_datasets,
    find_metrics,
    fold,
)
from claims.tables.frame import FullPaper

_NUMBER = re.compile(r"^\s*(?P<sign>[+\-\u2212])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)\s*(?P<unit>%)?")
_CITATION = re.compile(
    r"\bet\s*al\b|\(\s*(?:19|20)\d\d[a-z]?\s*\)|\[\s*\d+(?:\s*[,\u2013-]\s*\d+)*\s*\]|\b(?:19|20)\d\d[a-z]?\s*\)"
    r"|,\s*(?:19|20)\d\d\b"
)
_RELATED = re.compile(r"related\s+work|background|previous\s+work|prior\s+work|literature", re.I)


@lru_cache(maxsize=1)
def _words() -> dict:
    with resources.files("claims.schemas").joinpath("tables.toml").open("rb") as handle:
        return tomllib.load(handle)


def board_words() -> dict:
    """schemas/tables.toml [boards]: what of a results table no leaderboard takes."""
    return _words()["boards"]


@cache
def _phrases(section: str, key: str) -> re.Pattern[str]:
    """The words of one list of schemas/tables.toml as one whole-word, case-folded pattern."""
    words = sorted(_words()[section][key], key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


def says(text: str, section: str, key: str) -> bool:
    """Whether `text` holds one of the words listed under [section] key in schemas/tables.toml."""
    return bool(_phrases(section, key).search(fold(" ".join(str(text or "").split()))))


@dataclass(frozen=True)
class Cast:
    """Who and what a paper's tables are about: its system's names and the benchmarks it names."""

    system: str | None
    own_keys: tuple[str, ...]  # name keys (letters and digits, case-folded) of the system and its acronym
    benchmarks: tuple[str, ...]  # canonical datasets the paper names, most named first
    named: str = ""  # the title: a row whose model it names is the paper's own
    cited_marks: frozenset[str] = frozenset()  # marks a caption of the paper gives cited results ("†")


_PDF_SPACES = re.compile(r"\s+(?=[-.,)\]:%@])|(?<=[-(\[@])\s+|(?<=\b[A-Z])\s+(?=\d\b)|\s+/\s+(?=@)")


_SUB_LEVEL = re.compile(r"\b(ROUGE|Rouge|rouge|R|RG)\s*/\s*(1|2|L|SU4)\b")
_F_LEVEL = re.compile(r"(?<![\w-])F\s*/\s*(1|0\.5)(?![\w.])")  # an F whose subscript PDF extraction set apart


@lru_cache(maxsize=16384)
def tidy(label: str) -> str:
    """A header as written before PDF extraction spaced it: "Rouge - 1" -> "Rouge-1", "Acc ." -> "Acc.",
    "F 1" or "F / 1" (a subscript) -> "F1"; a metric over its variants' columns, "ROUGE / 1", -> "ROUGE-1"."""
    return _F_LEVEL.sub(r"F\1", _SUB_LEVEL.sub(r"\1-\2", _PDF_SPACES.sub("", " ".join(str(label or "").split()))))


def key(text: str) -> str:
    """Letters and digits only, case-folded: "BLSTM-CNNs-CRF" and "BLSTM - CNNs - CRF" are one name."""
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def _paper_text(paper: FullPaper) -> str:
    parts = [paper.title or "", paper.abstract or ""]
    if len(paper.sections):
        own = paper.sections[~paper.sections["section"].astype(str).str.contains(_RELATED)]
        parts.extend(own["text"].astype(str))
    if len(paper.tables):
        parts.extend(paper.tables["caption"].astype(str).unique())
    return "\n".join(parts)


def cast_of(paper: FullPaper) -> Cast:
    """The paper's system (claims.extraction.names.system_name) and the benchmarks its text and captions name."""
    system = names.system_name(paper.title or "", paper.abstract or "")
    own = [system] if system else []
    text = _paper_text(paper)
    counts = Counter(canonical_dataset(m.group()) for m in find_datasets(text))
    counts.pop(None, None)
    keys = tuple(k for k in map(key, own) if len(k) >= 2)
    named = paper.title or ""
    captions = paper.tables["caption"].astype(str).unique() if len(paper.tables) else ()
    marks = frozenset().union(*(_cited_marks(tidy(c)) for c in captions))
    return Cast(system, keys, tuple(n for n, _ in counts.most_common()), named, marks)


def parse_cell(text: str) -> tuple[str, float, str | None] | None:
    """(number as written, value, "%" or None) of a cell that states a score; None for other cells.

    A signed number is a difference to another row, not a score; "97.55 ± 0.1", "91.2*", "85.6 (1.2)" are
    their first number."""
    match = _NUMBER.match(str(text or ""))
    if not match or match.group("sign"):
        return None
    number = match.group("number")
    return number, float(number.replace(",", "")), match.group("unit")


def _is_score(text: str) -> bool:
    parsed = parse_cell(text)
    return parsed is not None and ("." in parsed[0] or parsed[2] is not None)


def is_results_table(caption: str, cells: list[dict]) -> bool:
    """A table of results: not captioned as statistics, settings or ablations (nor as the datasets used,
    unless the caption names a measure: "Test error rates on the datasets used by X"); mostly scores, not
    counts; its caption says results, or metrics are named in its headers or caption."""
    if says(caption, "caption", "not_results"):
        return False
    if says(caption, "caption", "not_results_unless_scored") and not _scored(caption):
        return False
    body = [cell for cell in cells if not cell["header"]]
    if not body or sum(_is_score(cell["text"]) for cell in body) < 0.5 * len(body):
        return False
    labels = dict.fromkeys(str(cell["col_label"] or "") for cell in body)
    named = any(_last_metric(tidy(label)) for label in labels)
    return says(caption, "caption", "results") or named or bool(find_metrics(caption))


def _scored(caption: str) -> bool:
    """A caption naming a measure of quality: it presents scores, whatever else it says."""
    return any(canonical_metric(m.group()) not in GENERIC_METRICS for m in find_metrics(caption))


@lru_cache(maxsize=1)
def _header_metrics() -> dict[str, str]:
    return {fold(alias): metric for metric, aliases in _words()["header_metrics"].items() for alias in aliases}


@lru_cache(maxsize=1)
def _header_letters() -> dict[str, str]:
    return {letter: metric for metric, letters in _words()["header_letters"].items() for letter in letters}


@lru_cache(maxsize=8192)
def _last_metric(text: str) -> str | None:
    """The innermost metric a header names: a metric's name as written, else in any case, else a short
    name of schemas/tables.toml [header_metrics] as a whole part of the header, else a letter of
    [header_letters] as a whole level of it."""
    for variant in (text, text.lower(), text.upper()):
        if found := find_metrics(variant):
            return canonical_metric(found[-1].group())
    shorts = _header_metrics()
    parts = [fold(p.strip(" .:()")) for p in re.split(r"\s*/\s*|\s+", text)]
    if found := next((shorts[p] for p in reversed(parts) if p in shorts), None):
        return found
    letters = _header_letters()
    return next((letters[level] for level in reversed(re.split(r"\s*/\s*", text)) if level in letters), None)


@lru_cache(maxsize=4096)
def merged_order(col_label: str, count: int) -> tuple[str, ...] | None:
    """The metrics of `count` numbers under one header naming that many metrics of a family whose values keep
    one order (schemas/tables.toml [merged_order]: ROUGE-1 >= ROUGE-L >= ROUGE-2 of one summary), largest
    value first; None for any other header."""
    label = tidy(col_label)
    named = [canonical_metric(m.group()) for m in find_metrics(label)]
    if len(named) < count:  # short names of headers: "R-1 R-2 R-L"
        shorts = _header_metrics()
        named = [shorts[p] for p in (fold(w.strip(" .:()")) for w in label.split()) if p in shorts]
    if count < 2 or len(named) != count or len(set(named)) != count:
        return None
    for family in _words()["merged_order"].values():
        if set(named) <= set(family):
            return tuple(m for m in family if m in named)
    return None


GENERIC_METRICS = frozenset({"performance", "score", "ROUGE"})  # no one measure: "best performances"


@lru_cache(maxsize=1024)
def _caption_metric(caption: str) -> str | None:
    """The one measure a caption names ("Accuracy on ... Best performances in bold": accuracy)."""
    return _only_one(
        [m for m in (canonical_metric(f.group()) for f in find_metrics(caption)) if m not in GENERIC_METRICS]
    )


def _only_one(found: list[str | None] | tuple[str | None, ...]) -> str | None:
    distinct = {f for f in found if f}
    return distinct.pop() if len(distinct) == 1 else None


@lru_cache(maxsize=8192)
def _datasets(text: str) -> tuple[str | None, ...]:
    """Benchmarks a header or caption names: the vocabulary's (canonical), and "on the X dataset" phrases."""
    return tuple(m.name for m in names.dataset_mentions(text, 0, len(text)))


@lru_cache(maxsize=1)
def _task_cues() -> tuple[Scanner, dict[str, set[str]]]:
    """Every task's cue words (schemas/tasks.toml, the benchmarks' tasks, the short names of
    schemas/tables.toml) in one automaton (acronyms only as written), and the
    tasks each cue, case-folded, names."""
    pairs = [(cue, task.name) for task in tasks().values() for cue in (task.name, *task.cues)]
    pairs += [(name, name) for benchmark in datasets().values() for name in benchmark.tasks]
    pairs += [(word, task) for task, words in _words()["task_words"].items() for word in words]
    named: dict[str, set[str]] = {}
    for cue, task in pairs:
        named.setdefault(fold(cue), set()).add(task)
    cues = {cue for cue, _ in pairs}
    return Scanner.build({c: ((-len(c), c), c.isupper()) for c in cues}, r"[\w-]", r"[\w-]"), named


@lru_cache(maxsize=4096)
def tasks_named(label: str) -> frozenset[str]:
    """The tasks a header or caption names by their cue words ("NER", "POS tagging")."""
    scanner, named = _task_cues()
    return frozenset(t for m in scanner.finditer(label, 0, len(label)) for t in named.get(fold(m.group()), ()))


def _task_benchmark(label: str, cast: Cast) -> str | None:
    """The paper's benchmark of the task a header names ("NER" over CoNLL 2003 and WSJ: CoNLL 2003)."""
    named = tasks_named(label)
    if not named:
        return None
    vocab = datasets()
    if found := next((b for b in cast.benchmarks if b in vocab and named & set(vocab[b].tasks)), None):
        return found
    # the paper's benchmark in its variant for the task: "Penn Treebank" read for POS tags is "Penn Treebank POS"
    variants = [v for task in sorted(named) for v in _benchmarks_of_task().get(task, ())]
    return next((v for b in cast.benchmarks for v in variants if v.startswith(b + " ")), None)


@lru_cache(maxsize=1)
def _benchmarks_of_task() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name, entry in datasets().items():
        for task in entry.tasks:
            found.setdefault(task, []).append(name)
    return {task: tuple(names_) for task, names_ in found.items()}


@dataclass(frozen=True)
class CellMeaning:
    """What one cell measures and whose result it is."""

    metric: str | None
    dataset: str | None
    split: str | None  # "dev" for a development/training split, else None (the test set)
    model: str
    role: str  # "own", "baseline", "other" or "none" (human, oracle, random: no model's result)
    dataset_from: str | None = None  # where the dataset was read: header, caption, task or paper


_NUMBERED_SPLIT = re.compile(r"(?<=[A-Za-z])-(?=\d)")


@lru_cache(maxsize=16384)
def _split(col_label: str, row_label: str, caption: str) -> str | None:
    """ "dev" where a header (else the caption) names only a split other than the test set; a split numbered by
    its size or year ("valid-2000", "test-1951") is named as the split."""
    col_label, row_label, caption = (_NUMBERED_SPLIT.sub(" ", t) for t in (col_label, row_label, caption))
    for text in (col_label, row_label):
        if says(text, "splits", "dev") and not says(text, "splits", "test"):
            return "dev"
        if says(text, "splits", "test"):
            return None
    return "dev" if says(caption, "splits", "dev_caption") and not says(caption, "splits", "test") else None


def _model(row_label: str) -> str:
    """The row's model: its first header part, markers removed ("Lample et al. (2016) ‡")."""
    first = row_label.split(" / ")[0] if row_label else ""
    return " ".join(re.sub(r"[\u2020\u2021*\u00a7\u00b6#]+", " ", first).split()).strip(" -") or first


@lru_cache(maxsize=16384)
def role_of(row_label: str, cast: Cast) -> str:
    """own, baseline, other or none, from the row label's words, citation and the system's name."""
    if says(row_label, "rows", "not_models"):
        return "none"
    if _CITATION.search(row_label) or says(row_label, "rows", "baselines"):
        return "baseline"
    if says(row_label, "rows", "own"):
        return "own"
    return "own" if names_system(row_label, cast) or named_in_title(row_label, cast) else "other"


_HEAD_NAME = re.compile(r"^\s*([A-Za-z][\w.+-]*[A-Z0-9][\w.+-]*|[A-Z][a-z]{3,}[\w+-]*)")


def named_in_title(row_label: str, cast: Cast) -> bool:
    """The row's model, a name-shaped first word ("SummaRuNNer", "NEUSUM"), is named in the paper's title:
    the model the paper is about (an abstract also names the baselines it beats)."""
    match = _HEAD_NAME.match(_model(row_label))
    if not match or len(match.group(1)) < 3 or says(match.group(1), "rows", "own"):
        return False
    return re.search(rf"(?<![\w-]){re.escape(match.group(1))}(?![\w-])", cast.named) is not None


def names_system(label: str, cast: Cast) -> bool:
    """The label names the paper's system as a word of its own, however PDF extraction spaced it."""
    folded = fold(label)
    return any(re.search(rf"(?<![a-z0-9])[\s-]*{_spaced(k)}(?![a-z])", folded) for k in cast.own_keys)


def _spaced(name_key: str) -> str:
    return r"[\s-]*".join(map(re.escape, name_key))


def meaning(row_label: str, col_label: str, caption: str, cast: Cast) -> CellMeaning:
    """The metric, dataset, split, model and role of one body cell."""
    row_label, col_label, caption = tidy(row_label), tidy(col_label), tidy(caption)
    metric = _last_metric(col_label) or _last_metric(row_label)
    if metric is None or metric in GENERIC_METRICS:  # "performance" over a column the caption says is in BPC
        metric = _caption_metric(caption) or metric
    dataset, where = _dataset(row_label, col_label, caption, cast, metric)
    split = _split(col_label, row_label, caption)
    role = role_of(row_label, cast)
    if role == "other" and marked_cited(row_label, caption, cast):
        role = "baseline"
    return CellMeaning(metric, dataset, split, _model(row_label), role, where)


_MARKS = "\u2020\u2021*\u00a7\u00b6#\u22c6\u2217\u2660\u2663\u2666\u2665"  # dagger, double dagger, star, ...


@lru_cache(maxsize=1024)
def _cited_marks(caption: str) -> frozenset[str]:
    """The marks a caption says flag cited or re-run results ("† indicates the value is cited from the
    corresponding paper", "Results with * are from our runs on their released implementations")."""
    words = "|".join(re.escape(w) for w in sorted(_words()["caption"]["cited_marks"], key=len, reverse=True))
    pattern = rf"([{_MARKS}])\s*(?:[\w,()-]+\s+){{0,6}}?(?:{words})(?![\w-])"
    return frozenset(m.group(1) for m in re.finditer(pattern, fold(caption)))


def marked_cited(row_label: str, caption: str, cast: Cast | None = None) -> bool:
    """The row's model (its first header part) bears a mark its caption, or another caption of the paper ("Notation
    follows that of Table 2"), gives cited results: a baseline."""
    first = row_label.split(" / ")[0]
    marks = _cited_marks(caption) | (cast.cited_marks if cast else frozenset())
    return any(mark in first for mark in marks)


@lru_cache(maxsize=16384)
def _dataset(
    row_label: str, col_label: str, caption: str, cast: Cast, metric: str | None = None
) -> tuple[str | None, str | None]:
    """The cell's benchmark and where it was read: "header", "caption", "task" (the paper's benchmark of the
    task a header or the caption names) or "paper" (the benchmark the paper names most of those measured in
    the cell's metric)."""
    found = next((d for d in reversed(_datasets(col_label) or _datasets(row_label)) if d), None)
    if found := found or _short_dataset(col_label) or _short_dataset(row_label):
        return found, "header"
    if found := _pair_benchmark(col_label, caption, cast) or _pair_benchmark(row_label, caption, cast):
        return found, "header"
    if found := _only_one(_datasets(caption)):
        return found, "caption"
    found = _task_benchmark(f"{col_label} | {row_label}", cast) or _task_benchmark(caption, cast)
    if found and (metric is None or measured_in(found, metric)):
        return found, "task"
    if tasks_named(f"{col_label} | {row_label}"):
        return None, None  # a task the paper has no benchmark of: not the paper's other benchmark
    named = tasks_named(caption)
    if named and metric and not any(_task_measures(t, metric) for t in named):
        return None, None  # BLEU under "The dependency parsing results": another table's column, merged in
    if not named and _SOME_TASK.search(caption):
        return None, None  # "Accuracy for the picking task": a task no benchmark of the paper's is of
    found = next((b for b in cast.benchmarks if measured_in(b, metric)), None)
    return (found, "paper") if found else (None, None)


@lru_cache(maxsize=1)
def _header_datasets() -> dict[str, str]:
    return {key(alias): name for name, aliases in _words()["header_datasets"].items() for alias in aliases}


@lru_cache(maxsize=8192)
def _short_dataset(label: str) -> str | None:
    """The benchmark a header part names by a short name of schemas/tables.toml [header_datasets] ("DBP ."),
    the innermost part first."""
    shorts = _header_datasets()
    return next((shorts[k] for part in reversed(label.split(" / ")) if (k := key(part)) in shorts), None)


@lru_cache(maxsize=1)
def _pair_pattern() -> re.Pattern[str]:
    codes = "|".join(sorted(_words()["languages"], key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({codes})\s*(?:-|→|->|⇒|>|2)\s*({codes})(?![\w-])", re.I)


@lru_cache(maxsize=8192)
def _pair_benchmark(label: str, caption: str, cast: Cast) -> str | None:
    """The benchmark of the language pair a header names ("EN-DE"): the caption's or the paper's benchmark
    of that pair, else of another pair with this one put in ("WMT 2014 English-French" for "EN-DE" read
    as "WMT 2014 English-German")."""
    match = _pair_pattern().search(label)
    if not match:
        return None
    names = _words()["languages"]
    pair = f"{names[match.group(1).lower()]}-{names[match.group(2).lower()]}"
    candidates = [d for d in (*_datasets(caption), *cast.benchmarks) if d]
    if found := next((d for d in candidates if d.endswith(" " + pair)), None):
        return found
    other = re.compile(r"(?<= )[A-Z][a-z]+-[A-Z][a-z]+$")
    vocab = datasets()
    swapped = (other.sub(pair, d) for d in candidates if other.search(d))
    return next((d for d in swapped if d in vocab), None)


_SOME_TASK = re.compile(r"\b(?:the\s+)?[a-z][\w-]*\s+task\b")


def _task_measures(name: str, metric: str) -> bool:
    """Whether a task's results are stated in this metric (schemas/tasks.toml); an unknown task may be."""
    task = tasks().get(name)
    return task is None or metric == task.metric or metric in task.same or metric in task.metrics


def measured_in(benchmark: str, metric: str | None) -> bool:
    """Whether results on a benchmark are stated in this metric: its primary metric, or a metric of one of its
    tasks (schemas/tasks.toml) - BLEU is no metric of a sentiment benchmark."""
    entry = datasets().get(benchmark)
    if metric is None or entry is None:
        return False
    if metric == entry.metric:
        return True
    known = tasks()
    return any(_task_measures(name, metric) for name in entry.tasks if name in known)

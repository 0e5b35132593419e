"""Property-based fuzzing of every step that reads outside text: grammar, sentences, extractor, loaders.

Each test states an invariant that must hold for any input (arbitrary unicode,
control characters, LaTeX leftovers, runs of digits, repeated phrases) and
lets hypothesis look for a counterexample. The "ci" profile (tests/conftest.py)
bounds the examples; HYPOTHESIS_PROFILE=long runs twenty times as many.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import claims
from claims.extraction.extract import read_paper, sentences_of
from claims.extraction.grammar import quantities
from claims.extraction.text import sentence_spans
from claims.ingest.loaders import LoadError, normalize_title, records_to_papers

FRAGMENTS = [
    "We", "propose", "Our", "model", "X-Net", "achieves", "outperforms", "surpasses", "ResNet-50", "ViT-B/16",
    "by", "on", "the", "ImageNet", "COCO", "Kinetics-400/600", "val set with", "test-dev", "dataset",
    "top-1 accuracy", "accuracy", "FID", "mAP", "BLEU", "WER", "PSNR", "speed-up", "faster", "fewer", "lower",
    "higher", "improves", "reduces", "parameters", "latency", "baseline", "than", "compared to", "vs.",
    "respectively", "and", "or", ",", ".", ";", ":", "(", ")", "[", "]", "{", "}", "\\times", "times", "^{", "^",
    "sim", "\\sim", "~", "≈", "\\%", "%", "x", "×", "-fold", ">=", "<", "≤", "±", "\\pm", "+", "-", "−", "/",
    "–", "GFLOPs", "ms", "fps", "GB", "M", "B", "K", "dB", "e.g.", "i.e.", "et al.", "$", "\\", '"', "'",
    "\n", "\t", "\r", "\x00", "\x1b", "\u2028", "\u200b", "\ufeff", "٣", "½",
]  # fmt: skip
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(0, 1e6, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.from_regex(r"\d{1,3}(,\d{3}){1,3}(\.\d{1,2})?|\.\d{1,3}|\d+\.\d+", fullmatch=True),
    st.integers(20, 300).map(lambda n: "7" * n),  # a digit run longer than any quantity
)
WORDS = st.one_of(st.sampled_from(FRAGMENTS), NUMBERS, st.text(max_size=4))
GLUE = st.sampled_from([" ", " ", "", ", ", ". ", " (", ") "])
PROSE = st.lists(st.tuples(WORDS, GLUE), max_size=80).map(lambda parts: "".join(w + g for w, g in parts))
REPEATS = st.builds(
    lambda unit, times, tail: unit * times + tail,
    st.sampled_from(["by 1.2% ", "1.2%, ", "(", ")", "\\times", "^{", "sim ", "\\%", "12", "ImageNet ", "x 3 "]),
    st.integers(1, 400),
    PROSE,
)
ABSTRACTS = st.one_of(PROSE, st.text(max_size=300), REPEATS, st.just(""))


def papers_of(*abstracts: str, first: int = 0) -> pd.DataFrame:
    """A papers table with one paper per abstract, titled by its position (from `first`)."""
    records = [{"title": f"Paper {i}", "abstract": a, "source": "fuzz"} for i, a in enumerate(abstracts, first)]
    return records_to_papers(records)


def extracted(papers: pd.DataFrame) -> pd.DataFrame:
    """claims.extraction.extract with no paper failing: a failure here is an extractor bug the guard would hide."""
    failures: list = []
    table = claims.extract(papers, failures, budget=600)
    assert failures == []
    return table


def rows(table: pd.DataFrame) -> list[dict]:
    """A table's rows, every missing value None: whether pandas writes it None or NaN depends on the other rows."""
    return table.astype(object).where(table.notna(), None).to_dict("records")


# --------------------------------------------------------------------------- grammar
@given(text=ABSTRACTS, data=st.data())
@example(text="accuracy " + "1" * 10_000 + "%", data=None)
@example(text="87.7\\% top-1, 118\\times faster, sim 50%, 3-4times, 1,000,000.5 GPU hours", data=None)
def test_quantities_are_verbatim_ordered_disjoint_and_finite(text: str, data: st.DataObject | None) -> None:
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    found = quantities(text, start, end)
    for q in found:
        assert start <= q.start < q.end <= end
        assert text[q.start : q.end] == q.text
        assert math.isfinite(q.low) and (q.high is None or math.isfinite(q.high))
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@given(digits=st.integers(1, 10_000), unit=st.sampled_from(["%", "x", " GFLOPs", ""]))
def test_a_number_is_read_whole_or_not_at_all(digits: int, unit: str) -> None:
    text = f"accuracy of {'9' * digits}{unit} on ImageNet"
    found = quantities(text)
    assert [q.text for q in found] in ([], [f"{'9' * digits}{unit}".strip()])


# --------------------------------------------------------------------------- sentences
@given(text=st.one_of(ABSTRACTS, st.text()))
def test_sentences_cover_the_text_in_order_and_lose_no_number(text: str) -> None:
    spans = sentence_spans(text)
    assert all(0 <= s < e <= len(text) and text[s:e].strip() for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    covered = set().union(*(range(s, e) for s, e in spans)) if spans else set()
    outside = "".join(c for i, c in enumerate(text) if i not in covered)
    assert re.fullmatch(r"[\s\"')\]]*", outside), outside  # only the gaps between sentences


# --------------------------------------------------------------------------- extractor
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(abstract=ABSTRACTS)
@example(abstract="Our X-Net reaches 81.5% top-1 on ImageNet, outperforming ResNet-50 by 2.1% and 0.6%, respectively.")
@example(abstract="0J.$0")  # TeX "$" read as a space: two sentences, "0J." and "$0" (issue 11)
def test_every_row_quotes_its_abstract_and_sentence(abstract: str) -> None:
    spans = sentences_of(abstract)
    for row in read_paper("p", "X-Net: a title", abstract, "fuzz"):
        assert abstract[row["start"] : row["end"]] == row["value_text"] != ""
        assert any(s <= row["start"] and row["end"] <= e and abstract[s:e] == row["sentence"] for s, e in spans)


@given(abstract=ABSTRACTS)
def test_extraction_is_deterministic(abstract: str) -> None:
    papers = papers_of(abstract)
    pd.testing.assert_frame_equal(extracted(papers), extracted(papers))


@given(abstracts=st.lists(ABSTRACTS, min_size=2, max_size=4))
def test_a_papers_claims_do_not_depend_on_the_other_papers(abstracts: list[str]) -> None:
    papers = papers_of(*abstracts)
    together = extracted(papers)
    for i, (abstract, paper_id) in enumerate(zip(abstracts, papers["paper_id"], strict=True)):
        alone = extracted(papers_of(abstract, first=i))
        assert rows(together[together["paper_id"] == paper_id]) == rows(alone)


@given(abstract=ABSTRACTS)
def test_names_in_the_claims_table_never_start_a_spreadsheet_formula(abstract: str) -> None:
    """claims.csv keeps text verbatim (it is data); the names the extractor writes must be inert as they are."""
    table = extracted(papers_of(abstract))
    for column in ("model", "dataset", "baseline", "metric"):
        assert not table[column].dropna().str.match(r"[=+\-@\t\r]").any(), column


@given(abstract=ABSTRACTS)
def test_the_public_api_validates_what_it_extracts(abstract: str) -> None:
    papers, bad_papers = claims.validate_papers(papers_of(abstract))
    table = extracted(papers)
    valid, quarantine = claims.validate(table, papers)
    assert bad_papers.empty and len(valid) + len(quarantine) == len(table)


# --------------------------------------------------------------------------- loaders
TITLES = st.text(min_size=1, max_size=60)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
RECORDS = st.lists(
    st.fixed_dictionaries(
        {"title": TITLES, "abstract": st.one_of(PROSE, st.text(max_size=200))},
        optional={k: JSON_VALUES for k in ("authors", "published", "upvotes", "paper_id", "sources", "extra")},
    ),
    min_size=1,
    max_size=6,
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _write(path: Path, records: list[dict]) -> Path:
    """Records in the format of the path's suffix, one record per line, list item or row."""
    if path.suffix == ".jsonl":
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(records), encoding="utf-8")
    elif path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, ["title", "abstract"], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(records)
    else:
        pd.DataFrame([{"title": r["title"], "abstract": r["abstract"]} for r in records]).to_parquet(path)
    return path


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".parquet"])
@given(records=RECORDS)
def test_every_record_is_loaded_or_reported(tmp_path_factory, suffix: str, records: list[dict]) -> None:
    path = _write(tmp_path_factory.mktemp("load") / f"papers{suffix}", records)
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    if any(e.record is None for e in errors):  # the file as a whole was refused, with its reason
        assert papers.empty and all(e.source == str(path) for e in errors)
        return
    reported = {e.record for e in errors if not e.reason.endswith(": left out")}  # a field left out keeps its record
    kept = [(r["title"], r["abstract"]) for number, r in enumerate(records, start=1) if number not in reported]
    assert _papers_of(papers) == _expected_papers(kept)


def _papers_of(papers: pd.DataFrame) -> list[tuple[str, str]]:
    return sorted(zip(papers["title"].map(normalize_title), papers["abstract"], strict=True))


def _agree(abstract: str, known: str) -> bool:
    return not abstract or not known or normalize_title(abstract) == normalize_title(known)


def _expected_papers(records: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(title key, abstract) of the papers the records make, by the rule of claims.ingest.identity written out: a
    record joins the first paper of its title key whose first title it has, or whose first abstract it does
    not contradict (one of them empty, or the same letters and digits); the paper's abstract is its first one."""
    papers: list[list[str]] = []  # [key, first title, first non-empty abstract]
    for title, abstract in ((_clean(t), _clean(a)) for t, a in records):
        key = normalize_title(title)
        paper = next((p for p in papers if p[0] == key and (p[1] == title or _agree(abstract, p[2]))), None)
        if paper is None:
            papers.append([key, title, abstract])
        elif not paper[2]:
            paper[2] = abstract
    return sorted((key, abstract) for key, _, abstract in papers)


PAGE_TITLES = st.from_regex(r"[A-Z][A-Za-z0-9 ,:\-]{4,70}[a-z]", fullmatch=True).filter(
    lambda t: not re.match(r"(?i)(new|subscribe|daily papers)\b", t)  # page chrome, by design
)
PAGE_ABSTRACTS = st.lists(st.sampled_from(FRAGMENTS[:60]) | NUMBERS, min_size=40, max_size=100).map(
    lambda words: "We study this problem in depth and report what we find. " * 5 + " ".join(words)
)


@given(papers=st.lists(st.tuples(PAGE_TITLES, PAGE_ABSTRACTS), min_size=1, max_size=5), blank=st.booleans())
def test_a_hugging_face_page_gives_back_its_papers(tmp_path_factory, papers, blank: bool) -> None:
    gap = "\n\n" if blank else "\n"
    body = gap.join(f"{title}{gap}{abstract}{gap}• 3 authors{gap}Nov 28, 2024 3" for title, abstract in papers)
    path = tmp_path_factory.mktemp("page") / "page.txt"
    path.write_text(f"Daily Papers{gap}{body}\n", encoding="utf-8")
    assert _papers_of(claims.load([path], errors=[])) == _expected_papers(papers)


CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000).map(lambda t: t.encode("utf-8")),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.lists(JSON_VALUES, max_size=5).map(lambda vs: "\n".join(json.dumps(v) for v in vs).encode()),
    st.sampled_from(["[" * 5000, '{"a":' * 3000, "1" * 6000, "\ufeff", "title,abstract\nA,x" + "x" * 200_000]).map(
        str.encode
    ),
)


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".json", ".csv", ".parquet"])
@given(content=CONTENT)
def test_any_file_loads_or_is_reported_and_the_pipeline_never_raises(tmp_path_factory, suffix, content) -> None:
    path = tmp_path_factory.mktemp("any") / f"input{suffix}"
    path.write_bytes(content)
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    assert len(papers) or errors
    assert all(isinstance(e, LoadError) and e.source.startswith(str(path)) for e in errors)
    valid, _ = claims.validate_papers(papers)
    claims.validate(claims.extract(valid, failures=[]), valid)

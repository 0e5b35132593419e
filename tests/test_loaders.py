"""Loaders: every input format becomes one papers table; bad files are reported, never fatal."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import SAMPLE_PAPERS, SAMPLES_DIR, make_abstract, undecoded_errors, write_papers

import claims
from claims.ingest.loaders import (
    PAPER_COLUMNS,
    LoadError,
    file_kind,
    iter_paper_chunks,
    normalize_title,
    sample_paths,
)

# --------------------------------------------------------------------------- Hugging Face pages
BLANK_LAYOUT_PAGE = f"""new

Get trending papers in your email inbox!

Subscribe

Daily Papers

byAK and the research community

Mar 14

Efficient Track Anything

{make_abstract("promptable video segmentation")}

  • 13 authors
·
Nov 28, 2024 3

Mavors: Multi-granularity Video Representation

{make_abstract("long-context video understanding")}

  • 15 authors
·
Apr 14 2

Transformer in Transformer

{make_abstract("visual transformers")}
"""

COMPACT_LAYOUT_PAGE = f"""Get trending papers in your email inbox once a day!
Get trending papers in your email inbox!
SubscribeMultiSensor-Home: A Wide-area Multi-modal Dataset
{make_abstract("multi-view action recognition")}
Open-vocabulary Semantic Segmentation with Frozen Vision-Language Models
{make_abstract("open-vocabulary segmentation")}
TRANSFORMER IN TRANSFORMER!
{make_abstract("visual transformers")}
"""

CHROME = re.compile(
    r"^(new|subscribe.*|daily papers|by ?ak and the research community|get trending papers.*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(, \d{4})?( \d+)?|[•·].*)$",
    re.IGNORECASE,
)


def by_title(papers: pd.DataFrame) -> dict[str, pd.Series]:
    return {row.title: row for row in papers.itertuples(index=False)}


def test_blank_line_layout_reads_titles_abstracts_and_metadata(write):
    errors: list[LoadError] = []
    papers = claims.load([write("page.txt", BLANK_LAYOUT_PAGE)], errors=errors)
    assert errors == []
    assert list(papers.title) == [
        "Efficient Track Anything",
        "Mavors: Multi-granularity Video Representation",
        "Transformer in Transformer",
    ]
    rows = by_title(papers)
    track = rows["Efficient Track Anything"]
    assert track.abstract == make_abstract("promptable video segmentation")
    assert (track.authors, track.upvotes, track.published) == (13, 3, "2024-11-28")
    mavors = rows["Mavors: Multi-granularity Video Representation"]
    assert (mavors.authors, mavors.upvotes) == (15, 2)
    assert pd.isna(mavors.published)  # "Apr 14" has no year: no date is made up
    tnt = rows["Transformer in Transformer"]
    assert pd.isna(tnt.authors) and pd.isna(tnt.upvotes)  # the page date "Mar 14" belongs to no paper


def test_compact_layout_unglues_the_first_title_from_subscribe(write):
    papers = claims.load([write("page.txt", COMPACT_LAYOUT_PAGE)], errors=[])
    assert list(papers.title) == [
        "MultiSensor-Home: A Wide-area Multi-modal Dataset",
        "Open-vocabulary Semantic Segmentation with Frozen Vision-Language Models",
        "TRANSFORMER IN TRANSFORMER!",
    ]
    assert papers.abstract.iloc[0] == make_abstract("multi-view action recognition")


@pytest.mark.parametrize(
    ("name", "papers_on_page"),
    [
        ("000_6d0a61fa3789e32e.txt", 69),
        ("001_13a28597017aee19.txt", 62),
        ("002_529960a1d528ee46.txt", 82),
        ("004_0ef3cfcaaa585ef7.txt", 236),
    ],
)
def test_each_sample_page_reads_all_its_papers(name, papers_on_page):
    errors: list[LoadError] = []
    papers = claims.load([SAMPLES_DIR / name], errors=errors)
    assert errors == []
    assert len(papers) == papers_on_page


@pytest.fixture(scope="module")
def sample_papers() -> pd.DataFrame:
    errors: list[LoadError] = []
    papers = claims.load(errors=errors)
    assert errors == []
    return papers


def test_bundled_samples_are_378_distinct_papers(sample_papers):
    assert len(sample_papers) == SAMPLE_PAPERS
    assert sample_papers.paper_id.is_unique
    assert sample_papers.title.map(normalize_title).is_unique
    assert list(sample_papers.columns[: len(PAPER_COLUMNS)]) == PAPER_COLUMNS
    assert [p.name for p in sample_paths()] == sorted(p.name for p in SAMPLES_DIR.glob("*.txt"))


def test_loading_the_samples_folder_equals_the_default(sample_papers):
    from_folder = claims.load([str(SAMPLES_DIR)], errors=[])
    assert len(from_folder) == SAMPLE_PAPERS
    pd.testing.assert_frame_equal(from_folder, sample_papers)
    # one path given as a plain string is one path, not a list of characters
    pd.testing.assert_frame_equal(claims.load(str(SAMPLES_DIR), errors=[]), sample_papers)


@pytest.mark.parametrize(
    ("page", "title", "abstract_start"),
    [
        (
            "000",
            "AV-DiT: Efficient Audio-Visual Diffusion Transformer for Joint Audio and Video Generation",
            "Recent Diffusion Transformers (DiTs) have shown impressive capabilities",
        ),
        (
            "000",
            "One-shot Talking Face Generation from Single-speaker Audio-Visual Correlation Learning",
            "Audio-driven one-shot talking face generation methods are usually trained",
        ),
        (
            "001",
            "Mavors: Multi-granularity Video Representation for Multimodal Large Language Model",
            "Long-context video understanding in multimodal large language models (MLLMs)",
        ),
        (
            "002",
            "Story-to-Motion: Synthesizing Infinite and Controllable Character Animation from Long Text",
            "Generating natural human motion from a story has the potential",
        ),
        (
            "004",
            "MultiSensor-Home: A Wide-area Multi-modal Multi-view Dataset for Action Recognition and "
            "Transformer-based Sensor Fusion",
            "Multi-modal multi-view action recognition is a rapidly growing field",
        ),
        (
            "004",
            "Open-vocabulary Semantic Segmentation with Frozen Vision-Language Models",
            "When trained at a sufficient scale, self-supervised learning",
        ),
        (
            "004",
            "EfficientFormer: Vision Transformers at MobileNet Speed",
            "Vision Transformers (ViT) have shown rapid progress",
        ),
    ],
)
def test_known_sample_papers_are_present(sample_papers, page, title, abstract_start):
    rows = sample_papers[sample_papers.title == title]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.abstract.startswith(abstract_start)
    assert "\n" not in row.abstract and "  " not in row.abstract
    assert any(source.startswith(page + "_") for source in row.sources)


def test_sample_metadata_lines_go_to_the_paper_above_them(sample_papers):
    rows = by_title(sample_papers)
    mavors = rows["Mavors: Multi-granularity Video Representation for Multimodal Large Language Model"]
    assert (mavors.authors, mavors.upvotes) == (15, 2)
    track = rows["Efficient Track Anything"]
    assert (track.authors, track.upvotes, track.published) == (13, 3, "2024-11-28")


def test_page_chrome_is_never_a_paper(sample_papers, write):
    synthetic = claims.load(
        [write("blank.txt", BLANK_LAYOUT_PAGE), write("compact.txt", COMPACT_LAYOUT_PAGE)], errors=[]
    )
    for papers in (sample_papers, synthetic):
        chrome = [t for t in papers.title if CHROME.match(t)]
        assert chrome == []
        assert not papers.title.str.contains("trending papers|research community", case=False).any()
        assert (papers.abstract.str.len() > 120).all()
        assert not papers.abstract.str.contains("Get trending papers").any()


def test_the_same_paper_on_two_pages_is_one_row_with_both_sources(write):
    blank = write("a_blank.txt", BLANK_LAYOUT_PAGE)
    compact = write("b_compact.txt", COMPACT_LAYOUT_PAGE)
    papers = claims.load([blank, compact], errors=[])
    assert len(papers) == 5  # 3 + 3 papers, one of them ("Transformer in Transformer") on both pages
    tnt = papers[papers.title.map(normalize_title) == "transformerintransformer"]
    assert len(tnt) == 1
    assert tnt.iloc[0].title == "Transformer in Transformer"  # the first page's spelling wins
    assert tnt.iloc[0].sources == ["a_blank.txt", "b_compact.txt"]
    single = papers[papers.title == "Efficient Track Anything"].iloc[0]
    assert single.sources == ["a_blank.txt"]


def test_samples_seen_on_several_pages_list_every_page(sample_papers):
    per_page = sum(len(claims.load([p], errors=[])) for p in sample_paths())
    assert per_page > SAMPLE_PAPERS  # some papers are on several pages ...
    multi = sample_papers[sample_papers.sources.map(len) > 1]
    assert sample_papers.sources.map(len).sum() == per_page  # ... and each page is listed once
    tnt = multi[multi.title == "Transformer in Transformer"].iloc[0]
    assert len(tnt.sources) == len(set(tnt.sources)) >= 2


# --------------------------------------------------------------------------- structured formats
def test_jsonl_with_title_and_abstract_keeps_other_columns(write):
    lines = [
        {"title": "  A JSON\nLines Paper ", "abstract": make_abstract("json") + "\n", "venue": "ICML"},
        {"title": "Another One", "abstract": make_abstract("lines"), "venue": "NeurIPS", "year": 2021},
    ]
    path = write("papers.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    papers = claims.load([path], errors=[])
    assert list(papers.title) == ["A JSON Lines Paper", "Another One"]
    assert papers.abstract.iloc[0] == make_abstract("json")
    assert list(papers.venue) == ["ICML", "NeurIPS"]
    assert papers.year.iloc[1] == 2021
    assert list(papers.sources) == [["papers.jsonl"], ["papers.jsonl"]]


def test_jsonl_keeps_records_whose_text_holds_unicode_line_separators(write):
    record = {"title": "Separators", "abstract": make_abstract("text") + "\u2028Second line\u2029 end."}
    errors: list[LoadError] = []
    path = write("papers.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    papers = claims.load([path], errors=errors)
    assert errors == []
    assert papers.abstract.iloc[0].endswith("Second line end.")


def test_csv_with_title_and_abstract_keeps_other_columns(write):
    frame = pd.DataFrame(
        {
            "title": ['Commas, Quotes "and" All', "Plain"],
            "abstract": [make_abstract("csv"), make_abstract("plain")],
            "url": ["https://a", "https://b"],
        }
    )
    path = write("papers.csv", frame.to_csv(index=False))
    papers = claims.load([path], errors=[])
    assert list(papers.title) == ['Commas, Quotes "and" All', "Plain"]
    assert list(papers.abstract) == list(frame.abstract)
    assert list(papers.url) == ["https://a", "https://b"]


ARXIV_RECORDS = [
    {
        "id": "2103.00112",
        "submitter": "Kai Han",
        "authors": "Kai Han, An Xiao, Enhua Wu",
        "title": "Transformer in\n  Transformer",
        "comments": None,
        "abstract": "  " + make_abstract("arxiv").replace(". ", ".\n", 2) + "\n",
        "categories": "cs.CV cs.AI",
        "versions": [{"version": "v1", "created": "Mon, 1 Mar 2021 00:00:00 GMT"}],
        "update_date": "2021-10-26",
        "authors_parsed": [["Han", "Kai", ""], ["Xiao", "An", ""], ["Wu", "Enhua", ""]],
    },
    {
        "id": "0704.0001",
        "title": "An Old Paper",
        "abstract": make_abstract("old"),
        "categories": "hep-ph",
        "update_date": "2008-11-13",
    },
]


@pytest.mark.parametrize("name", ["arxiv.jsonl", "arxiv-metadata-oai-snapshot.json"])
def test_arxiv_metadata_snapshot(write, name):
    # the snapshot is JSON Lines, though the file arXiv publishes is named .json
    path = write(name, "".join(json.dumps(r) + "\n" for r in ARXIV_RECORDS))
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    assert errors == []
    assert list(papers.title) == ["Transformer in Transformer", "An Old Paper"]
    assert list(papers.arxiv_id) == ["2103.00112", "0704.0001"]
    assert list(papers.published) == ["2021-10-26", "2008-11-13"]
    assert list(papers.categories) == ["cs.CV cs.AI", "hep-ph"]
    assert papers.abstract.iloc[0] == make_abstract("arxiv")


def test_hugging_face_daily_papers_api(write):
    items = [
        {
            "paper": {
                "id": "2411.18933",
                "title": "Efficient Track Anything",
                "summary": make_abstract("tracking") + "\n",
                "publishedAt": "2024-11-28T18:59:00.000Z",
                "upvotes": 3,
                "authors": [{"name": "A"}, {"name": "B"}],
            },
            "title": "Efficient Track Anything",
            "numComments": 2,
        },
        {
            "paper": {
                "id": "2401.00002",
                "summary": make_abstract("item-level title"),
                "publishedAt": "2024-01-02T00:00:00.000Z",
                "upvotes": 0,
            },
            "title": "Title Only At Item Level",
        },
    ]
    errors: list[LoadError] = []
    papers = claims.load([write("daily_papers.json", json.dumps(items))], errors=errors)
    assert errors == []
    assert list(papers.title) == ["Efficient Track Anything", "Title Only At Item Level"]
    assert list(papers.arxiv_id) == ["2411.18933", "2401.00002"]
    assert list(papers.published) == ["2024-11-28", "2024-01-02"]
    assert list(papers.upvotes) == [3, 0]
    assert papers.authors.iloc[0] == 2 and pd.isna(papers.authors.iloc[1])
    assert papers.abstract.iloc[0] == make_abstract("tracking")


def test_formats_are_mixed_in_one_call_and_deduplicated(write):
    page = write("page.txt", BLANK_LAYOUT_PAGE)
    abstract = make_abstract("visual transformers").upper().replace(". ", ".\n  ")  # the same, laid out otherwise
    jsonl = write("more.jsonl", json.dumps({"title": "transformer in transformer", "abstract": abstract}))
    papers = claims.load([page, jsonl], errors=[])
    assert len(papers) == 3
    tnt = papers[papers.title == "Transformer in Transformer"].iloc[0]
    assert tnt.sources == ["page.txt", "more.jsonl"]


def test_a_folder_is_read_recursively_and_other_files_are_skipped_and_named(tmp_path, write):
    write("a/page.txt", BLANK_LAYOUT_PAGE)
    write("a/b/papers.JSONL", json.dumps({"title": "Deep File", "abstract": make_abstract("deep")}))
    write("a/notes.md", "# not an input\n")
    write("a/figure.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    errors: list[LoadError] = []
    papers = claims.load([tmp_path / "a"], errors=errors)
    assert [str(error) for error in errors] == [
        f"{tmp_path / 'a'}: skipped 2 files of unknown type: figure.png, notes.md"
    ]
    assert "Deep File" in set(papers.title) and len(papers) == 4


# --------------------------------------------------------------------------- bad files
BAD_FILES = {
    "empty": ("empty.txt", b"", "file is empty"),
    "blank": ("blank.jsonl", b"  \n\n\t\n", "file is empty"),
    "binary": ("binary.txt", b"Transformer\x00\x01\x02 in transformer", "binary file"),
    "latin-1": ("latin1.txt", "Caf\u00e9 papers\n".encode("latin-1"), "not UTF-8"),
    "not a page": ("notes.txt", b"shopping list\n\neggs\nmilk\n", "not a Hugging Face Papers page"),
    "invalid json": ("broken.json", b'[{"title": "A", "abstract": ', "invalid JSON"),
    "json that is text": ("words.json", b"title: A\nabstract: B\n", "invalid JSON"),
    "json scalar": ("number.json", b"42", "neither a list of papers"),
    "csv without columns": ("other.csv", b"name,text\nA,B\n", "'title' and 'abstract' columns"),
}


@pytest.mark.parametrize(("name", "content", "reason"), list(BAD_FILES.values()), ids=list(BAD_FILES))
def test_a_bad_file_is_reported_and_the_others_still_load(write, name, content, reason):
    good = write("good.txt", BLANK_LAYOUT_PAGE)
    bad = write(name, content)
    errors: list[LoadError] = []
    papers = claims.load([bad, good], errors=errors)
    assert len(papers) == 3  # the good page, whole
    assert len(errors) == 1
    error = errors[0]
    assert isinstance(error, LoadError)
    assert error.source == str(bad) and error.record is None
    assert reason in error.reason
    assert str(error).startswith(f"{bad}: ")


def test_a_missing_path_is_reported_and_the_others_still_load(tmp_path, write):
    good = write("good.txt", BLANK_LAYOUT_PAGE)
    missing = tmp_path / "nowhere" / "papers.jsonl"
    errors: list[LoadError] = []
    papers = claims.load([missing, good], errors=errors)
    assert len(papers) == 3
    assert [(e.source, e.reason) for e in errors] == [(str(missing), "no such file or directory")]


def test_bad_files_in_a_folder_are_all_reported(tmp_path, write):
    for name, content, _ in BAD_FILES.values():
        write(f"in/{name}", content)
    write("in/good.txt", BLANK_LAYOUT_PAGE)
    errors: list[LoadError] = []
    papers = claims.load([tmp_path / "in"], errors=errors)
    assert len(papers) == 3
    assert sorted(e.source for e in errors) == sorted(str(tmp_path / "in" / n) for n, _, _ in BAD_FILES.values())


def test_without_an_errors_list_problems_are_warnings(write):
    good = write("good.txt", BLANK_LAYOUT_PAGE)
    bad = write("binary.txt", b"\x00\x00")
    with pytest.warns(UserWarning, match=re.escape(f"{bad}: binary file")):
        papers = claims.load([good, bad])
    assert len(papers) == 3


def test_jsonl_with_broken_records_loads_the_rest_and_numbers_the_broken(write):
    lines = [
        json.dumps({"title": "First", "abstract": make_abstract("first")}),
        "",
        '{"title": "Broken", "abstract": ',
        json.dumps({"title": "Fourth", "abstract": make_abstract("fourth")}),
        "[1, 2]",
        json.dumps({"abstract": "a record without a title"}),
        json.dumps({"title": "No abstract"}),
    ]
    path = write("papers.jsonl", "\n".join(lines) + "\n")
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    assert list(papers.title) == ["First", "Fourth"]
    reported = sorted((e.record, e.reason) for e in errors)
    assert reported == [
        (3, "invalid JSON: Expecting value (column 33)"),
        (5, "record is not an object"),
        (6, "record has no title"),
        (7, "record has no abstract"),
    ]  # each broken record once, by its line number
    assert all(e.source == str(path) for e in errors)
    assert str(errors[0]) == f"{path}: record 3: invalid JSON: Expecting value (column 33)"


def test_daily_papers_item_without_summary_is_reported_by_number(write):
    items = [
        {"paper": {"id": "1", "title": "Fine", "summary": make_abstract("fine")}},
        {"paper": {"id": "2", "title": "No summary"}},
    ]
    errors: list[LoadError] = []
    papers = claims.load([write("daily.json", json.dumps(items))], errors=errors)
    assert list(papers.title) == ["Fine"]
    assert [(e.record, "paper.summary" in e.reason) for e in errors] == [(2, True)]


def test_csv_row_without_a_title_is_reported_by_number(write):
    path = write("papers.csv", f'title,abstract\nGood,"{make_abstract("good")}"\n,"orphan abstract"\n')
    errors: list[LoadError] = []
    papers = claims.load([path], errors=errors)
    assert list(papers.title) == ["Good"]
    assert [(e.source, e.record, e.reason) for e in errors] == [(str(path), 2, "record has no title")]


# --------------------------------------------------------------------------- bytes that are not UTF-8
def _streamed(path, errors: list[LoadError]) -> pd.DataFrame:
    return pd.concat(iter_paper_chunks([path], chunk_size=4, errors=errors), ignore_index=True)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".json", ".txt"])
@pytest.mark.parametrize("read", [claims.load, _streamed], ids=["whole", "streamed"])
def test_a_byte_that_is_not_utf8_costs_only_the_record_that_holds_it(tmp_path, suffix, read):
    broken = [0, 5, 11]
    path = write_papers(tmp_path / f"papers{suffix}", 12, broken)
    errors: list[LoadError] = []
    papers = read(path, errors=errors)
    assert list(papers.title) == [f"Paper {i}" for i in range(12) if i not in broken]
    assert [(e.source, e.record, e.reason) for e in errors] == undecoded_errors(path, broken)


def test_a_csv_header_that_is_not_utf8_is_the_file_s_error(write):
    path = write("papers.csv", b"title,abstract,n\xf6tes\nA,B,C\n")
    errors: list[LoadError] = []
    claims.load([path], errors=errors)
    assert [(e.record, e.reason) for e in errors] == [(None, "not UTF-8 (line 1, byte 17) in the header")]


@pytest.mark.parametrize("name", ["papers.jsonl", "papers.json"])
def test_a_record_holding_a_lone_surrogate_escape_is_refused_and_the_others_read(write, name):
    records = [{"title": t, "abstract": make_abstract(t)} for t in ("First", "Escaped \udcff", "Third")]
    text = "\n".join(map(json.dumps, records)) if name.endswith("l") else json.dumps(records)
    errors: list[LoadError] = []
    papers = claims.load([write(name, text)], errors=errors)
    assert list(papers.title) == ["First", "Third"]  # pandas could not have held the second
    assert [(e.record, e.reason) for e in errors] == [(2, "lone surrogate \\udcff in the text: not Unicode text")]


def test_json_lines_named_json_are_streamed_though_their_first_line_is_not_utf8(tmp_path):
    path = write_papers(tmp_path / "snapshot.jsonl", 5, broken=[0]).rename(tmp_path / "snapshot.json")
    assert file_kind(path) == "jsonl"  # the arXiv snapshot (4 GB) is read a chunk at a time, not whole
    errors: list[LoadError] = []
    assert list(_streamed(path, errors).title) == [f"Paper {i}" for i in range(1, 5)]
    assert [(e.record, e.reason.split(" (")[0]) for e in errors] == [(1, "not UTF-8")]

"""The HTML report, and `claims run` end to end on the bundled sample pages."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from board_claims import claim, claims_table, delta, papers_table

import claims
from claims.cli import main
from claims.leaderboard import Board, build_comparisons, build_leaderboards, progress
from claims.report import claim_amount, write_leaderboards
from claims.vocab import better_of, metric_info
from claims.webpage import chart_caption, chart_png, report_html, write_report

PAPERS = papers_table(p1="2021-03-01", p2="2022-05-01", p3=None)
ROWS = [
    claim(model="<script>alert('x')</script>", value=81.0, sentence='We get 81% <b>"top-1"</b> & more.'),
    claim(model="M2", paper_id="p2", title="Second paper", value=84.0),
    claim(model="M3", paper_id="p3", title="Third paper", value=79.0, dataset="Kinetics-400"),
    delta(model="M2", baseline="M1", value=3.0, paper_id="p2", title="Second paper"),
]


@pytest.fixture(scope="module")
def page() -> str:
    table = claims_table(*ROWS)
    return report_html(build_leaderboards(table, PAPERS), build_comparisons(table, PAPERS))


def test_text_is_escaped_everywhere(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>" not in page
    assert "<q>We get 81% &lt;b&gt;&quot;top-1&quot;&lt;/b&gt; &amp; more.</q>" in page  # the sentence, in its panel
    assert page.count("<script>") == 1  # the page's own script only


def test_every_board_is_a_sortable_table_whose_metrics_know_their_direction(page: str) -> None:
    assert page.count('<table class="sortable">') == 3  # ImageNet, Kinetics-400, comparisons
    assert 'id="board-imagenet"' in page and 'id="board-kinetics-400"' in page
    assert '<th scope="col" data-better="higher"><button type="button">top-1 accuracy (%)</button></th>' in page
    assert '<th scope="col"><button type="button">model</button></th>' in page  # text: no direction


def test_rows_link_to_their_papers_and_cells_sort_by_number(page: str) -> None:
    assert '<a href="https://arxiv.org/abs/2101.00001">Second paper</a>' in page
    assert '<td data-sort="84.0" class="num"><button type="button" class="claim"' in page
    assert page.index(">M2<") < page.index("&lt;script&gt;alert")  # 84 ranks above 81


def test_a_paper_without_an_arxiv_id_links_to_a_search_for_its_title() -> None:
    table = claims_table(claim(title="Deep & (wide) nets"))
    page = report_html(build_leaderboards(table), build_comparisons(table))
    url = "https://arxiv.org/search/?searchtype=title&amp;query=Deep+%26+%28wide%29+nets"
    assert f'<a href="{url}">Deep &amp; (wide) nets</a><span class="via"> (search)</span>' in page


class _Markup(HTMLParser):
    """The tags, attributes and text of a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.panels: dict[str, list[str]] = {}  # id of a value's panel -> its text
        self._open: list[str] = []  # the panels being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if self._open and tag == "div":
            raise AssertionError("a panel inside a panel")
        if dict(attrs).get("class") == "why":
            self._open.append(str(dict(attrs)["id"]))
            self.panels[self._open[-1]] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            self.panels[self._open[-1]].append(data)


def test_every_value_opens_a_hidden_panel_with_its_sentences(page: str) -> None:
    markup = _Markup()
    markup.feed(page)
    buttons = [attrs for tag, attrs in markup.tags if tag == "button" and attrs.get("class") == "claim"]
    assert len(buttons) == 4  # three scores and one delta
    panels = {attrs["id"]: attrs for tag, attrs in markup.tags if attrs.get("class") == "why"}
    assert [b["aria-controls"] for b in buttons] == [b["aria-describedby"] for b in buttons]
    assert sorted(b["aria-controls"] for b in buttons) == sorted(panels)  # one panel each, ids unique
    assert all("hidden" in attrs for attrs in panels.values())
    texts = {key: "".join(text) for key, text in markup.panels.items()}
    (m2,) = [text for text in texts.values() if text.startswith("ImageNet · M2 · top-1 accuracy (%)")]
    assert "84% · Second paper (2022-05-01): M1 reaches 80% top-1 accuracy on ImageNet." in m2


def test_charts_only_for_boards_with_dated_claims(page: str) -> None:
    imagenet, kinetics = re.findall(r'<section class="board" id="board-.*?</section>', page)[:2]
    assert 'src="data:image/png;base64,' in imagenet
    assert 'alt="best top-1 accuracy (%) over time on ImageNet"' in imagenet
    assert "<figcaption>Best so far: 84% by M2 (2022-05-01)." in imagenet
    assert "<img" not in kinetics  # its only paper is undated


def test_the_chart_ends_on_the_leader_even_undated_and_leaves_baselines_out() -> None:
    rows = [
        claim(paper_id="p1", model="Old", value=80.0),
        claim(paper_id="p2", model="New", value=83.0),
        claim(paper_id="p3", model="Undated", value=85.0),
        claim(paper_id="p2", model="Cited", value=82.0, context="the baseline", start=40, end=43),
    ]
    table, papers = claims_table(*rows), papers_table(p1="2021-01-01", p2="2022-01-01", p3=None)
    (board,) = build_leaderboards(table, papers)
    assert board.leader()["variant"] == "Undated"
    assert chart_caption(board).startswith("Best so far: 85% by Undated (undated).")
    assert progress(board)["variant"].tolist() == ["Old", "New", "Undated"]  # "Cited" dates from p2, not its own
    assert chart_png(board) is not None


def test_write_report_writes_one_page(tmp_path: Path) -> None:
    table = claims_table(*ROWS)
    target = write_report(build_leaderboards(table), build_comparisons(table), tmp_path / "reports")
    assert target == tmp_path / "reports" / "index.html"
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]
    page = target.read_text(encoding="utf-8")
    assert "&amp;lt;" not in page  # escaped once: a browser shows the name, not its escape
    assert html.unescape(page).count("<script>alert") == page.count("&lt;script&gt;alert") > 0


# ---- end to end --------------------------------------------------------------------------------

BOARDS = ["imagenet-image-classification", "coco-object-detection", "kinetics-400-action-recognition"]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("run")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["run", "-o", str(out)]) == 0
    return out, printed.getvalue()


def test_run_writes_claims_leaderboards_and_report(run_dir: tuple[Path, str]) -> None:
    out, printed = run_dir
    assert (out / "claims.csv").stat().st_size > 0
    for name in BOARDS:
        assert (out / "leaderboards" / f"{name}.csv").exists(), name
        assert (out / "leaderboards" / f"{name}.md").exists(), name
    assert (out / "leaderboards" / "comparisons.csv").exists()
    assert str(out / "reports" / "index.html") in printed
    assert re.search(r"papers 378 .* boards \d+ ", printed)


def test_run_index_lists_every_board_with_its_leader(run_dir: tuple[Path, str]) -> None:
    out, _ = run_dir
    index = (out / "leaderboards" / "README.md").read_text(encoding="utf-8")
    written = {p.stem for p in (out / "leaderboards").glob("*.md")} - {"README", "comparisons"}
    listed = set(re.findall(r"\[md\]\(([^)]+)\.md\)", index))
    assert listed == written
    for name in ("ImageNet (image classification)", "COCO (object detection)", "Kinetics-400 (action recognition)"):
        assert f"| {name} | " in index


def test_run_imagenet_board_holds_sample_results(run_dir: tuple[Path, str]) -> None:
    out, _ = run_dir
    with (out / "leaderboards" / "imagenet-image-classification.csv").open(newline="", encoding="utf-8") as handle:
        entries = list(csv.DictReader(handle))
    cvt = [e for e in entries if e["model"] == "CvT-W24" and e["column"] == "top-1 accuracy (%)"]
    assert [(e["value"], e["title"].split(":")[0]) for e in cvt] == [("87.7", "CvT")]
    assert {(e["dataset"], e["task"]) for e in entries} == {("ImageNet", "image classification")}
    assert all(e["sentence"] and int(e["end"]) > int(e["start"]) for e in entries)


def test_run_report_has_every_board(run_dir: tuple[Path, str]) -> None:
    out, _ = run_dir
    page = (out / "reports" / "index.html").read_text(encoding="utf-8")
    written = {p.stem for p in (out / "leaderboards").glob("*.md")} - {"README", "comparisons"}
    assert set(re.findall(r'<section class="board" id="board-([^"]+)"', page)) == written
    assert "data:image/png;base64," in page


@pytest.fixture(scope="module")
def sample_boards() -> list[Board]:
    """The boards of the bundled sample pages, as `claims run` builds them."""
    papers = claims.validate_papers(claims.load())[0]
    table = claims.validate(claims.extract(papers), papers)[0]
    return build_leaderboards(table, papers)


def test_every_sample_chart_ends_on_its_boards_leader(sample_boards: list[Board]) -> None:
    charted = [board for board in sample_boards if chart_png(board) is not None]
    assert charted
    for board in sample_boards:
        points, leader = progress(board), board.leader()
        assert points["reported_by"].isna().all() and points["shown"].all() and points["primary"].all()
        assert points["best"].iloc[-1] == leader["value"], board.name
        assert chart_caption(board).startswith(f"Best so far: {claim_amount(leader)} by {leader['variant']} ")


# ---- injection: hostile names come out inert in Markdown, HTML and CSV ---------------------------

HOSTILE_MODEL = '=HYPERLINK("http://evil.example")|<script>alert(1)</script>\nnext line'
HOSTILE_DATASET = "@SUM(A1)|<img src=x onerror=alert(1)>"
HOSTILE_BASELINE = "+cmd|' /C calc'!A0\r\n| injected | row |"
HOSTILE_TITLE = "-1+2 $x^{$ [click](javascript:alert(1)): a paper"  # "$x^{$" is no mathtext a chart can draw
HOSTILE_SENTENCE = "See [this](javascript:alert(1)) | <b>bold</b>\nfor 3%."
HOSTILE_ROWS = [
    claim(model=HOSTILE_MODEL, dataset=HOSTILE_DATASET, title=HOSTILE_TITLE, sentence=HOSTILE_SENTENCE),
    claim(model=None, dataset=HOSTILE_DATASET, title=HOSTILE_TITLE, value=90.0, start=30, end=33),  # charted
    claim(model="-M2", paper_id="p2", title="@Second paper", dataset=HOSTILE_DATASET, value=84.0),
    delta(model=HOSTILE_MODEL, baseline=HOSTILE_BASELINE, dataset=HOSTILE_DATASET, title=HOSTILE_TITLE,
          value=3.0, sentence=HOSTILE_SENTENCE),
]  # fmt: skip
UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
LINK = re.compile(r"(?<!\\)\]\(javascript:")  # a Markdown link to a script, its "]" not escaped
FORMULA = re.compile(r"[=+\-@\t\r]")
NUMBER_CELL = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


@pytest.fixture(scope="module")
def hostile_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """leaderboards/ and reports/ rendered from claims whose names try to inject markup and formulas."""
    out = tmp_path_factory.mktemp("hostile")
    table, papers = claims_table(*HOSTILE_ROWS), papers_table(p1="2021-03-01", p2="2022-05-01")
    boards, comparisons = build_leaderboards(table, papers), build_comparisons(table, papers)
    write_leaderboards(boards, comparisons, out / "leaderboards")
    write_report(boards, comparisons, out / "reports")  # the chart labels an unnamed row by its "$" title
    return out


def test_hostile_names_cannot_break_or_script_a_markdown_table(hostile_outputs: Path) -> None:
    pages = sorted((hostile_outputs / "leaderboards").glob("*.md"))
    assert len(pages) == 3  # the board, the comparisons, the index
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text and not LINK.search(text), page.name
        tables = [block.splitlines() for block in text.split("\n\n") if block.startswith("| ")]
        for lines in tables:
            widths = {len(UNESCAPED_PIPE.findall(line)) for line in lines}
            assert len(widths) == 1 and all(line.startswith("| ") or line.startswith("|---") for line in lines)
    board = next(p for p in pages if p.name not in ("README.md", "comparisons.md")).read_text(encoding="utf-8")
    assert '=HYPERLINK("http://evil.example")\\|&lt;script>alert(1)&lt;/script> next line' in board
    assert "(unnamed, -1+2 $x^{$ \\[click\\](javascript)" in board


def test_hostile_names_are_text_in_the_html_report(hostile_outputs: Path) -> None:
    markup = _Markup()
    markup.feed((hostile_outputs / "reports" / "index.html").read_text(encoding="utf-8"))
    assert [tag for tag, _ in markup.tags].count("script") == 1  # the page's own sorting script
    assert not [name for _, attrs in markup.tags for name in attrs if name.startswith("on")]
    assert all(attrs["src"].startswith("data:image/png;base64,") for tag, attrs in markup.tags if tag == "img")
    hrefs = [attrs["href"] for tag, attrs in markup.tags if tag == "a"]
    assert hrefs and all(h.startswith(("#board-", "#comparisons", "https://arxiv.org/abs/")) for h in hrefs)
    assert len(markup.panels) == 4  # every value's sentences, as text
    text = "".join(markup.text)
    assert HOSTILE_MODEL in text and HOSTILE_DATASET in text and HOSTILE_BASELINE.replace("\r\n", "\n") in text


def test_hostile_names_are_inert_text_in_the_csvs(hostile_outputs: Path) -> None:
    files = sorted((hostile_outputs / "leaderboards").glob("*.csv"))
    assert len(files) == 3  # the board, the comparisons and results.csv (its entries)
    for path in files:
        with path.open(newline="", encoding="utf-8") as handle:
            header, *body = list(csv.reader(handle))
        assert len(body) == len(pd.read_csv(path)) and all(len(row) == len(header) for row in body)
        cells = [cell for row in body for cell in row]
        assert not [c for c in cells if FORMULA.match(c) and not NUMBER_CELL.fullmatch(c)], path.name
        assert "'" + HOSTILE_MODEL in cells, path.name


# ---- the sample run's boards: what a domain expert checks first -------------------------------


@pytest.fixture(scope="module")
def sample_run() -> tuple[pd.DataFrame, list[Board]]:
    papers = claims.load()
    table = claims.validate(claims.extract(papers), papers)[0]
    return table, build_leaderboards(table, papers)


def test_no_sample_board_mixes_tasks_or_splits(sample_run: tuple[pd.DataFrame, list[Board]]) -> None:
    for board in sample_run[1]:
        assert board.entries["task"].nunique(dropna=False) == 1, board.name
        assert board.entries["split"].nunique(dropna=False) == 1, board.name


def test_every_ranked_sample_metric_has_a_direction_from_the_vocabulary_or_its_name(
    sample_run: tuple[pd.DataFrame, list[Board]],
) -> None:
    for board in sample_run[1]:
        for metric, better in zip(board.entries["metric"], board.entries["better"], strict=True):
            assert better == (better_of(metric) or "unknown"), (board.name, metric)
        if board.ranked:
            assert board.shown.loc[board.shown["primary"], "rank"].notna().all(), board.name


def test_no_sample_board_row_holds_a_share_or_a_change(sample_run: tuple[pd.DataFrame, list[Board]]) -> None:
    table, boards = sample_run
    kinds = table.set_index(["paper_id", "start"])["kind"]
    for board in boards:
        placed = pd.MultiIndex.from_frame(board.entries[["paper_id", "start"]])
        assert (kinds.reindex(placed) == "score").all(), board.name
        assert not any(metric_info(m) is not None and metric_info(m).share for m in board.entries["metric"])


def test_task_is_known_for_nine_in_ten_sample_cells(sample_run: tuple[pd.DataFrame, list[Board]]) -> None:
    cells = pd.concat([b.shown for b in sample_run[1]])
    assert cells["task"].notna().mean() >= 0.9

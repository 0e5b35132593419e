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
from claims.schemas.tables import BOUNDS

import claims
from claims.boards.chart import chart_caption, chart_svg, date_ticks, nice_ticks
from claims.boards.leaderboard import Board, build_comparisons, build_leaderboards, progress
from claims.boards.report import claim_amount, write_leaderboards
from claims.boards.webpage import number_places, report_html, write_report
from claims.cli import main
from claims.extraction.vocab import better_of, metric_info
from claims.runtime.io import OWN_VALUES

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
    table = page[page.index('<table class="sortable">') :]  # the chart before it names the models too
    assert table.index(">M2<") < table.index("&lt;script&gt;alert")  # 84 ranks above 81


def test_a_paper_without_an_arxiv_id_links_to_a_search_for_its_title_said_once() -> None:
    table = claims_table(claim(title="Deep & (wide) nets"), claim(model="M2", title="Other", paper_id="p2"))
    page = report_html(build_leaderboards(table), build_comparisons(table))
    url = "https://arxiv.org/search/?searchtype=title&amp;query=Deep+%26+%28wide%29+nets"
    assert f'<a href="{url}" class="search">Deep &amp; (wide) nets</a>' in page
    assert page.count("no known arXiv id") == 1 and "2 of 2 papers have no known arXiv id" in page
    assert "(search)" not in page  # not on every row


def test_a_page_whose_papers_all_have_ids_and_dates_says_nothing_of_it(page: str) -> None:
    table = claims_table(claim(), claim(model="M2", title="Other", paper_id="p2"))
    linked = report_html(build_leaderboards(table, PAPERS), build_comparisons(table, PAPERS))
    assert "no known arXiv id" not in linked and 'class="search"' not in linked
    assert '<span class="date">2021-03-01</span>' in linked


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
    assert '<svg class="chart" viewBox="0 0 640 320" role="group"' in imagenet
    assert 'aria-label="best top-1 accuracy (%) over time on ImageNet"' in imagenet
    assert "Best so far: 84% by M2 (2022-05-01)." in imagenet
    assert "<svg" not in kinetics and "<img" not in page  # its only paper is undated; no image anywhere


def test_the_chart_has_labelled_axes_points_with_their_paper_and_a_best_so_far_line() -> None:
    rows = [
        claim(paper_id="p1", model="Old", value=80.0, title="Old paper"),
        claim(paper_id="p2", model="New", value=83.0, title="New paper"),
        claim(paper_id="p3", model="Undated", value=85.0),
        claim(paper_id="p2", model="Cited", value=82.0, context="the baseline", start=40, end=43),
    ]
    table, papers = claims_table(*rows), papers_table(p1="2021-01-01", p2="2022-01-01", p3=None)
    (board,) = build_leaderboards(table, papers)
    assert progress(board)["variant"].tolist() == ["Old", "New", "Undated"]  # "Cited" dates from p2, not its own
    svg = str(chart_svg(board))
    assert ">paper date</text>" in svg and ">top-1 accuracy (%) (higher is better)</text>" in svg  # both axes
    tips = re.findall(r'data-tip="([^"]+)"', svg)
    assert tips == ["Old: 80% · Old paper (2021-01-01)", "New: 83% · New paper (2022-01-01)"]  # dated, own only
    assert re.search(r'<path class="best" d="M[\d.]+,[\d.]+H[\d.]+V[\d.]+H620"/>', svg)  # one step up, to the edge
    assert chart_caption(board).startswith("Best so far: 83% by New (2022-01-01).")
    assert chart_caption(board).endswith("1 undated value is not plotted.")
    (one,) = build_leaderboards(table, papers_table(p1="2021-01-01", p2=None, p3=None))
    assert chart_svg(one) is None  # one dated value is no trend


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
    board = "imagenet-image-classification-pre-trained-on-imagenet-21k.csv"  # extra data: a board of its own
    with (out / "leaderboards" / board).open(newline="", encoding="utf-8") as handle:
        entries = list(csv.DictReader(handle))
    cvt = [e for e in entries if e["model"] == "CvT-W24" and e["column"] == "top-1 accuracy (%)"]
    assert [(e["value"], e["title"].split(":")[0]) for e in cvt] == [("87.7", "CvT")]
    assert {(e["dataset"], e["task"], e["extra_data"]) for e in entries} == {
        ("ImageNet", "image classification", "True")
    }
    assert all(e["sentence"] and int(e["end"]) > int(e["start"]) for e in entries)


def test_run_report_has_every_board(run_dir: tuple[Path, str]) -> None:
    out, _ = run_dir
    page = (out / "reports" / "index.html").read_text(encoding="utf-8")
    written = {p.stem for p in (out / "leaderboards").glob("*.md")} - {"README", "comparisons"}
    assert set(re.findall(r'<section class="board" id="board-([^"]+)"', page)) == written
    assert '<svg class="chart"' in page


@pytest.fixture(scope="module")
def sample_boards() -> list[Board]:
    """The boards of the bundled sample pages, as `claims run` builds them."""
    papers = claims.validate_papers(claims.load())[0]
    table = claims.validate(claims.extract(papers), papers)[0]
    return build_leaderboards(table, papers)


def test_every_sample_chart_ends_on_its_best_dated_value(sample_boards: list[Board]) -> None:
    charted = [board for board in sample_boards if chart_svg(board) is not None]
    assert charted
    for board in sample_boards:
        points, leader = progress(board), board.leader()
        assert points["reported_by"].isna().all() and points["shown"].all() and points["primary"].all()
        assert points["best"].iloc[-1] == leader["value"], board.name
    for board in charted:
        dated = progress(board).dropna(subset=["date"])
        best = dated["value"].max() if board.higher_is_better else dated["value"].min()
        holder = dated[dated["value"] == best].iloc[0]
        assert chart_caption(board).startswith(f"Best so far: {claim_amount(holder)} by {holder['variant']} ")


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
    assert "img" not in [tag for tag, _ in markup.tags]
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
        # the input's text is neutralized; the tool's own values (the bound "=") are written as pandas reads them
        cells = [cell for row in body for key, cell in zip(header, row, strict=True) if key not in OWN_VALUES]
        assert not [c for c in cells if FORMULA.match(c) and not NUMBER_CELL.fullmatch(c)], path.name
        frame = pd.read_csv(path)
        assert "bound" not in frame or set(frame["bound"]) <= set(BOUNDS), path.name  # results.csv has no bound
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


# ---- the number in its sentence, extra data ------------------------------------------------------

TWICE = "A gets 1.2% on ImageNet and B gets 1.2% too."  # the abstract's sentence at offset 100


def test_the_explained_number_is_marked_in_its_sentence_even_when_written_twice() -> None:
    rows = [
        claim(model="A", value=1.2, value_text="1.2%", sentence=TWICE, start=107, end=111),
        claim(model="B", value=1.2, value_text="1.2%", sentence=TWICE, start=135, end=139, paper_id="p1"),
    ]
    table = claims_table(*rows)
    (board,) = build_leaderboards(table)
    by_model = dict(zip(board.entries["model"], number_places(board.entries), strict=True))
    assert by_model == {"A": 7, "B": 35}
    page = report_html([board], build_comparisons(table))
    assert "<q>A gets <mark>1.2%</mark> on ImageNet and B gets 1.2% too.</q>" in page
    assert "<q>A gets 1.2% on ImageNet and B gets <mark>1.2%</mark> too.</q>" in page


def test_a_number_not_found_in_its_sentence_is_left_unmarked() -> None:
    table = claims_table(claim(value_text="99%", sentence="Nothing <here>."))
    page = report_html(build_leaderboards(table), build_comparisons(table))
    assert "<q>Nothing &lt;here&gt;.</q>" in page and "<mark>" not in page


def test_rows_with_extra_training_data_are_flagged_in_a_column_of_their_own() -> None:
    rows = [
        claim(model="Big", value=88.0, context="pre-trained on ImageNet-21K"),
        claim(model="Small", value=81.0, paper_id="p2", title="Small paper"),
        claim(model="Other", value=70.0, dataset="Kinetics-400"),
    ]
    table = claims_table(*rows)
    page = report_html(build_leaderboards(table), build_comparisons(table))
    # extra training data makes numbers incomparable: its rows are a board of their own (claims/boards/leaderboard.py)
    own, extra, kinetics = re.findall(r'<section class="board" id="board-.*?</section>', page, re.S)
    assert '<th scope="col"><button type="button">extra data</button></th>' in extra
    assert extra.count('<tr data-extra="yes">') == 1 and own.count('<tr data-extra="no">') == 1
    assert '<td data-sort="1" class="extra">yes</td>' in extra
    assert "extra data</button>" not in own + kinetics  # no row uses extra data: no column
    assert '<select id="filter-extra" data-rows="extra"><option value="">all (1 rows with extra data)' in page


@pytest.mark.parametrize(
    ("low", "high"), [("2021-03-01", "2023-11-09"), ("2021-01-15", "2021-04-01"), ("1990-01-01", "2023-01-01")]
)
def test_chart_axes_get_few_readable_ticks_inside_the_range(low: str, high: str) -> None:
    dates = date_ticks(pd.Timestamp(low), pd.Timestamp(high))
    assert 1 <= len(dates) <= 6 and all(pd.Timestamp(low) <= t <= pd.Timestamp(high) for t, _ in dates)
    assert [t for t, _ in dates] == sorted(t for t, _ in dates)
    values = nice_ticks(75.8, 87.7)
    assert values[0] <= 75.8 and values[-1] >= 87.7 and len(values) <= 7
    assert nice_ticks(5.0, 5.0)[0] <= 5.0 <= nice_ticks(5.0, 5.0)[-1]  # one value: still an axis

"""Leaderboards: boards per benchmark, ranking, conflicts, baselines, and their files."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pandera.errors as pa_errors
import pytest
from board_claims import claim, claims_table, delta, papers_table
from claims.schemas.tables import LeaderboardSchema

from claims.boards.leaderboard import Board, build_comparisons, build_leaderboards, progress
from claims.boards.report import board_markdown, md_cell, write_leaderboards
from claims.runtime.io import neutralize


def boards_by_name(*rows: dict[str, object], papers: pd.DataFrame | None = None) -> dict[str, Board]:
    return {b.name: b for b in build_leaderboards(claims_table(*rows), papers)}


def only_board(*rows: dict[str, object], papers: pd.DataFrame | None = None) -> Board:
    (board,) = build_leaderboards(claims_table(*rows), papers)
    return board


def scores(metric: str, unit: str, values: dict[str, float]) -> list[dict[str, object]]:
    """One score claim per model, each from its own paper."""
    return [
        claim(model=m, value=v, metric=metric, unit=unit, paper_id=f"p-{m}", title=f"{m}: a paper")
        for m, v in values.items()
    ]


# ---- ranking -------------------------------------------------------------------------


def test_higher_is_better_metric_ranks_descending() -> None:
    board = only_board(*scores("top-1 accuracy", "%", {"A": 80.1, "B": 85.2, "C": 79.0}))
    assert board.primary == "top-1 accuracy (%)"
    assert board.table()["model"].tolist() == ["B", "A", "C"]
    assert board.table()["rank"].tolist() == [1, 2, 3]


def test_lower_is_better_metric_ranks_ascending() -> None:
    board = only_board(*scores("FID", "1", {"A": 12.7, "B": 2.06, "C": 5.0}))
    assert not board.higher_is_better
    assert board.primary == "FID"
    assert board.table()["model"].tolist() == ["B", "C", "A"]


def test_latency_ranks_fastest_first() -> None:
    board = only_board(*scores("latency", "s", {"slow": 0.012, "fast": 0.0016}))
    assert board.table()["model"].tolist() == ["fast", "slow"]
    assert board.primary == "latency (s)"


def test_an_unknown_metric_takes_its_direction_from_its_name() -> None:
    board = only_board(*scores("widget score", "1", {"A": 3.0, "B": 7.0}))
    assert board.higher_is_better
    assert board.table()["model"].tolist() == ["B", "A"]
    board = only_board(*scores("widget reconstruction error", "1", {"A": 3.0, "B": 7.0}))
    assert not board.higher_is_better
    assert board.table()["model"].tolist() == ["A", "B"]


def test_a_metric_whose_name_tells_no_direction_leaves_the_board_unranked() -> None:
    board = only_board(*scores("widgetness", "1", {"A": 3.0, "B": 7.0}))
    assert not board.ranked
    assert board.table()["rank"].isna().all()
    assert "unranked" in board_markdown(board)


def test_generic_names_of_the_tasks_metric_are_one_column() -> None:
    rows = [
        claim(model="A", metric="AP", value=50.0, unit="1", dataset="COCO", task="object detection", paper_id="a"),
        claim(model="B", metric="box AP", value=52.0, unit="1", dataset="COCO", task="object detection", paper_id="b"),
    ]
    board = only_board(*rows)
    assert board.columns == ("box AP",)
    assert board.table()["model"].tolist() == ["B", "A"]


def test_shares_of_another_systems_quality_are_no_scores_of_a_board() -> None:
    share = claim(model="A", metric="performance retained", value=99.0, paper_id="a")
    assert build_leaderboards(claims_table(share, claim(model="B", paper_id="b")))[0].shown["model"].tolist() == ["B"]


def test_settings_that_make_numbers_incomparable_are_boards_of_their_own_and_name_the_row() -> None:
    boards = boards_by_name(
        claim(model="M", value=70.0, context="zero-shot", paper_id="a"),
        claim(model="M", value=88.0, context="fine-tuned; pre-trained on ImageNet-21K", paper_id="a", start=30),
        claim(model="M", value=86.0, context="A100", paper_id="a", start=60),
        claim(model="N", value=72.0, context="zero-shot", paper_id="b"),
    )
    assert set(boards) == {"ImageNet", "ImageNet (zero-shot)", "ImageNet (pre-trained on ImageNet-21K)"}
    zero_shot = boards["ImageNet (zero-shot)"]
    assert zero_shot.table()["variant"].tolist() == ["N (zero-shot)", "M (zero-shot)"]
    assert zero_shot.conditions == ("zero-shot",) and zero_shot.setting == "zero-shot" and not zero_shot.extra_data
    extra = boards["ImageNet (pre-trained on ImageNet-21K)"]  # fine-tuning is what a result means unless told
    assert extra.extra_data and extra.entries["extra_data"].all()
    assert extra.slug == "imagenet-pre-trained-on-imagenet-21k"
    assert extra.table()["variant"].tolist() == ["M (pre-trained on ImageNet-21K)"]
    plain = boards["ImageNet"]  # hardware is context, not a condition of the board
    assert plain.table()["variant"].tolist() == ["M"] and plain.conditions == () and plain.setting is None
    assert not any(b.entries["disputed"].any() for b in boards.values())


def test_one_papers_unnamed_alternatives_show_its_best_with_the_values_stated_with_it() -> None:
    board = only_board(
        claim(model="M", value=82.2, start=10),
        claim(model="M", value=84.3, start=20),
        claim(model="M", metric="parameters", unit="count", value=11.5e6, start=30),
        claim(model="M", metric="parameters", unit="count", value=32e6, start=40),
    )
    table = board.table().set_index("variant")
    assert table.index.tolist() == ["M"]
    assert table.loc["M", "top-1 accuracy (%)"] == 84.3
    assert table.loc["M", "parameters (count)"] == 32e6  # stated with the best value, in order
    assert len(board.entries) == 4 and board.entries["shown"].sum() == 2  # every claim kept
    assert not board.entries["disputed"].any()  # one paper's alternatives, never a dispute


def test_lower_is_better_alternatives_show_the_lowest() -> None:
    board = only_board(
        claim(model="M", metric="WER", value=6.3, start=10),
        claim(model="M", metric="WER", value=2.7, start=20),
    )
    assert board.table()["WER (%)"].tolist() == [2.7]


def test_primary_metric_is_the_one_most_papers_report() -> None:
    """On a benchmark the vocabulary lacks (no headline metric to prefer)."""
    fid = [{**c, "dataset": "WidgetBench"} for c in scores("FID", "1", {"A": 9.0, "B": 3.0})]
    one_paper_many_accuracies = [
        claim(model="C", value=v, paper_id="pc", dataset="WidgetBench") for v in (70.0, 71.0, 72.0)
    ]
    board = only_board(*fid, *one_paper_many_accuracies)
    assert board.columns == ("FID", "top-1 accuracy (%)")
    table = board.table()
    assert table["model"].tolist()[:2] == ["B", "A"] and set(table["model"][2:]) == {"C"}
    assert table["rank"].isna().tolist() == [False, False, True]  # C reports no FID: unranked


def test_ties_share_a_rank() -> None:
    board = only_board(*scores("top-1 accuracy", "%", {"A": 80.0, "B": 80.0, "C": 70.0}))
    assert board.table()["rank"].tolist() == [1, 1, 3]


def test_values_in_different_units_get_their_own_columns() -> None:
    board = only_board(
        claim(model="A", metric="latency", unit="s", value=0.002),
        claim(model="A", metric="latency", unit="%", value=78.5, paper_id="p2"),
    )
    assert set(board.columns) == {"latency (s)", "latency (%)"}


# ---- which claims land on which board ---------------------------------------------------


def test_aliases_of_one_benchmark_land_on_one_board() -> None:
    imagenet = [
        claim(dataset=d, model=f"m{i}", value=80.0 + i)
        for i, d in enumerate(["ImageNet", "ImageNet-1K", "ImageNet-1k val"])
    ]
    coco = [
        claim(dataset=d, model=f"d{i}", value=50.0 + i, metric="box AP")
        for i, d in enumerate(["COCO", "MS COCO", "MSCOCO"])
    ]
    boards = boards_by_name(*imagenet, *coco)
    assert set(boards) == {"ImageNet", "COCO"}
    assert boards["ImageNet"].table()["model"].tolist() == ["m2", "m1", "m0"]
    assert len(boards["COCO"].table()) == 3
    assert set(boards["ImageNet"].entries["dataset"]) == {"ImageNet"}


def test_a_benchmark_named_like_a_split_keeps_its_name() -> None:
    boards = boards_by_name(claim(dataset="CLIC Pro Val"), claim(dataset="CLIC Pro", model="M2"))
    assert list(boards) == ["CLIC Pro Val"]


def test_different_benchmarks_stay_apart() -> None:
    names = ["ImageNet", "ImageNet-A", "ImageNet-21K", "Kinetics-400", "Kinetics-600", "COCO", "COCO-20i"]
    boards = boards_by_name(*(claim(dataset=d, model=f"m{i}") for i, d in enumerate(names)))
    assert set(boards) == set(names)
    assert {b.slug for b in boards.values()} == {
        "imagenet", "imagenet-a", "imagenet-21k", "kinetics-400", "kinetics-600", "coco", "coco-20i"
    }  # fmt: skip


def test_a_stated_task_splits_the_board() -> None:
    boards = boards_by_name(
        claim(dataset="COCO", task="object detection", metric="box AP", model="D"),
        claim(dataset="COCO", task="instance segmentation", metric="mask AP", model="S"),
    )
    assert set(boards) == {"COCO (object detection)", "COCO (instance segmentation)"}
    assert {b.slug for b in boards.values()} == {"coco-object-detection", "coco-instance-segmentation"}


def test_comparisons_and_unplaced_scores_are_not_on_boards() -> None:
    boards = build_leaderboards(
        claims_table(
            delta(value=1.5),
            claim(dataset=None),
            claim(metric=None),
        )
    )
    assert boards == []


def test_claims_without_a_model_get_a_row_per_paper() -> None:
    board = only_board(
        claim(model=None, title="A ConvNet for the 2020s", value=87.8),
        claim(
            model=None,
            paper_id="p2",
            title="Scaling Vision Transformers To Gigantic Sizes And Beyond",
            value=90.45,
        ),
        claim(model=" ", paper_id="p3", title="TinyViT: Fast Pretraining Distillation", value=84.8),
    )
    assert board.table()["model"].tolist() == [
        "(unnamed, Scaling Vision Transformers To Gigantic…)",
        "(unnamed, A ConvNet for the 2020s)",
        "(unnamed, TinyViT)",
    ]


# ---- conflicts and baselines -------------------------------------------------------------


def test_conflicting_claims_are_all_kept_and_one_is_shown() -> None:
    papers = papers_table(old="2020-01-01", new="2022-06-01", newest="2023-01-01")
    board = only_board(
        claim(paper_id="old", value=80.0),
        claim(paper_id="new", value=81.0),
        claim(paper_id="newest", value=85.0, bound=">"),
        papers=papers,
    )
    cell = board.entries
    assert len(cell) == 3 and cell["disputed"].all()
    shown = cell[cell["shown"]]
    assert shown["paper_id"].tolist() == ["new"]  # exact beats bounded, then the newest paper
    assert shown["link"].tolist() == ["https://arxiv.org/abs/2101.00001"]
    assert "| 1 | M1 | 81 (disputed) |" in board_markdown(board)


def test_same_value_from_two_papers_is_not_disputed() -> None:
    board = only_board(claim(paper_id="a", value=80.0), claim(paper_id="b", value=80.0, bound="~"))
    assert not board.entries["disputed"].any()
    assert board.shown["bound"].tolist() == ["="]
    assert "(disputed)" not in board_markdown(board)


def test_undated_papers_yield_to_dated_ones() -> None:
    board = only_board(
        claim(paper_id="undated", value=70.0),
        claim(paper_id="dated", value=71.0),
        papers=papers_table(undated=None, dated="2019-01-01"),
    )
    assert board.shown["paper_id"].tolist() == ["dated"]


def test_baseline_scores_are_rows_reported_by_the_citing_paper() -> None:
    title = "PVT: a backbone"
    board = only_board(
        claim(model="PVT", value=40.4, metric="AP", title=title),
        claim(model="RetinaNet+ResNet50", value=36.3, metric="AP", title=title),
        delta(model="PVT", baseline="RetinaNet+ResNet50", value=4.1, metric="AP", title=title),
        claim(model="Old Net", value=30.0, metric="AP", title=title, context="the baseline"),
    )
    table = board.table().set_index("model")
    assert table["AP (%)"].to_dict() == {"PVT": 40.4, "RetinaNet+ResNet50": 36.3, "Old Net": 30.0}
    reported_by = board.shown.set_index("model")["reported_by"]
    assert reported_by.isna().to_dict() == {"PVT": True, "RetinaNet+ResNet50": False, "Old Net": False}
    assert reported_by["RetinaNet+ResNet50"] == title
    assert "| 2 | RetinaNet+ResNet50 | PVT: a backbone | 36.3 |" in board_markdown(board)


# ---- comparisons and progress --------------------------------------------------------------


def test_comparisons_table_holds_deltas_and_ratios_with_provenance() -> None:
    table = build_comparisons(
        claims_table(
            claim(model="A", baseline="B", kind="ratio", direction="up", value=1.4, unit="x", metric="speed"),
            delta(model="A", direction="down", value=2.5, bound="~", metric="error rate", dataset="MS COCO"),
            claim(model="A", value=80.0),
        ),
        papers_table(p1="2021-01-01"),
    )
    assert sorted(table["amount"]) == ["1.4x", "~2.5%"]
    row = table.set_index("amount").loc["1.4x"]
    assert (row["model"], row["baseline"], row["direction"], row["link"]) == (
        "A",
        "B",
        "up",
        "https://arxiv.org/abs/2101.00000",
    )
    assert table.set_index("amount").loc["~2.5%", "dataset"] == "COCO"


def test_progress_tracks_the_best_primary_score_in_its_direction() -> None:
    papers = papers_table(a="2020-01-01", b="2021-01-01", c="2022-01-01", undated=None)
    rows = [
        claim(paper_id=p, model=p, value=v, metric="FID", unit="1")
        for p, v in {"a": 10.0, "b": 12.0, "c": 4.0, "undated": 1.0}.items()
    ]
    points = progress(only_board(*rows, papers=papers))
    assert points["model"].tolist() == ["a", "b", "c", "undated"]  # undated last: the best is the leader's
    assert points["best"].tolist() == [10.0, 10.0, 4.0, 1.0]


def test_progress_plots_the_shown_values_of_own_results_only() -> None:
    papers = papers_table(a="2020-01-01", b="2021-01-01", c="2022-01-01")
    rows = [
        claim(paper_id="a", model="A", value=70.0),
        claim(paper_id="b", model="A", value=75.0, start=30, end=33),  # newer: shown, 70 is not
        claim(paper_id="c", model="B", value=72.0),
        claim(paper_id="c", model="Old", value=99.0, context="the baseline", start=40, end=43),  # cited by c
    ]
    board = only_board(*rows, papers=papers)
    points = progress(board)
    assert sorted(zip(points["model"], points["value"], strict=True)) == [("A", 75.0), ("B", 72.0)]
    assert points["best"].iloc[-1] == 75.0


# ---- schema --------------------------------------------------------------------------------


def ranked_board() -> Board:
    return only_board(*scores("top-1 accuracy", "%", {"A": 80.0, "B": 85.0, "C": 70.0}))


def test_schema_rejects_ranks_against_the_metric_direction() -> None:
    entries = ranked_board().entries
    reversed_ranks = entries.assign(rank=(len(entries) + 1 - entries["rank"]).astype("Int64"))
    with pytest.raises(pa_errors.SchemaError, match="ranked_exactly_by_shown_primary_value"):
        LeaderboardSchema.validate(reversed_ranks)


def test_schema_rejects_two_shown_values_in_one_cell() -> None:
    board = only_board(claim(paper_id="a", value=80.0), claim(paper_id="b", value=81.0))
    with pytest.raises(pa_errors.SchemaError, match="one_shown_claim_per_cell"):
        LeaderboardSchema.validate(board.entries.assign(shown=True))


@pytest.mark.parametrize(
    "change",
    [
        {"unit": "furlongs"},
        {"value": float("inf")},
        {"link": "javascript:alert(1)"},
        {"model": ""},
        {"extra": 1},
    ],
)
def test_schema_rejects_bad_cells(change: dict[str, object]) -> None:
    with pytest.raises((pa_errors.SchemaError, pa_errors.SchemaErrors)):
        LeaderboardSchema.validate(ranked_board().entries.assign(**change))


def test_written_boards_are_checked_against_the_schema(tmp_path: Path) -> None:
    board = ranked_board()
    broken = Board(board.dataset, board.task, board.slug, board.columns, board.entries.assign(rank=1))
    with pytest.raises(pa_errors.SchemaError):
        write_leaderboards([broken], build_comparisons(claims_table(claim())), tmp_path)
    assert not (tmp_path / f"{board.slug}.csv").exists()


# ---- files and escaping ------------------------------------------------------------------------


def test_markdown_cells_escape_pipes_and_line_breaks() -> None:
    assert md_cell("a|b\nc\r\nd") == "a\\|b c d"
    assert md_cell("<img src=x>") == "&lt;img src=x>"
    assert md_cell("<= 3") == "<= 3"
    board = only_board(claim(model="Net|v2\nlarge", title="Pipes | and\nbreaks"))
    table_lines = [line for line in board_markdown(board).splitlines() if line.startswith("| 1 ")]
    assert table_lines == ["| 1 | Net\\|v2 large | 80 | Pipes \\| and breaks |"]


def test_formula_text_is_neutralized_but_numbers_are_not() -> None:
    assert [neutralize(t) for t in ["=cmd()", "+1 more", "@SUM(A1)", "-x", "-2.5", "+3", "plain"]] == [
        "'=cmd()", "'+1 more", "'@SUM(A1)", "'-x", "-2.5", "+3", "plain"
    ]  # fmt: skip


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_cells_starting_a_formula_are_neutralized(tmp_path: Path) -> None:
    rows = [
        claim(model='=HYPERLINK("http://x")', value=-2.5, value_text="-2.5", metric="BD-rate"),
        delta(model="@evil", value=1.0, baseline="+base"),
    ]
    boards = build_leaderboards(claims_table(*rows))
    write_leaderboards(boards, build_comparisons(claims_table(*rows)), tmp_path)
    (entry,) = read_csv(tmp_path / "imagenet.csv")
    assert entry["model"] == '\'=HYPERLINK("http://x")'
    assert (entry["value"], entry["value_text"]) == ("-2.5", "-2.5")  # numbers stay numbers
    (comparison,) = read_csv(tmp_path / "comparisons.csv")
    assert (comparison["model"], comparison["baseline"]) == ("'@evil", "'+base")


def test_written_files_and_index(tmp_path: Path) -> None:
    rows = [
        *scores("top-1 accuracy", "%", {"A": 80.0, "B": 85.0}),
        claim(dataset="COCO", metric="box AP", model="D", value=50.0),
        claim(dataset="COCO", metric="box AP", model="D", value=51.0, paper_id="p9"),
        delta(model="A", baseline="B", value=1.0),
    ]
    table = claims_table(*rows)
    written = write_leaderboards(build_leaderboards(table), build_comparisons(table), tmp_path)
    names = {
        "imagenet.csv",
        "imagenet.md",
        "coco.csv",
        "coco.md",
        "comparisons.csv",
        "comparisons.md",
        "README.md",
        "results.csv",  # one row per board entry (claims.tables.results)
        "model-index/a.yaml",  # the exports (claims.boards.export): a model card's metadata per model
        "model-index/b.yaml",
        "model-index/d.yaml",
        "evaluation-tables.json",
    }
    assert {p.relative_to(tmp_path).as_posix() for p in written} == names
    assert len(read_csv(tmp_path / "coco.csv")) == 2  # both conflicting claims, one file
    index = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "| ImageNet | 2 | 2 | top-1 accuracy (%), higher is better | B (85), B: a paper |" in index
    assert "| COCO | 1 | 2 |" in index
    assert "(1 claims)" in index


def test_rewriting_removes_boards_that_are_gone_and_nothing_else(tmp_path: Path) -> None:
    both = claims_table(claim(), claim(dataset="COCO", model="D"))
    write_leaderboards(build_leaderboards(both), build_comparisons(both), tmp_path)
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    one = claims_table(claim())
    write_leaderboards(build_leaderboards(one), build_comparisons(one), tmp_path)
    assert not (tmp_path / "coco.csv").exists() and not (tmp_path / "coco.md").exists()
    assert (tmp_path / "imagenet.csv").exists() and (tmp_path / "notes.md").exists()


def test_no_claims_give_no_boards_but_still_an_index(tmp_path: Path) -> None:
    empty = claims_table(claim()).iloc[0:0]
    assert build_leaderboards(empty) == []
    write_leaderboards([], build_comparisons(empty), tmp_path)
    assert "0 boards" in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert read_csv(tmp_path / "comparisons.csv") == []


def test_an_unnamed_level_beside_a_named_score_is_the_compared_systems() -> None:
    sentence = "Compared with distillation, M improves FID from 37.3 to 23.8 on COCO."
    board = only_board(
        claim(model=None, metric="FID", unit="1", value=37.3, sentence=sentence, start=40),
        claim(model="M", metric="FID", unit="1", value=23.8, sentence=sentence, start=48),
    )
    reported = board.shown.set_index("value")["reported_by"]
    assert pd.isna(reported[23.8]) and reported[37.3] == "Paper One: a study"

"""Cost columns: parameters, FLOPs and latency that a paper states for a model beside its scores."""

from __future__ import annotations

from board_claims import claim, claims_table

from claims.boards.leaderboard import build_comparisons, build_leaderboards
from claims.boards.webpage import report_html

SENTENCE = "SMT with 11.5M / 2.4GFLOPs and 32M / 7.7GFLOPs can achieve 82.2% and 84.3% top-1 accuracy on ImageNet."


def cost(value: float, metric: str = "parameters", **fields: object) -> dict[str, object]:
    """A cost claim that names no benchmark."""
    return claim(**{"model": "SMT", "dataset": None, "metric": metric, "unit": "count", "value": value,
                    "value_text": f"{value:g}", "sentence": SENTENCE, **fields})  # fmt: skip


SMT = [
    cost(11.5e6, start=9, end=14),
    cost(2.4e9, "FLOPs", start=17, end=26),
    cost(32e6, start=31, end=34),
    cost(7.7e9, "FLOPs", start=37, end=46),
    claim(model="SMT", value=82.2, sentence=SENTENCE, start=59, end=64),
    claim(model="SMT", value=84.3, sentence=SENTENCE, start=69, end=74),
]


def test_costs_stated_beside_scores_stand_in_the_same_rows_paired_in_order() -> None:
    (board,) = build_leaderboards(claims_table(*SMT))
    assert board.columns == ("top-1 accuracy (%)", "FLOPs (count)", "parameters (count)")
    table = board.table().set_index("variant")
    # one row per model and stated conditions: the paper's best score, with the costs stated in its place
    assert table.loc[:, ["top-1 accuracy (%)", "parameters (count)", "FLOPs (count)"]].values.tolist() == [
        [84.3, 32e6, 7.7e9],
    ]
    assert table["rank"].tolist() == [1]  # ranked by the score, never by a cost
    page = report_html([board], build_comparisons(claims_table(*SMT)))
    assert ">32M<" in page and ">7.7 GFLOPs<" in page  # in human units


def test_costs_join_only_the_same_papers_same_model() -> None:
    rows = [
        claim(model="A", value=80.0),
        cost(5e6, model="B"),  # another model of the same paper
        cost(7e6, model="A", paper_id="p2", title="Another paper"),  # the same name in another paper
        claim(model="B", value=70.0, paper_id="p3", title="Third", dataset="Kinetics-400"),
    ]
    boards = build_leaderboards(claims_table(*rows))
    assert [b.columns for b in boards] == [("top-1 accuracy (%)",), ("top-1 accuracy (%)",)]


def test_a_cost_reaches_every_board_the_model_is_scored_on() -> None:
    rows = [
        claim(model="A", value=80.0),
        claim(model="A", value=50.0, dataset="COCO", metric="box AP", start=30, end=33),
        cost(5e6, model="A", start=40, end=43),
    ]
    boards = build_leaderboards(claims_table(*rows))
    assert sorted(b.dataset for b in boards) == ["COCO", "ImageNet"]
    assert all(b.table()["parameters (count)"].tolist() == [5e6] for b in boards)

"""`claims run` on a folder of full papers in mixed formats: boards take table, text and abstract claims,
each entry says where it came from, leaderboards/results.csv lists them, and the NLP-TDMS score reads it."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from tables_fixtures import LATEX, SHARED, TDMS_DEV, write_paper

from claims.cli import main
from claims.tables.results import RESULT_COLUMNS
from claims.tables.score import tdms_score


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One run on a folder mixing a paper's PDF-table JSON + TEI + text, a TEI-only paper and a listing of
    abstracts."""
    folder = tmp_path_factory.mktemp("papers")
    write_paper(folder)
    write_paper(folder, stem="2101.00002", text=False)
    (folder / "tables" / "2101.00002.json").unlink()  # that paper: its TEI alone
    (folder / "2102.00003.tex").write_text(LATEX, encoding="utf-8")  # a LaTeX source beside them
    listing = {"title": "A listed paper", "abstract": "Our LSTM reaches 88.1% accuracy on SST-2."}
    (folder / "listing.jsonl").write_text(json.dumps(listing) + "\n", encoding="utf-8")  # an abstract beside them
    out = tmp_path_factory.mktemp("out")
    assert main(["run", str(folder), "-o", str(out)]) == 0
    return folder, out


def test_results_csv_lists_board_entries_with_their_origin_and_cell(run):
    folder, out = run
    results = pd.read_csv(out / "leaderboards" / "results.csv")
    assert list(results.columns) == RESULT_COLUMNS
    table = results[(results["origin"] == "table") & results["own"]]
    best = table[table["paper"].astype(str) == "2101.00001"].iloc[0]
    assert (best["dataset"], best["metric"], best["value"], best["model"]) == ("CoNLL-2003", "F1", 91.62, "GraphNER")
    assert (best["table_id"], best["row"], best["col"]) == ("Table 2", 3, 0)
    assert best["source"] == str(folder / "tables" / "2101.00001.json")
    baselines = results[~results["own"]]
    assert {"Lample et al. (2016)", "Ma and Hovy (2016)"} <= set(baselines["model"])
    assert set(results["origin"]) <= {"abstract", "text", "table"}


def test_board_entries_show_where_they_came_from_and_a_table_abstract_disagreement_is_disputed(run):
    _, out = run
    board = pd.read_csv(out / "leaderboards" / "conll-2003-named-entity-recognition.csv")
    mine = board[board["model"] == "GraphNER"]
    assert {"abstract", "table"} <= set(mine["origin"])  # the abstract's 91.4, the table's 91.62
    assert mine["disputed"].all()
    cell = mine[mine["origin"] == "table"].iloc[0]
    assert cell["table_id"] == "Table 2" and "[row: GraphNER ( ours )" in cell["sentence"]


def test_claims_table_keeps_every_cell_and_the_annotations_are_not_read(run):
    folder, out = run
    claims = pd.read_csv(out / "claims.csv")
    assert {"abstract", "table", "text"} <= set(claims["origin"])
    assert 91.38 in set(claims["value"])  # a variant's cell: in the claims, not on a board
    with open(out / "claims.papers.csv", encoding="utf-8", newline="") as handle:
        ids = {row["paper_id"] for row in csv.DictReader(handle)}
    assert len(ids) == 4 and {"2101.00001", "2101.00002", "2102.00003"} < ids  # the listing's paper too
    assert "A listed paper" in set(claims["title"])  # results.jsonl and papers.jsonl are not papers


def test_a_folder_without_a_readable_paper_writes_nothing(tmp_path, capsys):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "x.tei.xml").write_text("<TEI>", encoding="utf-8")
    assert main(["run", str(tmp_path), "-o", str(tmp_path / "out")]) == 1
    assert "x.tei.xml: not a TEI XML file" in capsys.readouterr().err
    assert not (tmp_path / "out" / "leaderboards").exists()


@pytest.mark.skipif(not TDMS_DEV.is_dir(), reason="the shared NLP-TDMS folder is not here")
def test_the_tdms_score_is_the_shared_scorer_s_lines(tmp_path):
    predictions = tmp_path / "results.csv"
    predictions.write_text(
        "source,dataset,metric,value,own\n"
        "tables/1603.01354.json,CoNLL 2003,F1,91.21,true\n"
        "tables/1603.01354.json,Penn Treebank,accuracy,97.55,false\n"
        "tables/1603.01354.json,Penn Treebank,accuracy,12.0,true\n",
        encoding="utf-8",
    )
    lines = tdms_score(predictions, TDMS_DEV, SHARED / "eval" / "tdms_score.py")
    assert lines[0].startswith("papers ") and "predicted 2" in lines[0]
    assert lines[1].startswith("dataset+metric+value") and "(1 matched)" in lines[1]


def test_a_latex_source_in_the_same_folder_gives_board_entries_from_its_table(run):
    folder, out = run
    results = pd.read_csv(out / "leaderboards" / "results.csv")
    tex = results[results["source"] == str(folder / "2102.00003.tex")]
    own = tex[tex["own"] & (tex["origin"] == "table")].iloc[0]
    assert (own["value"], own["metric"], own["model"]) == (97.61, "accuracy", "TagFormer")
    assert own["dataset"] == "Penn Treebank POS" and own["table_id"] == "Table 1"

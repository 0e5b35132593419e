"""Table understanding by rules: results tables, metrics, datasets, splits and whose row a cell is;
table cells as claims with provenance; which of them go on boards."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from tables_fixtures import write_paper

from claims.tables.cells import bold_own_roles, caption_marks_bold_own, table_claims
from claims.tables.frame import FullPaper
from claims.tables.fulltext import paragraphs, reads_section
from claims.tables.pipeline import body_claims
from claims.tables.readers import read_full_papers
from claims.tables.select import board_claims
from claims.tables.understand import Cast, is_results_table, meaning, measured_in, merged_order, parse_cell, tidy

CAST = Cast("GraphNER", ("graphner",), ("CoNLL-2003", "Penn Treebank POS"), "GraphNER: NER with graphs")


def _cells(texts: list[str], col_label: str = "F1") -> list[dict]:
    return [{"text": t, "header": False, "col_label": col_label, "row_label": "m"} for t in texts]


@pytest.mark.parametrize(
    ("caption", "texts", "expected"),
    [
        ("Table 2: Results on CoNLL-2003.", ["91.2", "90.8", "89.9"], True),
        ("Table 4: Comparison with previous work.", ["91.2", "90.8"], True),
        ("Table 1: Hyper-parameters for all experiments.", ["0.5", "0.01"], False),
        ("Table 5: Ablation study on the dev set.", ["91.2", "90.1"], False),
        ("Table 3: Statistics of the datasets.", ["14041", "3250", "3453"], False),
        ("Table 6: Results.", ["14041", "3250", "3453"], False),  # counts, not scores
        ("Table 3: Test error rates (%) on the datasets used by Zhang et al. (2015).", ["5.01", "0.80"], True),
        ("Table 1: Summary of the datasets used.", ["0.52", "0.31"], False),
        ("Table 5: Comparison of human readability scores on a random subset of the test set.", ["7.1", "6.3"], False),
    ],
)
def test_results_tables_are_told_from_statistics_settings_and_ablations(caption, texts, expected):
    assert is_results_table(caption, _cells(texts)) is expected


def test_a_table_without_results_words_is_one_when_its_headers_name_a_metric():
    assert is_results_table("Table 7: Our models.", _cells(["91.2", "90.1"], "Test / Acc."))
    assert not is_results_table("Table 7: Our models.", _cells(["91.2", "90.1"], "Layer"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("97.55", ("97.55", 97.55, None)), ("91.2±0.1", ("91.2", 91.2, None)), (".52", (".52", 0.52, None)),
     ("85.6%", ("85.6", 85.6, "%")), ("1,234.5", ("1,234.5", 1234.5, None)), ("+1.2", None), ("-", None)],
)  # fmt: skip
def test_a_cell_states_its_first_number_and_a_signed_one_is_a_difference(text, expected):
    assert parse_cell(text) == expected


def test_headers_spaced_by_pdf_extraction_are_read_as_written():
    assert tidy("Rouge - 1") == "Rouge-1" and tidy("F 1") == "F1" and tidy("Acc .") == "Acc."
    assert tidy("ROUGE / 1") == "ROUGE-1" and tidy("Hits / @10") == "Hits@10"
    assert tidy("Dev / F 1") == "Dev / F1"  # the levels of a header stay apart
    assert tidy("Dev / F / 1") == "Dev / F1" and tidy("F / 10") == "F / 10"  # a subscript set apart as a level


def test_a_cell_reads_metric_dataset_split_and_role_from_headers_caption_and_cast():
    caption = "Table 2: Test results on CoNLL-2003."
    own = meaning("GraphNER ( ours )", "Test / F 1", caption, CAST)
    assert (own.metric, own.dataset, own.dataset_from, own.split, own.role) == (
        "F1",
        "CoNLL-2003",
        "caption",
        None,
        "own",
    )
    assert meaning("Lample et al . ( 2016 )", "Test / F 1", caption, CAST).role == "baseline"
    assert meaning("BiLSTM", "Test / F 1", caption, CAST).role == "other"
    assert meaning("GraphNER - large", "Dev / F 1", caption, CAST).split == "dev"
    assert meaning("Human performance", "F1", caption, CAST).role == "none"
    assert meaning("Lead-3 baseline ( ours )", "R - 1", caption, CAST).role == "baseline"
    assert meaning("GraphNER ( our reimplementation )", "F1", caption, CAST).role == "baseline"


def test_a_header_naming_a_task_means_the_paper_s_benchmark_of_that_task():
    caption = "Table 3: Performance of our model on the two tasks."
    ner = meaning("GraphNER", "NER / Test / F1", caption, CAST)
    pos = meaning("GraphNER", "POS / Test / Acc.", caption, CAST)
    assert (ner.dataset, ner.dataset_from) == ("CoNLL-2003", "task")
    assert (pos.dataset, pos.metric) == ("Penn Treebank POS", "accuracy")
    # a task the paper has no benchmark of is not its other benchmark
    assert meaning("GraphNER", "SRL / F1", caption, CAST).dataset is None
    # nor is the task's benchmark one whose results are never in the cell's metric
    assert meaning("GraphNER", "POS / BLEU", caption, CAST).dataset is None


def test_table_claims_carry_their_cell_as_provenance(tmp_path):
    paper = read_full_papers([write_paper(tmp_path)])[0]
    claims = table_claims(paper)
    assert set(claims["table_id"]) == {"Table 2"}  # the hyper-parameter table gives none
    assert all(
        s[a:b] == t
        for s, a, b, t in zip(claims["sentence"], claims["start"], claims["end"], claims["value_text"], strict=True)
    )
    best = claims[claims["value"] == 91.62].iloc[0]
    assert best["origin"] == "table" and best["own"] and best["bold"] and best["model"] == "GraphNER"
    assert (
        best["sentence"].startswith("Table 2: Test results on CoNLL-2003")
        and "[row: GraphNER ( ours )" in best["sentence"]
    )
    assert (best["row"], best["col"]) == (3, 0)


def test_boards_take_the_paper_s_best_own_test_result_and_the_baselines_beside_it(tmp_path):
    paper = read_full_papers([write_paper(tmp_path)])[0]
    claims = body_claims([paper], [])
    chosen = board_claims(claims)
    table = chosen[chosen["origin"] == "table"]
    own = table[table["own"].eq(True)]
    assert own["value"].tolist() == [91.62]  # bold, test set: not the dev 94.10, not the variant's 91.38
    assert set(table[table["role"] == "baseline"]["value"]) == {90.94, 91.21}
    assert 91.38 in set(claims["value"])  # every cell stays in the claims table


def test_only_results_sections_are_read_and_sections_are_cut_into_paragraphs():
    assert reads_section("5 Results") and reads_section("4.2 Main Results") and reads_section("Experiments")
    assert not reads_section("2 Related Work") and not reads_section("Introduction")
    long = ("A sentence of words. " * 2000).strip()
    parts = paragraphs(long + "\nSecond paragraph.", limit=1000)
    assert all(len(p) <= 1000 for p in parts) and parts[-1] == "Second paragraph."
    assert "".join(parts[:-1]).replace(" ", "") == long.replace(" ", "")


def test_a_related_work_number_is_never_the_paper_s(tmp_path):
    paper = read_full_papers([write_paper(tmp_path)])[0]
    text = body_claims([paper], [])
    text = text[text["origin"] == "text"]
    assert 90.9 not in set(text["value"])
    assert set(text["table_id"]) <= {"5 Results"}


def test_a_paper_without_tables_or_sections_gives_no_body_claims():
    assert body_claims([FullPaper("p", "p.json")], []).empty
    assert isinstance(body_claims([FullPaper("p", "p.json")], []), pd.DataFrame)


def test_a_split_numbered_by_its_size_is_off_the_test_set():
    caption = "Table 4: Results on the Gigaword valid-2000 set."
    assert meaning("GraphNER", "Gigaword Valid - 2000 / R - 1", caption, CAST).split == "dev"
    assert meaning("GraphNER", "R - 1", "Table 7: Results on the Gigaword test-1951 set.", CAST).split is None
    assert meaning("GraphNER", "BLEU", "Table 7: MS MARCO devset results.", CAST).split == "dev"  # one word


def test_a_generic_header_metric_gives_way_to_the_one_the_caption_names():
    caption = "Table 3: Bits-per-character on the text8 test sequence."
    assert meaning("GraphNER", "performance of models / text8", caption, CAST).metric == "bits per character"
    assert meaning("GraphNER", "performance", "Table 3: Results on text8.", CAST).metric == "performance"


def test_an_uncited_bold_row_is_the_paper_s_own_only_in_a_table_comparing_with_cited_work():
    assert bold_own_roles(["baseline", "other", "other"], [False, True, False]) == ["baseline", "own", "other"]
    # a table that names the paper's rows says which are its own; one citing nothing compares with nothing
    assert bold_own_roles(["baseline", "own", "other"], [False, False, True]) == ["baseline", "own", "other"]
    assert bold_own_roles(["other", "other"], [True, False]) == ["other", "other"]
    # a caption presenting the paper's own models ("Test error of our models") makes its bold rows the paper's
    assert bold_own_roles(["other", "other"], [True, False], captioned_own=True) == ["own", "other"]
    # ... as does one saying the rows it compares with are other papers' results
    assert caption_marks_bold_own("Table 2: Accuracy on the test set. The first six rows are taken from [3].")
    assert caption_marks_bold_own("Table 4: Test error of our models.")
    assert not caption_marks_bold_own("Table 2: Accuracy on the test set.")


def test_a_cell_naming_no_benchmark_takes_the_paper_s_benchmark_measured_in_its_metric():
    cast = Cast("GraphNER", ("graphner",), ("IMDb", "WMT 2014 English-German"), "GraphNER")
    caption = "Table 5: Our models."
    assert meaning("GraphNER", "BLEU", caption, cast).dataset == "WMT 2014 English-German"
    assert meaning("GraphNER", "Acc.", caption, cast).dataset == "IMDb"
    assert meaning("GraphNER", "MRR", caption, cast).dataset is None  # no benchmark of the paper's is in MRR


def test_a_header_part_naming_a_benchmark_by_its_table_short_name_is_that_benchmark():
    caption = "Table 5: Test error rates of our models."
    assert meaning("GraphNER", "DBP .", caption, CAST).dataset == "DBpedia"
    assert meaning("GraphNER", "Unsup . / Yelp . f", caption, CAST).dataset == "Yelp Review Full"
    assert meaning("GraphNER", "PKU / F", caption, CAST).dataset == "PKU"
    # a short name is a whole header part, never a piece of a longer one
    assert meaning("GraphNER", "AGE / F1", "Table 5: Results.", CAST).dataset != "AG News"


def test_an_abstract_number_of_a_paper_with_results_tables_goes_on_boards_only_when_a_table_states_it():
    def claim(paper: str, origin: str, value: float, **more: object) -> dict:
        return {"paper_id": paper, "origin": origin, "value": value, "metric": "F1", "dataset": "CoNLL-2003",
                "kind": "score", "split_kind": None, "own": True, "role": "own", "table_id": "Table 2",
                "dataset_from": "caption", "bold": True, "row": 1, "col": 1,
                "sentence": "Table 2: Results on CoNLL-2003."} | more  # fmt: skip

    claims = pd.DataFrame(
        [
            claim("a", "table", 91.62),
            claim("a", "abstract", 91.62),  # the table's number, restated
            claim("a", "abstract", 3.65, metric="error rate", dataset="CIFAR-10"),  # no table of the paper's holds it
            claim("b", "abstract", 88.1),  # a paper without tables keeps its abstract's claims
        ]
    )
    shown = board_claims(claims)
    assert sorted(zip(shown["paper_id"], shown["origin"], shown["value"], strict=True)) == [
        ("a", "abstract", 91.62), ("a", "table", 91.62), ("b", "abstract", 88.1)
    ]  # fmt: skip


def test_a_header_naming_a_language_pair_means_the_benchmark_of_that_pair():
    cast = Cast("Transformer", ("transformer",), ("WMT 2014 English-German",), "Attention")
    caption = "Table 2: BLEU scores on the WMT 2014 English-German and English-French newstest2014 tests."
    assert meaning("Transformer", "BLEU / EN - DE", caption, cast).dataset == "WMT 2014 English-German"
    # the pair not named as a benchmark: the paper's benchmark of another pair, with this one put in
    assert meaning("Transformer", "EN - FR / BLEU", caption, cast).dataset == "WMT 2014 English-French"
    assert meaning("Transformer", "De→En / BLEU", caption, cast).dataset == "WMT 2014 German-English"


def test_response_selection_headers_name_recall_at_k_of_n_candidates():
    caption = "Table 3: Evaluation results on the two data sets."
    assert meaning("SMN", "Ubuntu Corpus / R10@1", caption, CAST).metric == "R10@1"
    assert meaning("SMN", "Ubuntu Corpus / R2@1", caption, CAST).metric == "R2@1"


def test_a_table_neither_comparing_nor_captioned_with_its_benchmark_or_as_the_paper_s_gives_no_board_result():
    def cell(table: str, caption: str, value: float, role: str = "own", **more: object) -> dict:
        return {"paper_id": "a", "origin": "table", "value": value, "metric": "F1", "dataset": "CoNLL-2003",
                "kind": "score", "split_kind": None, "own": role == "own", "role": role, "table_id": table,
                "dataset_from": "header", "bold": True, "row": 1, "col": 1, "model": "m",
                "sentence": f"{caption} [row: m | column: F1 | cell: {value}]"} | more  # fmt: skip

    analysis = "Table 6: F1 by sentence length."
    assert board_claims(pd.DataFrame([cell("Table 6", analysis, 95.1)])).empty
    mine = "Table 5: F1 of our models."
    assert board_claims(pd.DataFrame([cell("Table 5", mine, 91.2)]))["value"].tolist() == [91.2]
    named = cell("Table 4", "Table 4: Results on CoNLL-2003.", 91.3, dataset_from="caption")
    assert board_claims(pd.DataFrame([named]))["value"].tolist() == [91.3]
    compared = [
        cell("Table 2", "Table 2: Comparison.", 91.4),
        cell("Table 2", "Table 2: Comparison.", 90.9, "baseline"),
    ]
    assert board_claims(pd.DataFrame(compared))["value"].tolist() == [91.4, 90.9]


def test_a_cell_under_a_column_header_holding_a_caption_has_no_known_column(tmp_path):
    folder = write_paper(tmp_path)
    tables = json.loads((folder / "tables" / "2101.00001.json").read_text(encoding="utf-8"))
    tables[1]["numberCells"].append(  # PDF extraction gave another table's number the caption's line as header
        {"number": "47.22", "isBolded": True, "associatedRows": ["GraphNER ( ours )"],
         "associatedColumns": ["Table 2 : Test results on CoNLL-2003"], "associatedMergedColumns": []}
    )  # fmt: skip
    (folder / "tables" / "2101.00001.json").write_text(json.dumps(tables), encoding="utf-8")
    claims = table_claims(read_full_papers([folder])[0])
    assert 47.22 not in set(claims["value"]) and 91.62 in set(claims["value"])


def test_a_header_merged_from_rouge_columns_gives_each_number_of_a_row_its_rouge(tmp_path):
    assert merged_order("Rouge - 1 Rouge - 2 Rouge - L", 3) == ("ROUGE-1", "ROUGE-L", "ROUGE-2")
    assert merged_order("R-1 R-2", 2) == ("ROUGE-1", "ROUGE-2")
    assert merged_order("Rouge - 1 Rouge - 2 Rouge - L", 2) is None  # not one number per metric
    assert merged_order("P R F1", 3) is None  # no order their values keep
    folder = write_paper(tmp_path)
    tables = json.loads((folder / "tables" / "2101.00001.json").read_text(encoding="utf-8"))
    merged = ["Rouge - 1 Rouge - 2 Rouge - L"]
    tables[1]["numberCells"] = [
        {"number": n, "isBolded": True, "associatedRows": ["GraphNER ( ours )"], "associatedColumns": merged,
         "associatedMergedColumns": []} for n in ("38.1", "13.9", "34.0")
    ]  # fmt: skip
    (folder / "tables" / "2101.00001.json").write_text(json.dumps(tables), encoding="utf-8")
    claims = table_claims(read_full_papers([folder])[0])
    assert dict(zip(claims["value"], claims["metric"], strict=True)) == {
        38.1: "ROUGE-1", 34.0: "ROUGE-L", 13.9: "ROUGE-2"
    }  # fmt: skip


def test_precision_and_recall_columns_beside_an_f1_are_theirs_and_on_no_board():
    caption = "Table 1: Results on the CoNLL-2003 test set. The final column (Avg. F1) is the main metric."
    assert meaning("GraphNER", "MUC / Rec .", caption, CAST).metric == "recall"
    assert meaning("GraphNER", "MUC / Prec .", caption, CAST).metric == "precision"
    assert meaning("GraphNER", "Avg . F1", caption, CAST).metric == "F1"
    cells = [
        {"paper_id": "a", "origin": "table", "value": v, "metric": m, "dataset": "CoNLL-2003", "kind": "score",
         "split_kind": None, "own": True, "role": "own", "table_id": "Table 1", "dataset_from": "caption",
         "bold": True, "row": 1, "col": c, "model": "m", "sentence": f"{caption} [row: m | column: {m} | cell: {v}]"}
        for c, (m, v) in enumerate([("precision", 93.1), ("recall", 90.2), ("F1", 91.6)])
    ]  # fmt: skip
    assert board_claims(pd.DataFrame(cells))["metric"].tolist() == ["F1"]


def test_a_metric_of_no_task_the_caption_names_takes_no_benchmark_of_the_paper():
    cast = Cast("GraphNER", ("graphner",), ("IWSLT14", "Penn Treebank (Stanford Dependencies)"), "GraphNER")
    caption = "Table 2: The dependency parsing results."
    assert meaning("Ensemble ( 20 )", "BLEU", caption, cast).dataset is None  # another table's column, merged in
    assert meaning("Ensemble ( 20 )", "BLEU", "Table 2: Results.", cast).dataset == "IWSLT14"
    # a task the vocabulary does not know ("the picking task") is of no benchmark of the paper's
    assert meaning("100", "Accuracy", "Table 2: Accuracy (%) for the picking task.", cast).dataset is None


def test_a_map_header_is_mean_average_precision_and_hypernym_discovery_is_measured_in_it():
    assert meaning("Glimmer", "( a ) English Corpus / MAP", "Table 1: Results.", CAST).metric == "mAP"
    assert measured_in("SemEval-2018 Task 9", "mAP") and not measured_in("SemEval-2018 Task 9", "BLEU")


def test_a_header_level_of_one_letter_p_r_or_f_is_precision_recall_or_f_score():
    caption = "Table 4: Segmentation results on three test sets."
    assert meaning("Glimmer", "+ Pre - train / NetBank / P", caption, CAST).metric == "precision"
    assert meaning("Glimmer", "+ Pre - train / NetBank / R", caption, CAST).metric == "recall"
    assert meaning("Glimmer", "+ Pre - train / NetBank / F / -", caption, CAST).metric == "F1"
    assert meaning("Glimmer", "Yelp F .", caption, CAST).metric is None  # a letter inside a header: "Yelp Full"


def test_a_multimodal_sentiment_table_s_a2_is_binary_accuracy_and_a7_another_measure():
    caption = "Table 1: Sentiment analysis results on CMU-MOSI."
    assert meaning("MARN", "( - ) / Binary / A 2 / -", caption, CAST).metric == "accuracy"
    assert meaning("MARN", "Multiclass / A 7", caption, CAST).metric is None


def test_a_row_bearing_the_mark_a_caption_gives_cited_results_is_a_baseline():
    caption = "Table 3: ROUGE F1 on Gigaword. † indicates the value is cited from the corresponding paper."
    assert meaning("FTSum † / 3 Sum", "RG - 1", caption, CAST).role == "baseline"
    assert meaning("PIPELINE / 3 Sum / †", "RG - 1", caption, CAST).role == "other"  # the mark of a later part
    significance = "Table 3: ROUGE F1 on Gigaword. * indicates statistical significance over the baseline."
    assert meaning("FTSum *", "RG - 1", significance, CAST).role == "other"
    reruns = "Table 5: Results with * are from our runs on their released implementations."
    assert meaning("LSTM-CRF *", "F1", reruns, CAST).role == "baseline"
    # a mark another caption of the paper gives cited results ("Notation follows that of Table 2")
    marked = Cast("GraphNER", ("graphner",), ("CoNLL-2003",), "GraphNER", frozenset({"†"}))
    assert meaning("FTSum †", "RG - 1", "Table 4: ROUGE F1. Notation follows Table 2.", marked).role == "baseline"

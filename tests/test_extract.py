"""The extractor's rules, one language pattern of abstracts at a time.

Each case is a sentence written for the test (no paper's own wording) and the
fields a careful reader gives its numbers (tests/gold/GUIDELINES.md). The gold
figures (test_accuracy.py) say how well the rules do together; these say what
each rule does, so a change that breaks one shows which.
"""

from __future__ import annotations

import pandas as pd
import pytest

import claims

TITLE = "NetX: A Test Network for Image Recognition"


def claims_of(abstract: str, title: str = TITLE) -> pd.DataFrame:
    papers = pd.DataFrame({"paper_id": ["p1"], "title": [title], "abstract": [abstract]})
    return claims.extract(papers, failures=[]).fillna("")


def row(table: pd.DataFrame, value_text: str) -> pd.Series:
    rows = table[table.value_text == value_text]
    assert len(rows) == 1, f"{value_text!r} in {table.value_text.tolist()}"
    return rows.iloc[0]


# --------------------------------------------------------------------------- numbers as written


@pytest.mark.parametrize(
    ("sentence", "value_text", "value", "unit"),
    [
        ("NetX reaches 87.7\\% top-1 accuracy on ImageNet.", "87.7\\%", 87.7, "%"),
        ("NetX runs 16times faster than ResNet-50.", "16times", 16.0, "x"),
        ("NetX is 1.4x faster than ResNet-50.", "1.4x", 1.4, "x"),
        ("NetX has only 21M parameters.", "21M", 21_000_000.0, "count"),
        ("NetX needs 4.5 GFLOPs.", "4.5 GFLOPs", 4.5e9, "count"),
        ("NetX answers within a latency of 1.6 ms on a phone.", "1.6 ms", 0.0016, "s"),
        ("NetX reaches an FID of 12.7 on FFHQ.", "12.7", 12.7, "1"),
        ("NetX reaches 55.7 mIoU on ADE20K.", "55.7", 55.7, "%"),
        ("NetX is 3-4times faster than ResNet-50.", "3-4times", 4.0, "x"),
    ],
)
def test_a_number_is_read_with_its_unit_and_canonical_value(sentence, value_text, value, unit) -> None:
    claim = row(claims_of(sentence), value_text)
    assert claim.value == pytest.approx(value)
    assert claim.unit == unit


def test_a_fraction_of_one_on_a_percent_metric_is_scaled_but_a_change_is_not() -> None:
    table = claims_of("NetX reaches a ROC AUC of 0.76 on the test set, and improves box AP by +0.9 on COCO.")
    assert row(table, "0.76").value == pytest.approx(76.0)
    assert row(table, "+0.9").value == pytest.approx(0.9)


@pytest.mark.parametrize(
    ("sentence", "value_text", "bound"),
    [
        ("NetX reduces latency by up to 50% on a phone.", "50%", "<="),
        ("NetX reduces latency by about 30% on a phone.", "30%", "~"),
        ("NetX is ~20x faster than ResNet-50.", "~20x", "~"),
        ("NetX is more than 3x faster than ResNet-50.", "3x", ">"),
        ("NetX reaches at least 80% top-1 accuracy on ImageNet.", "80%", ">="),
        ("NetX reaches 80.1% top-1 accuracy on ImageNet.", "80.1%", "="),
    ],
)
def test_bound_words_and_symbols(sentence, value_text, bound) -> None:
    assert row(claims_of(sentence), value_text).bound == bound


def test_a_change_from_one_value_to_another_is_two_results_but_a_span_is_one_range() -> None:
    table = claims_of("Under blur, the accuracy of ResNet-50 falls from 76.2% to 51.9% on ImageNet.")
    assert [(c.value, c.kind, c.metric) for c in table.itertuples()] == [
        (76.2, "score", "accuracy"),
        (51.9, "score", "accuracy"),
    ]
    spanning = claims_of("NetX models reach top-1 accuracies ranging from 80.1% to 82.4% on ImageNet.")
    assert spanning[["value_text", "value", "bound"]].values.tolist() == [["80.1% to 82.4%", 82.4, "<="]]


def test_the_value_before_an_arrow_takes_the_unit_and_metric_of_the_value_after() -> None:
    table = claims_of("NetX cuts training cost (64.5 rightarrow 2.5 GPU days) and FID (41.2 rightarrow 19.6 FID).")
    before, after = row(table, "64.5"), row(table, "2.5 GPU days")
    assert (before.value, before.unit) == (64.5 * 86400, "s") and after.value == pytest.approx(2.5 * 86400)
    assert (row(table, "41.2").metric, row(table, "41.2").unit) == ("FID", "1")


def test_tex_math_delimiters_left_in_page_text_do_not_hide_a_claim() -> None:
    table = claims_of("NetX gives up to 3.7\\times$ latency reductions and 27.5%$ energy savings on GPUs.")
    saving = row(table, "27.5%")
    assert (saving.metric, saving.kind, saving.direction) == ("energy", "delta", "down")
    assert saving.sentence.count("$") == 2  # provenance stays verbatim


def test_an_abbreviation_given_to_a_benchmark_names_it_later() -> None:
    table = claims_of(
        "NetX is state of the art on the Clotho (CL) dataset. "
        "It reaches SPIDEr scores of 33.8% and 47.2% on CL and AudioCaps, respectively."
    )
    first = row(table, "33.8%")
    assert (first.dataset, first.metric, first.unit) == ("Clotho", "SPIDEr", "%")


@pytest.mark.parametrize(
    ("sentence", "value_text", "dataset"),
    [
        ("NetX brings a substantial gain (~2%) in accuracy on ImageNet.", "~2%", "ImageNet"),
        (
            "NetX surpasses prior work by a large margin on two benchmarks, namely, 6.8% on Alpha-Step "
            "and 2.2% on BetaAlign.",
            "6.8%",
            "Alpha-Step",
        ),
    ],
)
def test_a_change_named_before_a_parenthesis_or_a_namely_list_is_a_delta(sentence, value_text, dataset) -> None:
    claim = row(claims_of(sentence), value_text)
    assert (claim.kind, claim.direction, claim.dataset) == ("delta", "up", dataset)


def test_numbers_for_settings_in_a_list_share_the_change_before_them() -> None:
    table = claims_of("NetX brings an improvement of 11.4% for 4-bit and 23.6% for 3-bit on average.")
    assert table.value_text.tolist() == ["11.4%", "23.6%"]
    assert set(table.kind) == {"delta"}


def test_utilizing_a_share_of_the_parameter_count_is_a_ratio_down() -> None:
    claim = row(claims_of("NetX matches ResNet-50 while utilizing less than 15\\% of the parameter count."), "15\\%")
    assert (claim.kind, claim.direction, claim.metric, claim.bound) == ("ratio", "down", "parameters", "<")


@pytest.mark.parametrize(
    ("sentence", "value_text", "metric", "value"),
    [
        ("Our fused kernel outperforms the reference kernel by 4.4x on a GPU.", "4.4x", "speed", 4.4),
        ("NetX brings more than 5times efficiency improvement over baselines.", "5times", "efficiency", 5.0),
        ("Its autoencoder reaches a compression ratio of 1:48.", "1:48", "compression ratio", 48.0),
    ],
)
def test_factors_name_what_they_multiply(sentence, value_text, metric, value) -> None:
    claim = row(claims_of(sentence), value_text)
    assert (claim.kind, claim.metric, claim.unit, claim.value) == ("ratio", metric, "x", value)


def test_curves_named_in_full_are_their_metric() -> None:
    table = claims_of(
        "NetX reaches a receiver operating characteristic area under curve of 0.93 "
        "and a precision-recall area under curve of 0.81 on the test set."
    )
    assert (row(table, "0.93").metric, row(table, "0.93").value) == ("AUC", 93.0)
    assert (row(table, "0.81").metric, row(table, "0.81").value) == ("PR AUC", 81.0)


def test_levels_before_and_after_a_change_are_scores_even_inside_a_speed_up() -> None:
    table = claims_of("NetX brings a 12.5x training speed-up (50.0 rightarrow 4.0 GPU days) over ResNet-50.")
    assert row(table, "12.5x").kind == "ratio"
    assert row(table, "50.0").kind == row(table, "4.0 GPU days").kind == "score"
    assert (row(table, "50.0").model, row(table, "4.0 GPU days").model) == ("ResNet-50", "NetX")


def test_the_level_before_an_arrow_is_not_the_system_s_own() -> None:
    table = claims_of("Compared with distillation, NetX improves generation (41.2 rightarrow 19.6 in FID on FFHQ).")
    assert (row(table, "41.2").model, row(table, "19.6").model) == ("", "NetX")


@pytest.mark.parametrize(
    ("sentence", "value_text", "metric"),
    [
        ("NetX requires only 0.3% training parameters.", "0.3%", "trainable parameters"),
        ("NetX tunes only 2.4% extra parameters.", "2.4%", "extra parameters"),
        ("NetX has only 21M parameters.", "21M", "parameters"),
    ],
)
def test_which_parameters_a_count_counts(sentence, value_text, metric) -> None:
    claim = row(claims_of(sentence), value_text)
    assert (claim.metric, claim.dataset) == (metric, "")


def test_a_bare_comparison_set_after_a_score_compares_that_score() -> None:
    table = claims_of(
        "NetX reconstructs a face with a median reconstruction error of 0.41 mm, 37% lower than the state of the art. "
        "It reaches a utilization of 61.0%, which is 18% faster than ResNet-50."
    )
    assert (row(table, "37%").metric, row(table, "37%").direction) == ("median reconstruction error", "down")
    assert row(table, "18%").metric == "speed"  # names its own quantity


def test_accelerating_something_by_a_factor_is_a_speed_up() -> None:
    claim = row(claims_of("NetX accelerates pruning by up to 12 times with minimal performance loss."), "12 times")
    assert (claim.metric, claim.kind, claim.bound) == ("speed", "ratio", "<=")


# --------------------------------------------------------------------------- what is not a claim


@pytest.mark.parametrize(
    "sentence",
    [
        "NetX takes 384times384 images on ImageNet-1K.",
        "We train on ImageNet-21K and test on Kinetics-400 with ViT-B/16.",
        "We release 10K videos collected in 2023 by 15 annotators.",
        "NetX uses 8-bit weights and a patch size of 16.",
    ],
)
def test_settings_counts_years_and_digits_of_names_are_not_claims(sentence: str) -> None:
    assert claims_of(sentence).empty


# --------------------------------------------------------------------------- kinds and directions


@pytest.mark.parametrize(
    ("sentence", "value_text", "kind", "direction", "metric"),
    [
        ("NetX outperforms ResNet-50 by 2.5% top-1 accuracy on ImageNet.", "2.5%", "delta", "up", "top-1 accuracy"),
        ("NetX reduces FLOPs by 30% on ImageNet.", "30%", "delta", "down", "FLOPs"),
        ("NetX needs 4.2 times fewer parameters than ResNet-50.", "4.2 times", "ratio", "down", "parameters"),
        ("NetX brings a 20% improvement in WER over the baseline.", "20%", "delta", "down", "WER"),
        ("NetX reaches 80.1% top-1 accuracy on ImageNet.", "80.1%", "score", "", "top-1 accuracy"),
    ],
)
def test_kind_direction_and_metric_follow_the_wording(sentence, value_text, kind, direction, metric) -> None:
    claim = row(claims_of(sentence), value_text)
    assert (claim.kind, claim.direction, claim.metric) == (kind, direction, metric)


def test_more_x_efficient_names_the_efficiency_that_went_up() -> None:
    claim = row(claims_of("NetX is 40% more memory-efficient than ResNet-50 on a phone."), "40%")
    assert (claim.metric, claim.direction) == ("memory efficiency", "up")


# --------------------------------------------------------------------------- lists and "respectively"


def test_changes_listed_respectively_take_the_metrics_named_after_them() -> None:
    table = claims_of("NetX brings 30% and 12% improvement in FID and CLIP score, respectively.")
    assert (row(table, "30%").metric, row(table, "30%").direction) == ("FID", "down")
    assert (row(table, "12%").metric, row(table, "12%").direction) == ("CLIP score", "up")


def test_changes_listed_respectively_after_as_many_scores_take_their_metrics_and_datasets() -> None:
    table = claims_of(
        "NetX reaches 80.1% top-1 accuracy on ImageNet and 45.2 box AP on COCO, "
        "surpassing ResNet-50 by +1.5 and +2.5 respectively."
    )
    first, second = row(table, "+1.5"), row(table, "+2.5")
    assert (first.metric, first.dataset, first.kind) == ("top-1 accuracy", "ImageNet", "delta")
    assert (second.metric, second.dataset, second.kind) == ("box AP", "COCO", "delta")


def test_changes_with_a_metric_of_their_own_keep_it_despite_earlier_scores() -> None:
    table = claims_of(
        "NetX reaches 80.1% top-1 accuracy on ImageNet and 45.2 box AP on COCO, "
        "and cuts latency by 20% and 30% on a phone and a GPU, respectively."
    )
    assert {row(table, "20%").metric, row(table, "30%").metric} == {"latency"}


def test_datasets_listed_respectively_go_to_the_numbers_in_order() -> None:
    table = claims_of("NetX reaches 81.2% and 90.4% top-1 accuracy on ImageNet and CIFAR-10, respectively.")
    assert row(table, "81.2%").dataset == "ImageNet"
    assert row(table, "90.4%").dataset == "CIFAR-10"


def test_names_listed_before_benchmarks_are_datasets_not_models() -> None:
    table = claims_of(
        "Compared with ResNet-50, it achieves 6% and 14% improvement in driving scores "
        "for the Alpha7 and Beta-Town Long benchmarks, respectively."
    )
    first, second = row(table, "6%"), row(table, "14%")
    assert (first.dataset, second.dataset) == ("Alpha7", "Beta-Town Long")
    assert first.metric == second.metric == "driving score"  # a measure is named in the singular
    assert {first.model, second.model}.isdisjoint({"Alpha7", "Beta-Town"})


def test_a_metric_before_a_new_clause_does_not_name_the_next_clause_results() -> None:
    table = claims_of(
        "When tuning only 3% extra parameters, it brings about 7% relative improvement on ImageNet "
        "over full fine-tuning."
    )
    assert row(table, "7%").metric != "parameters"


# --------------------------------------------------------------------------- models and provenance


def test_our_method_is_the_system_named_in_the_title_and_baselines_are_kept() -> None:
    claim = row(claims_of("Our method outperforms ResNet-50 by 2.5% top-1 accuracy on ImageNet."), "2.5%")
    assert (claim.model, claim.baseline) == ("NetX", "ResNet-50")


@pytest.mark.parametrize(
    ("sentence", "system"),
    [
        ("We propose a new hybrid network, FooNet, which mixes convolution and attention.", "FooNet"),
        ("We introduce a method for fusing data from camera and LiDAR.", ""),
    ],
)
def test_the_system_is_a_name_set_off_beside_its_description_not_a_word_of_it(sentence, system) -> None:
    table = claims_of(f"{sentence} Our method reaches 80.1% top-1 accuracy on ImageNet.", title="A Study of Things")
    assert row(table, "80.1%").model == system


def test_a_title_introducing_a_name_gives_the_system() -> None:
    title = "Looking Closely at Distant Stars: Introducing the Star-light Transformer for Classification"
    assert row(claims_of("We reach an accuracy of 91.2% on the test set.", title=title), "91.2%").model == (
        "Star-light Transformer"
    )


_TWO_SPEEDUPS = "NetX runs with 3.2x speedup over (transformer-based) AlphaNet and 1.8x speedup over BetaPoint."


@pytest.mark.parametrize(
    ("sentence", "value_text", "baseline"),
    [
        (_TWO_SPEEDUPS, "1.8x", "BetaPoint"),
        (_TWO_SPEEDUPS, "3.2x", "AlphaNet"),
        ("NetX has 9.8ms latency, which is 1.1ms less than that of Gamma-Swin.", "1.1ms", "Gamma-Swin"),
        ("NetX improves top-1 accuracy by 3% on ImageNet compared to both DeltaNet-S and EpsT.", "3%", "DeltaNet-S"),
        ("NetX-L surpasses ZetaNet-B and EtaViT-L by 1.3% and 0.8% top-1 accuracy, respectively.", "0.8%", "EtaViT-L"),
    ],
)
def test_the_baseline_is_what_the_number_is_compared_with(sentence, value_text, baseline) -> None:
    assert row(claims_of(sentence), value_text).baseline == baseline


def test_every_claim_points_back_to_its_sentence_and_characters() -> None:
    abstract = "We study recognition. NetX reaches 80.1% top-1 accuracy on ImageNet with 21M parameters."
    table = claims_of(abstract)
    assert len(table) == 2
    for claim in table.itertuples():
        assert abstract[claim.start : claim.end] == claim.value_text
        assert claim.sentence in abstract and claim.value_text in claim.sentence

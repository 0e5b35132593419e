"""Task and setting of a claim (claims/extraction/setting.py), on invented sentences: constructions, not papers."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claims
from claims.extraction import setting
from claims.extraction.setting import add_settings, conditions, settings_of, task_of, tasks
from claims.extraction.vocab import datasets, metric_info, metrics


def labels(sentence: str, number: str, order: tuple[int, int] | None = None) -> list[str]:
    start = sentence.index(number)
    return [label for _, label in settings_of(sentence, (start, start + len(number)), order)]


# ---- task ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dataset", "metric", "sentence", "title", "task"),
    [
        ("COCO", "mask AP", "It reaches 46.4 mask AP on COCO.", "A backbone", "instance segmentation"),
        ("COCO", "box AP", "It reaches 53.9 box AP on COCO.", "A backbone", "object detection"),
        ("COCO", "AP", "It reaches 77.4 AP on COCO.", "Fast human pose estimation", "keypoint detection"),
        ("COCO", "AP", "It reaches 50.1 AP on COCO.", "A backbone", "object detection"),
        ("COCO", "AP", "77.4 AP on COCO pose estimation and 50.1 AP on detection.", "A backbone", "keypoint detection"),
        ("ImageNet", "FID", "It sets an FID of 1.70 on ImageNet 256x256.", "A diffusion model", "image generation"),
        ("ImageNet", "top-1 accuracy", "It reaches 85% top-1 on ImageNet.", "A backbone", "image classification"),
        ("Kinetics-400", "top-1 accuracy", "It reaches 85% on Kinetics-400.", "A video model", "action recognition"),
        ("UCF-101", "FVD", "It reaches an FVD of 42 on UCF-101.", "A tokenizer", "video generation"),
    ],
)
def test_task_from_benchmark_metric_and_cues(dataset: str, metric: str, sentence: str, title: str, task: str) -> None:
    assert task_of(dataset, metric, sentence, title, sentence.find(" AP") if "AP" in sentence else 0) == task


def test_a_metric_another_task_owns_is_no_result_of_the_benchmarks_usual_task() -> None:
    task = task_of("KITTI", "rotation error", "It reaches a rotation error of 0.05 on KITTI.", "A new network")
    assert task != datasets()["KITTI"].tasks[0]


def test_a_metric_many_tasks_report_gives_no_task_of_its_own() -> None:
    # mAP is hypernym discovery's headline, but detection, retrieval and more report it too
    assert task_of("xView", "mAP", "It reaches 27.3 mAP on xView.", "A detector for aerial images") != (
        "hypernym discovery"
    )


def test_no_task_where_neither_benchmark_nor_metric_tells() -> None:
    assert task_of("WidgetBench", "widget score", "It scores 3 on WidgetBench.", "A widget") is None
    assert task_of(None, None, "It is 3x faster.", "A widget") is None


def test_the_task_vocabulary_names_only_known_metrics() -> None:
    known = set(metrics())
    for task in tasks().values():
        named = [m for m in (task.metric, *task.same, *task.metrics) if m]
        assert set(named) <= known, (task.name, set(named) - known)


# ---- settings --------------------------------------------------------------------------------


def test_each_number_takes_the_setting_written_after_it() -> None:
    sentence = "It gains 22.6% in zero-shot settings and a 37.5% improvement in fine-tuning settings."
    assert labels(sentence, "22.6%") == ["zero-shot"]
    assert labels(sentence, "37.5%") == ["fine-tuned"]


def test_a_setting_opening_the_clause_applies_to_its_number() -> None:
    assert labels("Without any extra training data, X achieves 86.3 top-1 accuracy.", "86.3") == ["no extra data"]
    assert labels("Pre-trained on ImageNet-22k, X obtains 87.7% on ImageNet.", "87.7%") == [
        "pre-trained on ImageNet-21K"
    ]


def test_a_setting_that_is_another_numbers_tail_does_not_carry_over() -> None:
    sentence = "It gains 1.2% on fine-tuning, 2.8% on linear probing, and 2.6% on semantic segmentation."
    assert labels(sentence, "2.8%") == ["linear probe"]
    assert labels(sentence, "2.6%") == []


def test_coordinated_numbers_share_the_setting_after_them() -> None:
    sentence = "It reaches 2.1%/4.3% without a language model and 1.9%/3.9% with an external language model."
    assert labels(sentence, "2.1%") == labels(sentence, "4.3%") == ["without external LM"]
    assert labels(sentence, "1.9%") == labels(sentence, "3.9%") == ["with external LM"]


def test_a_baselines_setting_is_not_the_claims() -> None:
    assert labels("It beats the zero-shot CLIP by 18.7% on ten benchmarks.", "18.7%") == []


def test_respectively_pairs_settings_in_order() -> None:
    sentence = "It reaches 87.1% and 88.1% top-1 at 224px and 384px, respectively."
    assert labels(sentence, "87.1%", (0, 2)) == ["224px"]
    assert labels(sentence, "88.1%", (1, 2)) == ["384px"]
    assert labels(sentence, "88.1%", (1, 3)) == []  # three numbers, two settings: none rather than a wrong one


def test_hardware_is_context_not_a_row() -> None:
    found = conditions("A100", None)
    assert found.context == ("A100",) and found.setting is None and not found.extra_data


def test_extra_data_is_flagged_and_makes_a_row() -> None:
    found = conditions("fine-tuned; pre-trained on ImageNet-21K", "ImageNet")
    assert found.extra_data and found.setting == "pre-trained on ImageNet-21K"  # fine-tuned: the default protocol
    assert found.context == ("fine-tuned", "pre-trained on ImageNet-21K")


def test_a_split_the_vocabulary_lists_is_read_back_as_the_board() -> None:
    assert conditions("test-other; with external LM", "LibriSpeech").split == "test-other"
    assert conditions("test-other", "ImageNet").split is None


def claims_of(sentence: str, *numbers: tuple[str, str]) -> pd.DataFrame:
    rows = [
        {
            "paper_id": "p",
            "title": "A paper",
            "sentence": sentence,
            "value_text": text,
            "value": float(text.rstrip("%")),
            "dataset": "LibriSpeech",
            "metric": "WER",
            "model": model,
            "task": None,
            "context": None,
            "start": sentence.index(text),
        }
        for text, model in numbers
    ]
    return add_settings(pd.DataFrame(rows))


def test_a_split_two_values_would_share_is_dropped() -> None:
    sentence = "It reaches 2.1% and 4.3% on test-other."
    found = claims_of(sentence, ("2.1%", "M"), ("4.3%", "M"))
    assert found["context"].isna().all()
    assert (found["task"] == "speech recognition").all()


@pytest.mark.parametrize(
    "sentence",
    [
        "It reaches WERs of 2.1%/4.3% on test/testother.",
        "It reaches WERs of 2.1%/4.3% on the test-clean/test-other sets.",
        "It reaches WERs of 2.1%/4.3% on clean/other.",
        "It reaches WERs of 2.1% and 4.3% on test-clean and test-other, respectively.",
    ],
)
def test_a_list_of_splits_pairs_with_the_list_of_numbers_in_order(sentence: str) -> None:
    found = claims_of(sentence, ("2.1%", "M"), ("4.3%", "M"))
    assert found["context"].tolist() == ["test-clean", "test-other"]


def test_a_bare_word_names_a_split_only_inside_a_list_of_splits() -> None:
    found = claims_of("It reaches a WER of 2.1% on the test set.", ("2.1%", "M"))
    assert found["context"].isna().all()


def test_a_slash_pair_takes_the_papers_list_of_splits_from_another_sentence() -> None:
    first = "It reaches 2.1%/4.3% on test-clean/test-other."
    second = "A small model reaches 2.7%/6.3% with 10M parameters."
    rows = pd.concat([claims_of(first, ("2.1%", "M"), ("4.3%", "M")), claims_of(second, ("2.7%", "S"), ("6.3%", "S"))])
    found = add_settings(rows.assign(context=None).reset_index(drop=True))
    assert found["context"].tolist() == ["test-clean", "test-other", "test-clean", "test-other"]


def test_the_default_split_is_the_board_of_no_split() -> None:
    assert conditions("val2017", "COCO").split is None
    assert conditions("val2017; zero-shot", "COCO").setting == "zero-shot"
    assert conditions("test-dev", "COCO").split == "test-dev"
    assert conditions("test-clean", "LibriSpeech").split == "test-clean"


def test_a_split_named_for_each_number_is_kept() -> None:
    sentence = "It reaches 2.1% on test-clean and 4.3% on test-other."
    found = claims_of(sentence, ("2.1%", "M"), ("4.3%", "M"))
    assert found["context"].tolist() == ["test-clean", "test-other"]


def test_every_setting_label_reads_back_as_its_kind() -> None:
    share = metric_info("performance retained")
    assert share is not None and share.share
    for label, incomparable in [("zero-shot", True), ("5-shot", True), ("384px", True), ("H100", False)]:
        assert (conditions(label, None).setting == label) is incomparable


def test_a_metric_of_two_tasks_follows_the_benchmark_else_its_headline_task() -> None:
    assert task_of("COCO", "BLEU-4", "It reaches 40.1 BLEU-4 on COCO.", "A captioner") == "image captioning"
    assert task_of("WidgetBench", "BLEU", "It reaches 30.1 BLEU on WidgetBench.", "A model") == "machine translation"


def test_a_setting_in_another_clause_does_not_apply() -> None:
    sentence = (
        "It not only has superior zero-shot/few-shot transfer ability but also reaches a top performance on "
        "action recognition, achieving 83.8% top-1 accuracy on Kinetics-400."
    )
    assert labels(sentence, "83.8%") == []
    assert labels("It reaches 80.1% on ImageNet, while 75.2% zero-shot on ImageNet-A.", "80.1%") == []


# --------------------------------------------------------------------------- grouping in Python
def _orders_by_pandas(frame: pd.DataFrame) -> list[tuple[int, int] | None]:
    """`setting._orders` as a pandas groupby (as first written), the reference."""
    orders: list[tuple[int, int] | None] = [None] * len(frame)
    paired = frame[frame["sentence"].str.contains("respectively", regex=False, na=False)]
    if paired.empty:
        return orders
    kind = paired["kind"].fillna("") if "kind" in paired else pd.Series("", index=paired.index)
    siblings = paired.groupby([paired["paper_id"], paired["sentence"], kind, paired["metric"].fillna("")])["start"]
    places = siblings.rank(method="first").astype(int) - 1
    for index, place, count in zip(paired.index, places, siblings.transform("size"), strict=True):
        orders[index] = (int(place), int(count))
    return orders


def _unresolved_by_pandas(frame: pd.DataFrame, splits: list[str | None], labels: list[list[str]]) -> set[int]:
    """`setting._unresolved_splits` as a pandas groupby (as first written), the reference."""
    if not any(splits):
        return set()
    keyed = frame.assign(_split=splits, _labels=["; ".join(x) for x in labels])
    keyed = keyed[keyed["_split"].notna()]
    keys = ["paper_id", "sentence", "model", "metric", "_split", "_labels"]
    counts = keyed.fillna({"model": "", "metric": ""}).groupby(keys)["value"].transform("nunique")
    return set(keyed.index[counts.to_numpy() > 1])


_FEW = st.sampled_from(["a", "b", None])
_CLAIM_ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "paper_id": st.sampled_from(["p1", "p2"]),
            "sentence": st.sampled_from(["x respectively", "y, respectively.", "z", None]),
            "kind": _FEW,
            "metric": _FEW,
            "model": _FEW,
            "start": st.integers(0, 4),
            "value": st.sampled_from([1.0, 2.0, -0.0, 0.0, math.nan]),
            "split": st.sampled_from(["test", "val", None]),
            "labels": st.lists(st.sampled_from(["zero-shot", "384px"]), max_size=2),
        }
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(_CLAIM_ROWS)
def test_grouping_in_python_is_the_pandas_groupby(rows):
    frame = pd.DataFrame(rows, columns=["paper_id", "sentence", "kind", "metric", "model", "start", "value"])
    frame = frame.astype({"start": "int64", "value": "float64"})
    splits, labels = [r["split"] for r in rows], [r["labels"] for r in rows]
    assert setting._orders(frame) == _orders_by_pandas(frame)
    assert setting._orders(frame.drop(columns=["kind"])) == _orders_by_pandas(frame.drop(columns=["kind"]))
    assert setting._unresolved_splits(frame, splits, labels) == _unresolved_by_pandas(frame, splits, labels)


def test_grouping_in_python_is_the_pandas_groupby_on_the_sample_claims():
    frame = claims.extract(claims.load(errors=[])).reset_index(drop=True)
    assert setting._orders(frame) == _orders_by_pandas(frame)
    positions = setting._positions(frame)
    places = zip(frame.dataset, frame.sentence, positions, strict=True)
    splits = [setting.split_of(setting._text(dataset), sentence, at) for dataset, sentence, at in places]
    labels = [[lab] for lab in frame.context.fillna("").tolist()]
    assert any(splits)
    assert setting._unresolved_splits(frame, splits, labels) == _unresolved_by_pandas(frame, splits, labels)

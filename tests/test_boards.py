"""A board never ranks two numbers whose conditions differ: split, protocol, shots, test resolution, extra data
and metric variant. Invented claims for each rule; the bundled samples' run for the whole."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from board_claims import claim, claims_table

from claims.boards.leaderboard import Board, build_leaderboards
from claims.cli import main
from claims.extraction.setting import add_settings, conditions


def boards_of(*rows: dict[str, object]) -> dict[str, Board]:
    return {b.name: b for b in build_leaderboards(claims_table(*rows))}


def row(sentence: str, text: str, start: int, **fields: object) -> dict[str, object]:
    """A claim of `text` at `start` of the abstract (its sentence's offset plus its place in it)."""
    base = {
        "paper_id": "p", "title": "A paper", "sentence": sentence, "value_text": text, "value": float(text.rstrip("%")),
        "dataset": "ImageNet", "metric": "top-1 accuracy", "model": "M", "task": None, "context": None,
        "start": start, "kind": "score",
    }  # fmt: skip
    return {**base, **fields}


def read(sentence: str, *values: str, **fields: object) -> list[str | None]:
    """The context add_settings gives each value of an invented sentence."""
    rows = [row(sentence, text, 100 + sentence.index(text), **fields) for text in values]
    return add_settings(pd.DataFrame(rows))["context"].tolist()


# ---- conditions read from the sentence -------------------------------------------------------------------


def test_seen_and_unseen_protocols_each_take_their_parenthesized_number() -> None:
    sentence = "It is evaluated in seen rooms (74.9% accuracy) and in unseen rooms (42.4% accuracy)."
    assert read(sentence, "74.9%", "42.4%", metric="accuracy") == ["seen", "unseen"]


def test_a_prediction_horizon_is_a_condition() -> None:
    assert read("It reaches an AUC of 0.71 at a 2-year horizon.", "0.71", metric="AUC") == ["2 year horizon"]
    assert read("It reaches an AUC of 0.71 for 2 year horizons.", "0.71", metric="AUC") == ["2 year horizon"]
    assert read("Progression within 1 year was predicted with an AUC of 0.76.", "0.76", metric="AUC") == [
        "1 year horizon"
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "shots"),
    [
        ("It reaches 71.2% top-1 in the 10-shot setting.", "71.2%", "10-shot"),
        ("In few-shot transfer it reaches 71.2% top-1 with only 10 images per class.", "71.2%", "10-shot"),
        ("It reaches 61.0% top-1 zero-shot.", "61.0%", "zero-shot"),
        ("With linear probing, it reaches 76.5% top-1.", "76.5%", "linear probe"),
        ("It reaches 85.1% top-1 when fine-tuned on the target set.", "85.1%", "fine-tuned"),
    ],
)
def test_shots_and_protocols(sentence: str, value: str, shots: str) -> None:
    assert read(sentence, value) == [shots]


def test_a_list_of_test_resolutions_pairs_with_its_numbers_respectively() -> None:
    sentence = "It reaches 70.2% and 80.9% when tested at low and high resolutions respectively (i.e., 96 and 512)."
    assert read(sentence, "70.2%", "80.9%") == ["96px", "512px"]


def test_a_resolution_opening_the_sentence_applies_to_its_result() -> None:
    assert read("Moreover, at a higher resolution, it reaches 86.1% top-1.", "86.1%") == ["higher resolution"]
    assert read("At 96 px it reaches 61.0% top-1.", "61.0%") == ["96px"]


def test_a_patch_size_is_no_resolution() -> None:
    assert read("With 16x16 patches it reaches 81.0% top-1.", "81.0%") == [None]


def test_extra_data_opening_the_sentence_applies_to_every_number_of_it() -> None:
    sentence = "By further pre-training on JFT-300M, we reach 88.1% on ImageNet and 55.2 mIoU on ADE20K."
    assert read(sentence, "88.1%", "55.2") == ["pre-trained on JFT-300M"] * 2


def test_a_value_written_twice_is_read_where_its_offset_says() -> None:
    sentence = "A gets 80.1% zero-shot, and B gets 80.1% after fine-tuning on it."
    first, second = sentence.index("80.1%"), sentence.rindex("80.1%")
    rows = pd.DataFrame([row(sentence, "80.1%", 50 + first, model="A"), row(sentence, "80.1%", 50 + second, model="B")])
    assert add_settings(rows)["context"].tolist() == ["zero-shot", "fine-tuned"]


# ---- extra data stated in another sentence of the abstract -----------------------------------------------

ABSTRACT = "We pre-train our model on JFT-300M. It reaches 88.2% top-1 on ImageNet."


def carried(abstract: str) -> list[str | None]:
    """The context of the abstract's "88.2%"."""
    sentence = next(s for s in abstract.split(". ") if "88.2%" in s)
    claimed = row(sentence, "88.2%", abstract.index("88.2%"))
    return add_settings(pd.DataFrame([claimed]), {"p": abstract})["context"].tolist()


def test_extra_data_the_abstract_states_elsewhere_reaches_its_results() -> None:
    assert carried(ABSTRACT) == ["pre-trained on JFT-300M"]


@pytest.mark.parametrize(
    "abstract",
    [
        "Unlike ViT, which requires pre-training on JFT-300M, ours does not. It reaches 88.2% top-1 on ImageNet.",
        "We pre-train on JFT-300M. Without extra data, a small model is also strong. It reaches 88.2% on ImageNet.",
        "It reaches 88.2% top-1 on ImageNet. After pre-training on ImageNet-21K, it attains 90.1% top-1.",
    ],
)
def test_extra_data_of_another_system_or_of_some_results_only_is_not_carried(abstract: str) -> None:
    assert carried(abstract) == [None]


# ---- boards ---------------------------------------------------------------------------------------------------


def test_the_default_split_shares_the_board_of_no_split_and_other_splits_stay_apart() -> None:
    boards = boards_of(
        claim(dataset="COCO", metric="box AP", unit="%", model="A", value=50.0, paper_id="a", context="val2017"),
        claim(dataset="COCO", metric="box AP", unit="%", model="B", value=51.0, paper_id="b"),
        claim(dataset="COCO", metric="box AP", unit="%", model="C", value=52.0, paper_id="c", context="test-dev"),
    )
    assert set(boards) == {"COCO", "COCO test-dev"}
    assert boards["COCO"].table()["model"].tolist() == ["B", "A"] and boards["COCO"].split is None
    assert boards["COCO test-dev"].split == "test-dev"


def test_librispeech_splits_are_separate_boards() -> None:
    boards = boards_of(
        claim(dataset="LibriSpeech", metric="WER", model="A", value=2.1, context="test-clean"),
        claim(dataset="LibriSpeech", metric="WER", model="A", value=4.3, context="test-other", start=30),
    )
    assert set(boards) == {"LibriSpeech test-clean", "LibriSpeech test-other"}
    assert [b.table()["variant"].tolist() for b in boards.values()] == [["A"], ["A"]]  # the split is the board


def test_metric_variants_are_columns_never_ranked_together() -> None:
    board = next(
        iter(
            boards_of(
                claim(dataset="CelebA-HQ", metric="FID", unit="1", model="A", value=3.0, paper_id="a"),
                claim(dataset="CelebA-HQ", metric="FID-5K", unit="1", model="B", value=9.0, paper_id="b"),
            ).values()
        )
    )
    assert set(board.columns) == {"FID", "FID-5K"}
    ranked = board.entries[board.entries["rank"].notna()]
    assert ranked["column"].nunique() == 1


def test_a_vague_metric_word_is_the_boards_headline_metric_else_no_column() -> None:
    boards = boards_of(
        claim(dataset="COCO", task="object detection", metric="performance", model="A", value=50.0, paper_id="a"),
        claim(dataset="COCO", task="object detection", metric="box AP", model="B", value=51.0, paper_id="b"),
        claim(dataset="WidgetBench", metric="performance", model="C", value=70.0, paper_id="c"),
    )
    assert list(boards) == ["COCO (object detection)"]
    assert boards["COCO (object detection)"].columns == ("box AP (%)",)


def test_broad_accuracy_is_the_headline_only_where_that_is_a_kind_of_accuracy() -> None:
    boards = boards_of(
        claim(dataset="ImageNet", metric="accuracy", model="A", value=80.0),
        claim(dataset="ADE20K", metric="accuracy", model="B", value=80.0, paper_id="b"),
    )
    assert boards["ImageNet"].columns == ("top-1 accuracy (%)",)
    assert boards["ADE20K"].columns == ("accuracy (%)",)


def test_fine_tuning_is_the_default_protocol_and_zero_shot_is_not() -> None:
    boards = boards_of(
        claim(model="A", value=85.0, context="fine-tuned", paper_id="a"),
        claim(model="B", value=84.0, paper_id="b"),
        claim(model="C", value=70.0, context="zero-shot", paper_id="c"),
        claim(model="D", value=75.0, context="linear probe", paper_id="d"),
    )
    assert set(boards) == {"ImageNet", "ImageNet (zero-shot)", "ImageNet (linear probe)"}
    assert boards["ImageNet"].table()["variant"].tolist() == ["A", "B"]


def test_row_names_carry_conditions_and_never_a_number() -> None:
    boards = boards_of(
        claim(model="ViT-L", value=75.0, context="zero-shot"),
        claim(model="ViT-L", value=76.0, context="zero-shot", start=40),
        claim(model="X", value=85.0, context="384px", paper_id="b"),
    )
    assert {v for b in boards.values() for v in b.entries["variant"]} == {"ViT-L (zero-shot)", "X (384px)"}
    assert conditions("384px", "ImageNet").kinds == (("resolution", "384px"),)


# ---- the bundled samples ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`claims run` on the bundled sample pages, in-process."""
    out = tmp_path_factory.mktemp("run")
    assert main(["run", "-o", str(out)]) == 0
    return out


def board_key(entries: pd.DataFrame) -> set[tuple[object, ...]]:
    """What must be one per board: split, and each kind of condition, read back from the context."""
    keys = set()
    for context, dataset, metric in zip(entries["context"], entries["dataset"], entries["column"], strict=True):
        found = conditions(None if pd.isna(context) else context, dataset)
        keys.add((found.split, tuple(sorted(found.kinds)), found.extra_data, metric))
    return keys


def test_every_sample_boards_ranked_rows_share_split_protocol_shots_resolution_and_metric(sample_run: Path) -> None:
    boards = sorted((sample_run / "leaderboards").glob("*.csv"))
    checked = 0
    for path in (p for p in boards if p.name not in ("comparisons.csv", "results.csv")):  # not boards
        entries = pd.read_csv(path)
        ranked = entries[entries["rank"].notna() & entries["primary"]]
        assert len(board_key(ranked)) <= 1, path.name
        checked += len(ranked)
    assert checked > 50


def test_no_variant_numbers_in_any_output_of_a_run(sample_run: Path) -> None:
    files = [p for p in sample_run.rglob("*") if p.is_file()]
    assert any(p.suffix == ".yaml" for p in files) and any(p.suffix == ".html" for p in files)
    assert [p.name for p in files if "(variant" in p.read_text(encoding="utf-8", errors="replace")] == []


def test_sample_librispeech_splits_are_separate_boards(sample_run: Path) -> None:
    index = (sample_run / "leaderboards" / "README.md").read_text(encoding="utf-8")
    assert "| LibriSpeech test-clean (speech recognition" in index
    assert "| LibriSpeech test-other (speech recognition" in index
    clean = pd.read_csv(sample_run / "leaderboards" / "librispeech-test-clean-speech-recognition.csv")
    assert set(clean["split"]) == {"test-clean"}

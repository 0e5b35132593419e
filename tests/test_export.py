"""Exports: Hugging Face model-index metadata read back by huggingface_hub, and Papers with Code tables."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import tomllib
from importlib import resources
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
from board_claims import claim, claims_table, papers_table
from huggingface_hub import ModelCardData, metadata_load

import claims.cli
from claims.boards.export import EVALUATION_TABLES, MODEL_INDEX, board_task, evaluation_tables, metric_name, model_index
from claims.boards.hub import hub_dataset, hub_metric, hub_task, task_ids
from claims.boards.leaderboard import UNNAMED, Board, build_comparisons, build_leaderboards, format_number
from claims.boards.pwc import categories, task_name
from claims.boards.report import MANIFEST, write_leaderboards
from claims.cli import main
from claims.extraction.setting import tasks
from claims.extraction.vocab import datasets, metric_info

PAPERS = papers_table(p1="2021-03-01", p2="2022-05-01", p3=None, p4=None)
ROW_FIELDS = {"model_name", "metrics", "paper_title", "paper_url", "paper_date", "uses_additional_data"}
YAML_SPECIAL = ["key: value", "#hash", "- dash", "'single'", '"double" quote', "a: b # c", "[list]", "{map}", "yes"]


def schema_file(name: str) -> dict:
    text = (resources.files("claims.schemas") / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else tomllib.loads(text)


HUB = schema_file("hub.toml")
TABLES_SCHEMA = schema_file("evaluation-tables.schema.json")


def card(path: Path) -> ModelCardData:
    """A model-index YAML file as huggingface_hub reads it from the front matter of a model card."""
    readme = path.with_suffix(".README.md")
    readme.write_text("---\n" + path.read_text(encoding="utf-8") + "---\n\n# Model card\n", encoding="utf-8")
    return ModelCardData(**metadata_load(readme))


def cards(folder: Path) -> dict[str, ModelCardData]:
    """Model name -> its card's metadata, for every model-index file written in `folder`."""
    found = [card(path) for path in sorted((folder / MODEL_INDEX).glob("*.yaml"))]
    named = {c.model_name: c for c in found}
    assert len(named) == len(found)  # one file per model
    return named


def own_cells(boards: list[Board]) -> pd.DataFrame:
    """Every shown cell that its paper states of its own model, with the board it is on."""
    frames = [b.shown.assign(board_task=board_task(b)) for b in boards]
    shown = pd.concat(frames, ignore_index=True)
    return shown[shown["reported_by"].isna()]


def shown_value(cell: pd.Series) -> float | str:
    """The value as its board's cell shows it: a number, or with its bound ("~84") as text."""
    return float(cell["value"]) if cell["bound"] == "=" else format_number(cell["value"], cell["bound"])


def card_results(data: ModelCardData) -> set[tuple]:
    return {
        (
            r.task_type,
            r.dataset_name,
            r.dataset_type,
            r.dataset_config,
            r.dataset_split,
            r.metric_type,
            r.metric_name,
            r.metric_value,
            r.source_name,
            r.source_url,
        )
        for r in data.eval_results
    }


def board_results(cells: pd.DataFrame) -> set[tuple]:
    """What a card must hold for these cells: the Hub's ids of task, dataset (config, split) and metric."""
    found = set()
    for _, c in cells.iterrows():
        hub = hub_dataset(c["dataset"], None if pd.isna(c["split"]) else c["split"])
        source = (None, None) if pd.isna(c["link"]) else (c["title"], c["link"])
        found.add((hub_task(c["board_task"]), c["dataset"], hub.id, hub.config, hub.split,
                   hub_metric(c["metric"]), metric_name(c), shown_value(c), *source))  # fmt: skip
    return found


def table_rows(tables: list[dict]) -> list[tuple[str, str, dict]]:
    """(task, dataset, row) for every row of every dataset of every task, after checking the layout."""
    found = []
    for task in tables:
        assert {"task", "categories", "datasets", "subtasks"} <= set(task) and task["subtasks"] == []
        for dataset in task["datasets"]:
            assert set(dataset["sota"]) == {"metrics", "rows"} and dataset["sota"]["rows"]
            for row in dataset["sota"]["rows"]:
                assert set(row) >= ROW_FIELDS
                assert set(row["metrics"]) <= set(dataset["sota"]["metrics"])
                found.append((task["task"], dataset["dataset"], row))
    return found


def row_cells(tables: list[dict]) -> set[tuple]:
    return {
        (task, dataset, row["model_name"], row["paper_title"], column, value, row["uses_additional_data"])
        for task, dataset, row in table_rows(tables)
        for column, value in row["metrics"].items()
    }


def benchmark(cell: pd.Series) -> str:
    """A Papers with Code dataset: the benchmark with its split ("COCO test-dev")."""
    return cell["dataset"] if pd.isna(cell["split"]) else f"{cell['dataset']} {cell['split']}"


def board_cells(cells: pd.DataFrame) -> set[tuple]:
    return {
        (
            task_name(c["board_task"]),
            benchmark(c),
            c["variant"],
            c["title"],
            c["column"],
            shown_value(c),
            bool(c["extra_data"]),
        )
        for _, c in cells.iterrows()
    }


# ---- `claims run` on the bundled sample pages --------------------------------------------------------


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Board]]:
    """`claims run`'s leaderboards folder and the boards it wrote there."""
    out = tmp_path_factory.mktemp("run")
    seen: list[list[Board]] = []

    def keep_boards(boards: list[Board], comparisons: pd.DataFrame, directory: Path, *outputs: object) -> list[Path]:
        seen.append(boards)
        return write_leaderboards(boards, comparisons, directory, *outputs)

    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(io.StringIO()):
        patch.setattr(claims.cli, "write_leaderboards", keep_boards)
        assert main(["run", "-o", str(out)]) == 0
    return out / "leaderboards", seen[0]


def test_every_models_card_round_trips_through_huggingface_hub(sample_run: tuple[Path, list[Board]]) -> None:
    folder, boards = sample_run
    cells = own_cells(boards)
    named = cells[~cells["model"].str.startswith(UNNAMED)]
    read = cards(folder)
    assert set(read) == set(named["model"]) and len(read) > 10
    for model, data in read.items():
        assert card_results(data) == board_results(named[named["model"] == model]), model


def test_evaluation_tables_hold_every_own_shown_value_and_no_baseline(sample_run: tuple[Path, list[Board]]) -> None:
    folder, boards = sample_run
    tables = json.loads((folder / EVALUATION_TABLES).read_text(encoding="utf-8"))
    assert row_cells(tables) == board_cells(own_cells(boards))
    baselines = pd.concat([b.shown for b in boards]).dropna(subset=["reported_by"])
    assert len(baselines) and not set(baselines["variant"]) & {row["model_name"] for *_, row in table_rows(tables)}


def test_the_exports_are_in_the_manifest(sample_run: tuple[Path, list[Board]]) -> None:
    folder, _ = sample_run
    listed = set((folder / MANIFEST).read_text(encoding="utf-8").split())
    assert EVALUATION_TABLES in listed
    assert {f"{MODEL_INDEX}/{p.name}" for p in (folder / MODEL_INDEX).glob("*.yaml")} <= listed


# ---- the rules, on hand-made claims ---------------------------------------------------------------


ROWS = [
    claim(model="M1", value=81.0),
    claim(model="M1", metric="top-5 accuracy", value=95.0, start=20, end=23),
    claim(model="M2", paper_id="p2", title="Second: a paper", value=84.0, bound="~", value_text="~84%"),
    claim(model=None, paper_id="p3", title="Third paper", value=79.0),
    claim(model="Base", paper_id="p2", title="Second: a paper", value=70.0, context="the baseline Base reaches"),
    claim(model="M1", dataset="Unlisted Bench", metric="accuracy", value=60.0, paper_id="p4", title="Fourth"),
    claim(model="G", task="image generation", metric="FID", unit="1", value=2.5, value_text="2.5"),
]


@pytest.fixture(scope="module")
def boards() -> list[Board]:
    return build_leaderboards(claims_table(*ROWS), PAPERS)


def test_a_card_per_named_model_with_its_own_results_only(boards: list[Board]) -> None:
    index = model_index(boards)
    assert set(index) == {"M1", "M2", "G"}  # no card for the unnamed row nor for the baseline
    (m1,) = index["M1"]["model-index"]
    imagenet, unlisted = m1["results"]
    assert imagenet["task"] == {"type": "image-classification", "name": "image classification"}  # the vocabulary's
    assert imagenet["dataset"] == {"name": "ImageNet", "type": "imagenet-1k", "split": "validation"}  # the Hub's
    assert imagenet["metrics"] == [
        {"type": "accuracy", "value": 81.0, "name": "top-1 accuracy (%)"},
        {"type": "top_k_accuracy", "value": 95.0, "name": "top-5 accuracy (%)"},
    ]
    assert imagenet["source"] == {"name": "Paper One: a study", "url": "https://arxiv.org/abs/2101.00000"}
    assert unlisted["task"]["type"] == "other" and "source" in unlisted
    assert unlisted["dataset"] == {"name": "Unlisted Bench", "type": "unlisted-bench"}  # not on the Hub: a slug
    (g,) = index["G"]["model-index"][0]["results"]
    assert g["task"]["type"] == "unconditional-image-generation" and g["metrics"][0]["name"] == "FID"  # no unit


def test_a_bounded_value_is_written_as_its_cell_shows_it(boards: list[Board]) -> None:
    (m2,) = model_index(boards)["M2"]["model-index"][0]["results"]
    assert m2["metrics"][0]["value"] == "~84"
    (row,) = [row for *_, row in table_rows(evaluation_tables(boards)) if row["model_name"] == "M2"]
    assert row["metrics"] == {"top-1 accuracy (%)": "~84"}


def test_a_paper_without_a_link_has_no_source(tmp_path: Path) -> None:
    table = claims_table(claim(model="M1"))
    write_leaderboards(build_leaderboards(table), build_comparisons(table), tmp_path)
    (result,) = card(tmp_path / MODEL_INDEX / "m1.yaml").eval_results
    assert (result.source_name, result.source_url, result.metric_value) == (None, None, 80.0)


def test_evaluation_tables_layout(boards: list[Board]) -> None:
    tables = evaluation_tables(boards)
    assert [t["task"] for t in tables] == ["Image Classification", "Image Generation", "Other"]
    assert [t["categories"] for t in tables] == [["Computer Vision"], ["Computer Vision"], ["Miscellaneous"]]
    (imagenet,) = tables[0]["datasets"]
    assert imagenet["sota"]["metrics"] == ["top-1 accuracy (%)", "top-5 accuracy (%)"]
    rows = {row["model_name"]: row for row in imagenet["sota"]["rows"]}
    assert set(rows) == {"M1", "M2", "(unnamed, Third paper)"}  # the unnamed row kept, the baseline not
    assert rows["M1"] == {
        "model_name": "M1",
        "metrics": {"top-1 accuracy (%)": 81.0, "top-5 accuracy (%)": 95.0},
        "paper_title": "Paper One: a study",
        "paper_url": "https://arxiv.org/abs/2101.00000",
        "paper_date": "2021-03-01",
        "uses_additional_data": False,
        "code_links": [],
        "model_links": [],
    }
    assert (rows["(unnamed, Third paper)"]["paper_url"], rows["(unnamed, Third paper)"]["paper_date"]) == (
        "https://arxiv.org/abs/2101.00002",
        None,
    )


def test_setting_and_extra_data_are_carried(boards: list[Board]) -> None:
    imagenet = boards[0]
    entries = imagenet.entries
    m1 = entries["model"] == "M1"
    tuned = entries.assign(
        setting=entries["setting"].where(~m1, "extra data"),
        variant=entries["variant"].where(~m1, "M1 (extra data)"),
        extra_data=m1,
    )
    board = dataclasses.replace(imagenet, entries=tuned)
    names = [m["name"] for m in model_index([board])["M1"]["model-index"][0]["results"][0]["metrics"]]
    assert names == ["top-1 accuracy (%) (extra data)", "top-5 accuracy (%) (extra data)"]
    flags = {row["model_name"]: row["uses_additional_data"] for *_, row in table_rows(evaluation_tables([board]))}
    assert flags == {"M1 (extra data)": True, "M2": False, "(unnamed, Third paper)": False}


def test_names_with_yaml_special_characters_survive(tmp_path: Path) -> None:
    rows = [
        claim(model=name, paper_id=f"p{i % 2 + 1}", title=f"{name}: a paper", value=70.0 + i)
        for i, name in enumerate(YAML_SPECIAL)
    ]
    table = claims_table(*rows)
    boards = build_leaderboards(table, papers_table(p1="2021-03-01", p2=None))
    write_leaderboards(boards, build_comparisons(table), tmp_path)
    read = cards(tmp_path)
    assert set(read) == set(YAML_SPECIAL)
    for name, data in read.items():
        (result,) = data.eval_results
        assert (result.source_name, result.metric_value) == (f"{name}: a paper", 70.0 + YAML_SPECIAL.index(name))
    tables = json.loads((tmp_path / EVALUATION_TABLES).read_text(encoding="utf-8"))
    assert {(row["model_name"], row["paper_title"]) for *_, row in table_rows(tables)} == {
        (name, f"{name}: a paper") for name in YAML_SPECIAL
    }


def test_models_whose_names_share_a_slug_get_a_file_each(tmp_path: Path) -> None:
    table = claims_table(claim(model="ViT-B/16"), claim(model="ViT B 16", paper_id="p2", value=81.0))
    write_leaderboards(build_leaderboards(table), build_comparisons(table), tmp_path)
    assert sorted(p.name for p in (tmp_path / MODEL_INDEX).iterdir()) == ["vit-b-16-2.yaml", "vit-b-16.yaml"]
    assert set(cards(tmp_path)) == {"ViT-B/16", "ViT B 16"}


def test_a_rerun_removes_the_cards_of_models_gone_and_nothing_else(tmp_path: Path) -> None:
    both = claims_table(claim(model="A"), claim(model="B", paper_id="p2"))
    write_leaderboards(build_leaderboards(both), build_comparisons(both), tmp_path)
    (tmp_path / MODEL_INDEX / "mine.yaml").write_text("model-index: []\n", encoding="utf-8")
    one = claims_table(claim(model="A"))
    write_leaderboards(build_leaderboards(one), build_comparisons(one), tmp_path)
    assert sorted(p.name for p in (tmp_path / MODEL_INDEX).iterdir()) == ["a.yaml", "mine.yaml"]


# ---- joining the Hub and Papers with Code (schemas/hub.toml, schemas/paperswithcode.toml) ---------------
# ---- the data files --------------------------------------------------------------------------------


def test_every_mapped_task_is_one_of_the_hubs_tasks() -> None:
    assert "automatic-speech-recognition" in task_ids() and "speech-recognition" not in task_ids()
    assert set(HUB["tasks"].values()) <= task_ids()


def test_the_mappings_name_only_what_the_vocabularies_know() -> None:
    known_tasks = {t for entry in datasets().values() for t in entry.tasks} | set(tasks())
    assert known_tasks <= set(HUB["tasks"]), sorted(known_tasks - set(HUB["tasks"]))[:5]  # every task mapped
    assert set(HUB["datasets"]) <= set(datasets())
    assert all(set(entry.get("splits", {})) <= set(datasets()[name].boards) for name, entry in HUB["datasets"].items())
    assert all(metric_info(name) is not None for name in HUB["metrics"])


def test_papers_with_code_names_title_case_but_keep_what_is_written() -> None:
    assert task_name("text-to-image generation") == "Text-to-Image Generation"
    assert task_name("object detection in aerial images") == "Object Detection in Aerial Images"
    assert task_name("3D object detection") == "3D Object Detection"
    assert task_name("visual question answering") == "Visual Question Answering (VQA)"  # its own spelling
    assert categories("semantic segmentation", ["vision", "remote_sensing", None]) == ["Computer Vision"]
    assert categories("audio captioning", ["speech"]) == ["Audio"] and categories("x", [None]) == ["Miscellaneous"]


# ---- model cards -----------------------------------------------------------------------------------


def test_every_card_of_the_sample_run_uses_hub_task_ids(sample_run: tuple[Path, list[Board]]) -> None:
    folder, _ = sample_run
    results = [r for data in cards(folder).values() for r in data.eval_results]
    assert results and {r.task_type for r in results} <= task_ids()
    assert "automatic-speech-recognition" in {r.task_type for r in results}  # LibriSpeech, not "speech-recognition"


def test_each_result_holds_each_metric_once(sample_run: tuple[Path, list[Board]]) -> None:
    folder, _ = sample_run
    for path in sorted(folder.glob("model-index/*.yaml")):
        index = card(path).to_dict()["model-index"]
        for result in index[0]["results"]:
            names = [(m["type"], m["name"]) for m in result["metrics"]]
            assert len(names) == len(set(names)), (path.name, names)


def test_a_split_board_gets_the_hubs_dataset_config_and_split(tmp_path: Path) -> None:
    speech = {"dataset": "LibriSpeech", "metric": "WER", "task": "speech recognition", "value": 2.1}
    table = claims_table(
        claim(model="ASR-1", context="test-clean", value_text="2.1%", **speech),
        claim(model="ASR-1", context="test-other", value_text="4.3%", start=30, end=33, **{**speech, "value": 4.3}),
    )
    boards = build_leaderboards(table, papers_table(p1="2021-03-01"))
    assert sorted(b.split for b in boards) == ["test-clean", "test-other"]
    write_leaderboards(boards, build_comparisons(table), tmp_path)
    results = card(tmp_path / "model-index" / "asr-1.yaml").eval_results
    found = {(r.task_type, r.dataset_type, r.dataset_config, r.dataset_split, r.metric_type, r.metric_value)
             for r in results}  # fmt: skip
    assert found == {
        ("automatic-speech-recognition", "librispeech_asr", "clean", "test", "wer", 2.1),
        ("automatic-speech-recognition", "librispeech_asr", "other", "test", "wer", 4.3),
    }
    assert {r.source_url for r in results} == {"https://arxiv.org/abs/2101.00000"}


def test_conditions_make_results_of_their_own_each_metric_once() -> None:
    table = claims_table(
        claim(model="M", value=70.0),
        claim(model="M", value=60.0, context="zero-shot", start=30, end=33),
        claim(model="M", metric="top-5 accuracy", value=90.0, context="zero-shot", start=40, end=43),
    )
    (entry,) = model_index(build_leaderboards(table))["M"]["model-index"]
    metrics = [[(m["type"], m["name"], m["value"]) for m in r["metrics"]] for r in entry["results"]]
    assert sorted(metrics) == [
        [("accuracy", "top-1 accuracy (%)", 70.0)],
        [
            ("accuracy", "top-1 accuracy (%) (zero-shot)", 60.0),
            ("top_k_accuracy", "top-5 accuracy (%) (zero-shot)", 90.0),
        ],
    ]


def test_an_unmapped_benchmark_keeps_a_slug_and_its_boards_split() -> None:
    assert hub_dataset("Some New Bench", "hard") == hub_dataset("Some New Bench", "hard")
    assert (hub_dataset("Some New Bench", "hard").id, hub_dataset("Some New Bench", "hard").split) == (
        "some-new-bench",
        "hard",
    )
    assert hub_dataset("COCO", "test-dev").split == "test-dev"  # a split the data does not map: as written


# ---- Papers with Code ------------------------------------------------------------------------------


def test_the_sample_runs_evaluation_tables_follow_the_published_schema(sample_run: tuple[Path, list[Board]]) -> None:
    folder, _ = sample_run
    tables = json.loads((folder / EVALUATION_TABLES).read_text(encoding="utf-8"))
    jsonschema.validate(tables, TABLES_SCHEMA)
    names = {t["task"] for t in tables}
    assert {"Image Classification", "Semantic Segmentation", "Speech Recognition"} <= names
    assert {c for t in tables for c in t["categories"]} >= {"Computer Vision", "Speech"}
    rows = [row for t in tables for d in t["datasets"] for row in d["sota"]["rows"]]
    assert all(row["paper_url"] == "" for row in rows)  # the sample pages name no arXiv id (tests/test_links.py do)
    assert any(row["paper_date"] for row in rows)  # YYYY-MM-DD where the page dates its paper (the schema checks)


def test_the_schema_refuses_what_papers_with_code_would_not_read() -> None:
    table = claims_table(claim(model="M", value=84.0, bound="~", value_text="~84%"))
    tables = evaluation_tables(build_leaderboards(table, papers_table(p1="in press")))
    jsonschema.validate(tables, TABLES_SCHEMA)  # a bounded value as text, an unreadable date as null
    row = tables[0]["datasets"][0]["sota"]["rows"][0]
    assert (row["metrics"], row["paper_date"]) == ({"top-1 accuracy (%)": "~84"}, None)
    for broken in ({**row, "paper_date": "March 2021"}, {k: v for k, v in row.items() if k != "model_name"}):
        tables[0]["datasets"][0]["sota"]["rows"] = [broken]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tables, TABLES_SCHEMA)

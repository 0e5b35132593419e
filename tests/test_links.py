"""Links and dates: where a paper's arXiv id is known (here from the arXiv metadata snapshot), every output
has its link, date and source; where it is not, the report says so once."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest
from huggingface_hub import ModelCardData, metadata_load

from claims.cli import main

SNAPSHOT = [  # the layout of arXiv's metadata snapshot (JSON Lines in a .json file)
    {
        "id": "2103.00112",
        "submitter": "A. Author",
        "authors": "A. Author, B. Author",
        "title": "FastViT: a fast vision transformer",
        "abstract": "  We propose FastViT, a hybrid vision transformer.\n FastViT achieves 84.5% top-1 accuracy on"
        " ImageNet, and 51.2 box AP on COCO.\n",
        "categories": "cs.CV",
        "versions": [{"version": "v1", "created": "Mon, 1 Mar 2021 00:00:00 GMT"}],
        "update_date": "2021-10-26",
    },
    {
        "id": "2201.00001",
        "title": "SlowNet: a slow network",
        "abstract": "We present SlowNet. SlowNet reaches 80.1% top-1 accuracy on ImageNet.",
        "categories": "cs.CV",
        "update_date": "2022-01-03",
    },
]
PLAIN = {"title": "NoIdNet: a paper read without an id", "abstract": "NoIdNet gets 79.0% top-1 accuracy on ImageNet."}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("links")
    snapshot = folder / "arxiv-metadata-oai-snapshot.json"
    snapshot.write_text("".join(json.dumps(r) + "\n" for r in SNAPSHOT), encoding="utf-8")
    (folder / "plain.jsonl").write_text(json.dumps(PLAIN) + "\n", encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", str(snapshot), str(folder / "plain.jsonl"), "-o", str(folder / "out")]) == 0
    return folder / "out"


def board_rows(run: Path, name: str) -> list[dict[str, str]]:
    with (run / "leaderboards" / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_boards_link_and_date_each_paper_read_with_an_id(run: Path) -> None:
    rows = {r["model"]: r for r in board_rows(run, "imagenet-image-classification.csv")}
    assert (rows["FastViT"]["link"], rows["FastViT"]["published"]) == ("https://arxiv.org/abs/2103.00112", "2021-10-26")
    assert (rows["SlowNet"]["link"], rows["SlowNet"]["published"]) == ("https://arxiv.org/abs/2201.00001", "2022-01-03")
    assert rows["NoIdNet"]["link"] == "" and rows["NoIdNet"]["published"] == ""


def test_the_model_card_names_its_paper_as_source(run: Path) -> None:
    card = run / "leaderboards" / "model-index" / "fastvit.yaml"
    readme = card.with_suffix(".md")
    readme.write_text("---\n" + card.read_text(encoding="utf-8") + "---\n", encoding="utf-8")
    results = ModelCardData(**metadata_load(readme)).eval_results
    assert {(r.dataset_type, r.source_url, r.source_name) for r in results} == {
        ("imagenet-1k", "https://arxiv.org/abs/2103.00112", "FastViT: a fast vision transformer"),
        ("detection-datasets/coco", "https://arxiv.org/abs/2103.00112", "FastViT: a fast vision transformer"),
    }
    assert not (run / "leaderboards" / "model-index" / "noidnet.yaml").read_text(encoding="utf-8").count("source")


def test_the_evaluation_tables_carry_url_and_date(run: Path) -> None:
    tables = json.loads((run / "leaderboards" / "evaluation-tables.json").read_text(encoding="utf-8"))
    rows = {r["model_name"]: r for t in tables for d in t["datasets"] for r in d["sota"]["rows"]}
    assert (rows["SlowNet"]["paper_url"], rows["SlowNet"]["paper_date"]) == (
        "https://arxiv.org/abs/2201.00001",
        "2022-01-03",
    )
    assert (rows["NoIdNet"]["paper_url"], rows["NoIdNet"]["paper_date"]) == ("", None)


def test_the_report_links_and_dates_papers_and_says_once_which_it_cannot(run: Path) -> None:
    page = (run / "reports" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://arxiv.org/abs/2103.00112">FastViT: a fast vision transformer</a>' in page
    assert '<span class="date">2021-10-26</span>' in page and '<span class="date">2022-01-03</span>' in page
    assert page.count("no known arXiv id") == 1 and "1 of 3 papers have no known arXiv id" in page
    assert page.count('<a href="https://arxiv.org/search/') == 1 and "(search)" not in page  # NoIdNet's row, styled
    assert "SlowNet: 80.1% · SlowNet: a slow network (2022-01-03)" in page  # dated: on the chart

"""The report's sortable tables in a real headless Chromium (selenium)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from board_claims import claim, claims_table

from claims.leaderboard import build_comparisons, build_leaderboards
from claims.report import write_report

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip

# Values chosen so that sorting them as text would give another order (100 < 9 < 10.5).
VALUES = {"Alpha": 9.0, "beta": 100.0, "Gamma": 10.5, "delta": 55.0}

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in [*ARGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    yield driver
    driver.quit()


@pytest.fixture
def board_page(browser: object, tmp_path: Path) -> object:
    rows = [claim(model=m, value=v, paper_id=m, title=f"{m} paper") for m, v in VALUES.items()]
    rows.append(claim(model="Nameless", metric="FID", unit="1", value=3.0, paper_id="n"))  # no accuracy: empty cell
    table = claims_table(*rows)
    page = write_report(build_leaderboards(table), build_comparisons(table), tmp_path)
    browser.get(page.as_uri())
    return browser


def column(driver: object, header: str) -> list[str]:
    """The texts of one column of the ImageNet board, top to bottom."""
    table = driver.find_element("css selector", "#board-imagenet table")
    heads = [th.text for th in table.find_elements("css selector", "thead th")]
    index = heads.index(header) + 1
    return [td.text for td in table.find_elements("css selector", f"tbody tr td:nth-child({index})")]


def click(driver: object, header: str) -> None:
    driver.find_element("xpath", f"//section[@id='board-imagenet']//th/button[text()='{header}']").click()


def test_clicking_a_header_sorts_numbers_as_numbers_and_toggles(board_page: object) -> None:
    metric = "top-1 accuracy (%)"
    assert column(board_page, metric) == ["100", "55", "10.5", "9", ""]  # ranked, higher is better
    click(board_page, metric)
    assert column(board_page, metric) == ["9", "10.5", "55", "100", ""]  # empty cells stay last
    assert column(board_page, "model") == ["Alpha", "Gamma", "delta", "beta", "Nameless"]
    click(board_page, metric)
    assert column(board_page, metric) == ["100", "55", "10.5", "9", ""]


def test_clicking_a_text_header_sorts_by_text(board_page: object) -> None:
    click(board_page, "model")
    assert column(board_page, "model") == ["Alpha", "beta", "delta", "Gamma", "Nameless"]
    header = board_page.find_element("xpath", "//section[@id='board-imagenet']//th[button[text()='model']]")
    assert header.get_attribute("aria-sort") == "ascending"
    click(board_page, "model")
    assert column(board_page, "model") == ["Nameless", "Gamma", "delta", "beta", "Alpha"]
    assert header.get_attribute("aria-sort") == "descending"


def test_values_show_their_sentence_on_hover(board_page: object) -> None:
    cell = board_page.find_element("xpath", "//section[@id='board-imagenet']//td[@data-sort='100.0']")
    assert cell.get_attribute("title") == "100%: beta paper: M1 reaches 80% top-1 accuracy on ImageNet."

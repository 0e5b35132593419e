"""The report in a real headless Chromium (selenium): sorting, filters, the sentences by keyboard and touch, a phone.

Without chromium these tests skip locally, and fail when CI is set (.ci/run installs chromium and sets it).
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from board_claims import claim, claims_table, delta, papers_table

from claims.boards.leaderboard import build_comparisons, build_leaderboards
from claims.boards.webpage import write_report

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
PHONE = {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True}

# Values chosen so that sorting them as text would give another order (100 < 9 < 10.5; 100 < 20 < 3).
ACCURACY = {"Alpha": 9.0, "beta": 100.0, "Gamma": 10.5, "delta": 55.0}
FID = {"Alpha": 20.0, "Gamma": 3.0, "Nameless": 100.0}
ACCURACY_COLUMN, FID_COLUMN = "top-1 accuracy (%)", "FID"

Driver = Any  # selenium's WebDriver: selenium is imported only when a test runs


def unavailable(reason: str) -> NoReturn:
    """Skip, except in CI, where a browser test that cannot run is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so the browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    try:
        webdriver = importlib.import_module("selenium.webdriver")
    except ImportError:
        unavailable("selenium is not installed (pip install -e '.[test]')")
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        unavailable(f"{' and '.join(missing)} not found: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in [*ARGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
    yield driver
    driver.quit()


def open_report(
    driver: Driver, rows: list[dict[str, object]], folder: Path, areas: dict[str, str] | None = None
) -> Driver:
    """Write the report of these claims (boards given an area by name) and load it."""
    table = claims_table(*rows)
    boards = [dataclasses.replace(b, area=(areas or {}).get(b.name)) for b in build_leaderboards(table)]
    page = write_report(boards, build_comparisons(table), folder)
    driver.get(page.as_uri())
    return driver


@pytest.fixture
def board_page(browser: Driver, tmp_path: Path) -> Driver:
    rows = [claim(model=m, value=v, paper_id=m, title=f"{m} paper") for m, v in ACCURACY.items()]
    rows += [
        claim(model=m, metric="FID", unit="1", value=v, paper_id=m, title=f"{m} paper", start=30, end=33)
        for m, v in FID.items()
    ]
    return open_report(browser, rows, tmp_path)


def column(driver: Driver, header: str, board: str = "ImageNet") -> list[str]:
    """The texts of one column of a board, top to bottom, in the rows shown."""
    table = driver.find_element("xpath", f"//section[h2='{board}']//table")
    heads = [th.text for th in table.find_elements("css selector", "thead th")]
    index = heads.index(header)
    rows = [tr for tr in table.find_elements("css selector", "tbody tr") if tr.is_displayed()]
    return [tr.find_elements("tag name", "td")[index].text for tr in rows]


def header(driver: Driver, label: str) -> Any:
    return driver.find_element("xpath", f"//section[h2='ImageNet']//th[button[text()='{label}']]")


def click(driver: Driver, label: str) -> None:
    header(driver, label).find_element("tag name", "button").click()


# ---- sorting -------------------------------------------------------------------------------------


def test_a_higher_is_better_metric_sorts_best_first_on_its_first_click(board_page: Driver) -> None:
    click(board_page, "model")  # leave the ranked order first
    click(board_page, ACCURACY_COLUMN)
    assert column(board_page, ACCURACY_COLUMN) == ["100", "55", "10.5", "9", ""]  # numbers, empty cells last
    assert header(board_page, ACCURACY_COLUMN).get_attribute("aria-sort") == "descending"
    click(board_page, ACCURACY_COLUMN)
    assert column(board_page, ACCURACY_COLUMN) == ["9", "10.5", "55", "100", ""]
    assert column(board_page, "model") == ["Alpha", "Gamma", "delta", "beta", "Nameless"]


def test_a_lower_is_better_metric_sorts_best_first_on_its_first_click(board_page: Driver) -> None:
    click(board_page, FID_COLUMN)
    assert column(board_page, FID_COLUMN) == ["3", "20", "100", "", ""]
    assert header(board_page, FID_COLUMN).get_attribute("aria-sort") == "ascending"
    click(board_page, FID_COLUMN)
    assert column(board_page, FID_COLUMN) == ["100", "20", "3", "", ""]


def test_a_text_column_sorts_ascending_first(board_page: Driver) -> None:
    click(board_page, "model")
    assert column(board_page, "model") == ["Alpha", "beta", "delta", "Gamma", "Nameless"]
    assert header(board_page, "model").get_attribute("aria-sort") == "ascending"
    click(board_page, "model")
    assert column(board_page, "model") == ["Nameless", "Gamma", "delta", "beta", "Alpha"]
    assert header(board_page, "model").get_attribute("aria-sort") == "descending"


# ---- a value's sentence: keyboard and touch -----------------------------------------------------


def panel_of(driver: Driver, button: Any) -> Any:
    return driver.find_element("id", button.get_attribute("aria-controls"))


def press(driver: Driver, key: str) -> None:
    webdriver = importlib.import_module("selenium.webdriver")
    webdriver.ActionChains(driver).send_keys(key).perform()


def tab_to_a_value(driver: Driver) -> Any:
    keys = importlib.import_module("selenium.webdriver.common.keys").Keys
    for _ in range(100):
        press(driver, keys.TAB)
        focused = driver.switch_to.active_element
        if focused.get_attribute("class") == "claim":
            return focused
    raise AssertionError("no value reached with Tab")


def test_tabbing_to_a_value_shows_its_sentence_and_escape_hides_it(board_page: Driver) -> None:
    keys = importlib.import_module("selenium.webdriver.common.keys").Keys
    first = tab_to_a_value(board_page)
    panel = panel_of(board_page, first)
    assert panel.is_displayed() and first.get_attribute("aria-expanded") == "true"
    assert "M1 reaches 80% top-1 accuracy on ImageNet." in panel.text
    assert panel.text.startswith(f"ImageNet · beta · {ACCURACY_COLUMN}")  # the top row's value, 100
    second = tab_to_a_value(board_page)
    assert panel_of(board_page, second).is_displayed() and not panel.is_displayed()  # one open at a time
    press(board_page, keys.ESCAPE)
    assert not panel_of(board_page, second).is_displayed()
    press(board_page, keys.ENTER)  # the value still has the focus: Enter opens it again
    assert panel_of(board_page, second).is_displayed()


def test_a_click_or_tap_on_a_value_shows_its_sentence_until_a_click_elsewhere(board_page: Driver) -> None:
    button = board_page.find_element("xpath", "//section[h2='ImageNet']//td[@data-sort='55.0']/button")
    panel = panel_of(board_page, button)
    assert not panel.is_displayed()
    button.click()
    assert panel.is_displayed() and "55%" in panel.text
    board_page.find_element("tag name", "h1").click()
    assert not panel.is_displayed()


# ---- search and filters --------------------------------------------------------------------------

FILTER_ROWS = [
    claim(model="Alpha", paper_id="a", title="Alpha paper", task="image classification"),
    claim(model="Gamma", paper_id="g", title="Gamma paper", task="image classification", value=82.0),
    claim(model="Beta", paper_id="b", title="Beta paper", value=70.0),  # ImageNet, no task: a board of its own
    claim(model="Detector", paper_id="d", title="Detection paper", dataset="COCO", metric="AP",
          task="object detection"),
    claim(model="Tracker", paper_id="k", title="Video paper", dataset="Kinetics-400"),
    delta(model="Detector", baseline="Old", paper_id="d", title="Detection paper", dataset="COCO", metric="AP",
          task="object detection", value=2.0, start=40, end=43),
]  # fmt: skip
CLASSIFICATION, DETECTION = "ImageNet (image classification)", "COCO (object detection)"
AREAS = {CLASSIFICATION: "vision", "ImageNet": "vision", DETECTION: "vision", "Kinetics-400": "video"}


@pytest.fixture
def filter_page(browser: Driver, tmp_path: Path) -> Driver:
    return open_report(browser, FILTER_ROWS, tmp_path, AREAS)


def shown_boards(driver: Driver) -> list[str]:
    """The names of the boards shown; the index must list the same."""
    headings = driver.find_elements("css selector", "section.board h2")
    shown = sorted(h.text for h in headings if h.is_displayed())
    links = driver.find_elements("css selector", "nav a[href^='#board-']")
    assert sorted(a.text for a in links if a.is_displayed()) == shown
    return shown


def choose(driver: Driver, name: str, value: str) -> None:
    select = importlib.import_module("selenium.webdriver.support.select").Select
    select(driver.find_element("id", f"filter-{name}")).select_by_value(value)


def search(driver: Driver, text: str) -> None:
    box = driver.find_element("id", "search")
    box.clear()
    box.send_keys(text)


def comparisons_shown(driver: Driver) -> bool:
    return driver.find_element("id", "comparisons").is_displayed()


def test_the_page_starts_with_every_board(filter_page: Driver) -> None:
    assert shown_boards(filter_page) == sorted(AREAS)


def test_a_task_filter_hides_the_boards_and_comparisons_of_other_tasks(filter_page: Driver) -> None:
    choose(filter_page, "task", "object detection")
    assert shown_boards(filter_page) == [DETECTION]
    assert comparisons_shown(filter_page)
    choose(filter_page, "task", "image classification")
    assert shown_boards(filter_page) == [CLASSIFICATION]
    assert not comparisons_shown(filter_page)  # the only comparison is on detection
    choose(filter_page, "task", "")
    assert shown_boards(filter_page) == sorted(AREAS)


def test_an_area_filter_keeps_the_boards_of_that_area(filter_page: Driver) -> None:
    choose(filter_page, "area", "video")
    assert shown_boards(filter_page) == ["Kinetics-400"]
    choose(filter_page, "area", "vision")
    assert shown_boards(filter_page) == [DETECTION, "ImageNet", CLASSIFICATION]


def test_a_benchmark_filter_keeps_every_board_of_that_benchmark(filter_page: Driver) -> None:
    choose(filter_page, "benchmark", "ImageNet")
    assert shown_boards(filter_page) == ["ImageNet", CLASSIFICATION]
    choose(filter_page, "task", "image classification")  # filters combine
    assert shown_boards(filter_page) == [CLASSIFICATION]


def test_search_hides_the_rows_and_boards_that_miss_it(filter_page: Driver) -> None:
    search(filter_page, "gamma")
    assert shown_boards(filter_page) == [CLASSIFICATION]
    assert column(filter_page, "model", CLASSIFICATION) == ["Gamma"]  # Alpha's row hidden
    search(filter_page, "classification alpha")  # every word: one names the board, one the row
    assert column(filter_page, "model", CLASSIFICATION) == ["Alpha"]
    search(filter_page, "coco")  # a board's name keeps all its rows
    assert shown_boards(filter_page) == [DETECTION] and column(filter_page, "model", DETECTION) == ["Detector"]
    search(filter_page, "no such model")
    assert shown_boards(filter_page) == [] and not comparisons_shown(filter_page)
    assert filter_page.find_element("id", "filter-status").text == "0 of 4 boards, 0 comparisons"


# ---- a phone -------------------------------------------------------------------------------------

LONG_NAME = "AnExtremelyLongModelNameWithoutAnySpaceThatWouldPushAPageSideways" * 2
PHONE_ROWS = [
    claim(model=LONG_NAME, paper_id="a", title=LONG_NAME + ": " + "a very long title " * 8),
    *(claim(model=f"M{i}", paper_id=f"p{i}", value=70.0 + i, metric=metric, unit=unit, start=20 + i, end=23 + i)
      for i, (metric, unit) in enumerate([("top-5 accuracy", "%"), ("FID", "1"), ("error rate", "%"), ("mAcc", "%")])),
]  # fmt: skip


def test_the_page_fits_a_phone_without_sideways_scrolling(browser: Driver, tmp_path: Path) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        page = open_report(browser, PHONE_ROWS, tmp_path)
        fits = "return document.documentElement.scrollWidth <= window.innerWidth"
        assert page.execute_script("return window.innerWidth") == PHONE["width"]
        assert page.execute_script(fits)
        table = page.find_element("xpath", "//section[h2='ImageNet']//div[@class='scroll']")
        assert page.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", table)  # scrolls
        page.find_element("xpath", "//section[h2='ImageNet']//button[@class='claim']").click()
        assert page.execute_script(fits)  # the open sentence too
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


# ---- extra training data, the marked number, the chart, the score on a phone --------------------

EXTRA_ROWS = [
    claim(model="Big", paper_id="b", title="Big paper", value=88.0, context="pre-trained on ImageNet-21K"),
    claim(model="Small", paper_id="s", title="Small paper", value=81.0),
    claim(model="Tiny", paper_id="t", title="Tiny paper", value=75.0),
]


def test_the_extra_data_filter_keeps_the_rows_with_or_without_extra_data(browser: Driver, tmp_path: Path) -> None:
    """Extra training data makes numbers incomparable: its rows are a board of their own, flagged in a column."""
    page = open_report(browser, EXTRA_ROWS, tmp_path)
    extra = "ImageNet (pre-trained on ImageNet-21K)"
    assert column(page, "extra data", extra) == ["yes"]
    assert "extra data" not in [th.text for th in page.find_elements("css selector", "section.board thead th")[:5]]
    choose(page, "extra", "no")
    assert shown_boards(page) == ["ImageNet"]
    assert column(page, "model") == ["Small", "Tiny"]
    choose(page, "extra", "yes")
    assert shown_boards(page) == [extra]
    assert column(page, "model", extra) == ["Big (pre-trained on ImageNet-21K)"]
    search(page, "tiny")  # combines with search: nothing left
    assert shown_boards(page) == []
    search(page, "")
    choose(page, "extra", "")
    assert shown_boards(page) == ["ImageNet", extra]


def test_the_explained_number_is_highlighted_in_its_sentence(browser: Driver, tmp_path: Path) -> None:
    sentence = "Small gets 81% here, Tiny 75%."
    rows = [
        claim(model="Small", value=81.0, value_text="81%", sentence=sentence, start=11, end=14),
        claim(model="Tiny", value=75.0, value_text="75%", sentence=sentence, start=26, end=29),
    ]
    page = open_report(browser, rows, tmp_path)
    button = page.find_element("xpath", "//section[h2='ImageNet']//td[@data-sort='75.0']/button")
    button.click()
    panel = panel_of(page, button)
    mark = panel.find_element("tag name", "mark")
    assert mark.is_displayed() and mark.text == "75%"
    assert panel.find_element("tag name", "q").text == sentence  # the whole sentence, the number in it
    background = page.execute_script("return getComputedStyle(arguments[0]).backgroundColor", mark)
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # it stands out


CHART_ROWS = [
    claim(model="Old", paper_id="p1", title="Old paper", value=80.0),
    claim(model="New", paper_id="p2", title="New paper", value=83.0),
]


def test_hovering_a_chart_point_names_its_model_value_and_paper(browser: Driver, tmp_path: Path) -> None:
    table = claims_table(*CHART_ROWS)
    page = write_report(
        build_leaderboards(table, papers_table(p1="2021-01-01", p2="2022-06-01")), build_comparisons(table), tmp_path
    )
    browser.get(page.as_uri())
    points = browser.find_elements("css selector", "svg.chart circle.pt")
    assert len(points) == 2
    tip = browser.find_element("css selector", "figure .tip")
    assert not tip.is_displayed()
    webdriver = importlib.import_module("selenium.webdriver")
    webdriver.ActionChains(browser).move_to_element(points[1]).perform()
    assert tip.is_displayed() and tip.text == "New: 83% · New paper (2022-06-01)"
    webdriver.ActionChains(browser).move_to_element(browser.find_element("tag name", "h1")).perform()
    assert not tip.is_displayed()
    labels = [t.text for t in browser.find_elements("css selector", "svg.chart text.label")]
    assert labels == ["paper date", "top-1 accuracy (%) (higher is better)"]


BASELINE_ROWS = [
    *PHONE_ROWS,
    claim(model="Cited", paper_id="c", title="Citing paper", value=60.0, context="the baseline", start=40, end=43),
]


def test_on_a_phone_the_ranked_score_is_in_view_without_scrolling_sideways(browser: Driver, tmp_path: Path) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        page = open_report(browser, BASELINE_ROWS, tmp_path)
        table = page.find_element("xpath", "//section[h2='ImageNet']//table")
        heads = [th.text for th in table.find_elements("css selector", "thead th")]
        assert heads.index(ACCURACY_COLUMN) == 2 and heads.index("reported by") > 2  # rank, model, the score
        for row in table.find_elements("css selector", "tbody tr"):
            cell = row.find_elements("tag name", "td")[2]
            right = page.execute_script("return arguments[0].getBoundingClientRect().right", cell)
            assert right <= PHONE["width"], row.text  # in view as the page opens, with the longest name
        assert page.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

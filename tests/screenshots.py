"""Screenshots of the report at 1280 px and at 375 px (a phone), for reading it as a user would.

    .venv/bin/python tests/screenshots.py [reports/screenshots]

Runs `claims run` on the bundled sample pages in a temporary folder, opens its report in headless Chromium
(as tests/test_report_browser.py does) and saves, at each width, the top of the page and the ImageNet board
its chart with a point's tip, and its table with a value's sentence open.
"""

from __future__ import annotations

import base64
import contextlib
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

from selenium import webdriver
from test_report_browser import ARGS, CHROMEDRIVER, CHROMIUM

from claims.cli import main

WIDTHS = {"1280": {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
          "375": {"width": 375, "height": 740, "deviceScaleFactor": 2, "mobile": True}}  # fmt: skip
BOARD = "board-imagenet-image-classification"


def shoot(driver: Any, target: Path) -> None:
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    target.write_bytes(base64.b64decode(shot["data"]))
    print(target)


def chart_view(driver: Any) -> None:
    """The ImageNet board's chart, with the tip of its last point shown."""
    driver.execute_script(f"document.getElementById('{BOARD}').scrollIntoView()")
    points = driver.find_elements("css selector", f"#{BOARD} svg.chart circle.pt")
    webdriver.ActionChains(driver).move_to_element(points[-1]).perform()


def table_view(driver: Any) -> None:
    """The ImageNet board's table from its top, the first value's sentence open."""
    driver.execute_script(f"document.querySelector('#{BOARD} table').scrollIntoView()")
    driver.find_element("css selector", f"#{BOARD} button.claim").click()


def main_(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as out, contextlib.redirect_stdout(io.StringIO()):
        assert main(["run", "-o", out]) == 0
        page = Path(out) / "reports" / "index.html"
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in [*ARGS, f"--user-data-dir={out}/profile"]:
            options.add_argument(arg)
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(CHROMEDRIVER))
        try:
            for name, metrics in WIDTHS.items():
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
                driver.get(page.as_uri())
                with contextlib.redirect_stdout(sys.__stdout__):
                    shoot(driver, folder / f"report-top-{name}.png")
                    chart_view(driver)
                    shoot(driver, folder / f"report-chart-{name}.png")
                    table_view(driver)
                    shoot(driver, folder / f"report-table-{name}.png")
        finally:
            driver.quit()


if __name__ == "__main__":
    main_(Path(sys.argv[1] if len(sys.argv) > 1 else "reports/screenshots"))

"""The best-score-over-time chart of a board, as inline SVG that our code writes (no image, no library, no CDN).

Each dated own result of the board's ranked column is a point (a focusable circle whose `data-tip` and
`<title>` name its model, value and paper); a step line follows the best so far; both axes are labelled
(the paper's date; the metric with its unit and direction). Undated values cannot be placed in time and are
left out, said in the caption. All text is escaped; the page's script shows a point's tip on hover, focus
or tap.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from claims.boards.humanize import human_amount
from claims.boards.leaderboard import Board, progress

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 34, 48  # margins: room for tick labels and the axis titles
MIN_POINTS = 2  # one dated value shows no trend
TICKS = 5
DATE_STEPS = (("MS", "M", "%b %Y"), ("QS", "Q", "%b %Y"), ("6MS", "Y", "%b %Y"), ("YS", "Y", "%Y"))  # freq, anchor


@dataclass(frozen=True)
class Scale:
    """A linear map from data to pixels."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low or 1.0
        return self.start + (value - self.low) / span * (self.end - self.start)


def nice_ticks(low: float, high: float, count: int = TICKS) -> list[float]:
    """About `count` round values (1, 2 or 5 times a power of ten apart) covering low..high."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [round(first + i * step, 12) for i in range(int(math.ceil((high - first) / step)) + 1)]


def date_ticks(low: pd.Timestamp, high: pd.Timestamp, most: int = TICKS + 1) -> list[tuple[pd.Timestamp, str]]:
    """The finest of years, half-years, quarters or months that gives at most `most` ticks, each labelled."""
    for freq, anchor, label in DATE_STEPS:
        starts = pd.date_range(low.to_period(anchor).start_time, high, freq=freq)
        starts = starts[starts >= low]
        if len(starts) <= most:
            return [(t, f"{t:{label}}") for t in starts]
    step = f"{math.ceil(len(starts) / most)}YS"  # decades and more: every few years
    return [(t, f"{t:%Y}") for t in pd.date_range(starts[0], high, freq=step)]


def _esc(text: object) -> str:
    return html.escape(str(text))


def _points(board: Board) -> tuple[pd.DataFrame, int]:
    """The dated points oldest first with the best so far among them, and how many values are undated."""
    points = progress(board)
    dated = points[points["date"].notna()].copy()
    best = dated["value"].cummax() if board.higher_is_better else dated["value"].cummin()
    return dated.assign(best=best).reset_index(drop=True), int(points["date"].isna().sum())


def _tip(point: pd.Series) -> str:
    amount = human_amount(point["value"], point["unit"], point["metric"], point["bound"])
    return f"{point['variant']}: {amount} · {point['title']} ({point['date']:%Y-%m-%d})"


def _frame(x: Scale, y: Scale, board: Board, ticks: list[float], dates: list[tuple[pd.Timestamp, str]]) -> str:
    """Axes, grid, tick labels and the two axis titles."""
    parts = [f'<line class="axis" x1="{LEFT}" y1="{y.end}" x2="{LEFT}" y2="{y.start}"/>']
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{y.start}" x2="{WIDTH - RIGHT}" y2="{y.start}"/>')
    for value in ticks:
        top = y(value)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{top:.1f}" x2="{WIDTH - RIGHT}" y2="{top:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{top + 4:.1f}" text-anchor="end">{value:g}</text>')
    for when, label in dates:
        left = x(when.value)
        parts.append(f'<line class="axis" x1="{left:.1f}" y1="{y.start}" x2="{left:.1f}" y2="{y.start + 4}"/>')
        parts.append(f'<text class="tick" x="{left:.1f}" y="{y.start + 16}" text-anchor="middle">{label}</text>')
    direction = "higher is better" if board.higher_is_better else "lower is better"
    parts.append(
        f'<text class="label" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" text-anchor="middle">paper date</text>'
    )
    parts.append(  # above the value axis, level: a long metric name reads without being cut
        f'<text class="label" x="{LEFT - 40}" y="{TOP - 14}" text-anchor="start">'
        f"{_esc(board.primary)} ({direction})</text>"
    )
    return "".join(parts)


def _best_line(dated: pd.DataFrame, x: Scale, y: Scale) -> str:
    """A step line through the best so far, held to the right edge."""
    steps = [f"M{x(dated['date'].iloc[0].value):.1f},{y(dated['best'].iloc[0]):.1f}"]
    for when, best in zip(dated["date"].iloc[1:], dated["best"].iloc[1:], strict=True):
        steps.append(f"H{x(when.value):.1f}V{y(best):.1f}")
    steps.append(f"H{WIDTH - RIGHT}")
    return f'<path class="best" d="{"".join(steps)}"/>'


def _circles(dated: pd.DataFrame, x: Scale, y: Scale) -> str:
    circles = []
    for _, point in dated.iterrows():
        tip = _esc(_tip(point))
        record = " record" if point["value"] == point["best"] else ""
        circles.append(
            f'<circle class="pt{record}" cx="{x(point["date"].value):.1f}" cy="{y(point["value"]):.1f}" r="5"'
            f' tabindex="0" role="img" aria-label="{tip}" data-tip="{tip}"><title>{tip}</title></circle>'
        )
    return "".join(circles)


def chart_svg(board: Board) -> str | None:
    """The board's over-time chart as an SVG element; None when fewer than two values are dated or the board
    has no direction (no "best")."""
    if not board.ranked:
        return None
    dated, _ = _points(board)
    if len(dated) < MIN_POINTS:
        return None
    ticks = nice_ticks(float(dated["value"].min()), float(dated["value"].max()))
    y = Scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    first, last = dated["date"].min(), dated["date"].max()
    pad = max((last - first) / 20, pd.Timedelta(days=15))
    x = Scale((first - pad).value, (last + pad).value, LEFT + 8, WIDTH - RIGHT - 8)
    dates = date_ticks(first - pad, last + pad)
    title = f"best {board.primary} over time on {board.name}"
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-label="{_esc(title)}">'
        f"<title>{_esc(title)}</title>{_frame(x, y, board, ticks, dates)}{_best_line(dated, x, y)}"
        f"{_circles(dated, x, y)}</svg>"
    )


def chart_caption(board: Board) -> str:
    """What the chart ends on, in words, and what it leaves out."""
    dated, undated = _points(board)
    holder = dated[dated["value"] == dated["best"].iloc[-1]].iloc[0]
    amount = human_amount(holder["value"], holder["unit"], holder["metric"], holder["bound"])
    left_out = f" {undated} undated {'value is' if undated == 1 else 'values are'} not plotted." if undated else ""
    return (
        f"Best so far: {amount} by {holder['variant']} ({holder['date']:%Y-%m-%d}). Each point is a paper's own "
        f"ranked value, placed at the paper's date; hover, focus or tap one for its model, value and paper. "
        f"Baselines cited by other papers are left out, their dates being the citing paper's.{left_out}"
    )

"""Rendering: leaderboards and comparisons (claims/boards/leaderboard.py) to files.

`write_leaderboards` writes one CSV (every claim, with provenance, in canonical
units) and one Markdown table (one value per cell, in human units) per board,
the comparisons and an index; claims/boards/webpage.py writes the HTML report from the
same rows. All text is escaped for its format, and CSV text that a spreadsheet
would run as a formula is neutralized. Files are written beside their targets
and replaced together, with the rest of the run's outputs when given them
(claims.runtime.io.OutputSet).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd

from claims.boards.export import EVALUATION_TABLES, MODEL_INDEX, write_exports
from claims.boards.humanize import cell_amount, human_amount
from claims.boards.leaderboard import Board
from claims.runtime.io import OutputSet, joined, write_table, write_text
from claims.schemas.tables import LeaderboardSchema
from claims.tables.results import results_table

MANIFEST = ".generated"
GENERATED_SUFFIXES = (".csv", ".md", ".yaml", ".json")
DISPUTED = " (disputed)"


# ---- shared row model ------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One model's row of a board, as both Markdown and HTML lay it out."""

    rank: int | None
    model: str
    reported_by: str
    cells: dict[str, pd.DataFrame]  # column -> the cell's claims, the shown one first
    papers: list[tuple[str, str | None]]  # (title, link) of the shown claims


def text_or_none(value: object) -> str | None:
    """A cell's text, None when it is missing (NaN, None)."""
    return None if pd.isna(value) else str(value)


def rows(board: Board) -> list[Row]:
    """The board's rows in rank order (entries are sorted so by leaderboard.py)."""
    out = []
    for model, claims in board.entries.groupby("variant", sort=False):
        shown = claims[claims["shown"]]
        rank = claims["rank"].iloc[0]
        out.append(
            Row(
                rank=None if pd.isna(rank) else int(rank),
                model=str(model),
                reported_by="; ".join(dict.fromkeys(shown["reported_by"].dropna())),
                cells={str(c): cell for c, cell in claims.groupby("column", sort=False)},
                papers=list(dict.fromkeys(zip(shown["title"], map(text_or_none, shown["link"]), strict=True))),
            )
        )
    return out


def shown_value(claim: pd.Series) -> str:
    """A claim's value as a table cell shows it: human units, the unit left to the header if it has one scale."""
    return cell_amount(claim["value"], claim["unit"], claim["metric"], claim["bound"])


def cell_text(cell: pd.DataFrame) -> str:
    """The shown value, marked when the cell's claims disagree."""
    first = cell.iloc[0]
    return shown_value(first) + (DISPUTED if first["disputed"] else "")


def claim_amount(claim: pd.Series) -> str:
    """One claim's value in human units with its unit ("2.4 ms", "84%")."""
    return human_amount(claim["value"], claim["unit"], claim["metric"], claim["bound"])


def has_baselines(board: Board) -> bool:
    return bool(board.shown["reported_by"].notna().any())


def direction_word(board: Board) -> str:
    """ "higher is better", "lower is better", or why the board is not ranked."""
    if not board.ranked:
        return "its direction is unknown: unranked"
    return "higher is better" if board.higher_is_better else "lower is better"


# ---- CSV and Markdown --------------------------------------------------------


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no raw pipes, line breaks, HTML or links."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = re.sub(r"([\\|\[\]])", r"\\\1", str(value))  # "[x](javascript:...)" is no link
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)  # a tag or comment, not "<= 3"
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def md_link(title: str, link: str | None) -> str:
    text = md_cell(title)
    return "[" + text + "](" + link.replace(")", "%29") + ")" if link else text


def md_table(header: list[str], body: Iterable[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (md_cell)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines) + "\n"


def _papers_md(row: Row) -> str:
    return "; ".join(md_link(title, link) for title, link in row.papers)


def board_markdown(board: Board) -> str:
    """One board: a value per cell, ranked; all the claims behind it are in the CSV."""
    baselines = has_baselines(board)
    header = ["rank", "model", *(["reported by"] if baselines else []), *map(md_cell, board.columns), "paper"]
    body = [
        [
            "" if row.rank is None else str(row.rank),
            md_cell(row.model),
            *([md_cell(row.reported_by)] if baselines else []),
            *(md_cell(cell_text(row.cells[c])) if c in row.cells else "" for c in board.columns),
            _papers_md(row),
        ]
        for row in rows(board)
    ]
    intro = (
        f"# {md_cell(board.name)}\n\n"
        f"Ranked by **{md_cell(board.primary)}** ({direction_word(board)}), the task's headline metric "
        f"where papers report it, else the one most of them report. {len(body)} models, "
        f"{len(board.entries)} claims from {board.entries['paper_id'].nunique()} papers. "
        "`~`, `<`, `>=` mark bounded claims; "
        f'"disputed" marks a cell whose papers state different values (each claim, with its sentence, '
        f"is in [{board.slug}.csv]({board.slug}.csv), in canonical units). "
        + ('"reported by" names the paper that stated a baseline\'s score.' if baselines else "")
    )
    return intro.rstrip() + "\n\n" + md_table(header, body)


def comparisons_markdown(comparisons: pd.DataFrame) -> str:
    header = ["dataset", "model", "baseline", "metric", "change", "direction", "paper", "sentence"]
    body = [
        [
            *(md_cell(r[c]) for c in ["dataset", "model", "baseline", "metric"]),
            md_cell(claim_amount(r)),
            md_cell(r["direction"]),
            md_link(r["title"], text_or_none(r["link"])),
            md_cell(r["sentence"]),
        ]
        for _, r in comparisons.iterrows()
    ]
    intro = (
        "# Comparisons\n\nDelta and ratio claims across papers: a model against a baseline, by a "
        f"margin or a factor ([comparisons.csv](comparisons.csv) has it in the canonical unit). {len(body)} claims.\n\n"
    )
    return intro + md_table(header, body)


def index_markdown(boards: list[Board], comparisons: pd.DataFrame) -> str:
    """The leaderboards folder's README: every board with its size and current leader."""
    header = ["benchmark", "models", "claims", "ranked by", "leader", "files"]
    body = []
    for board in boards:
        leader = board.leader()
        body.append(
            [
                md_cell(board.name),
                str(board.shown["variant"].nunique()),
                str(len(board.entries)),
                md_cell(f"{board.primary}, {direction_word(board)}"),
                md_cell(f"{leader['variant']} ({shown_value(leader)})")
                + ", "
                + md_link(leader["title"], text_or_none(leader["link"])),
                f"[md]({board.slug}.md) · [csv]({board.slug}.csv)",
            ]
        )
    return (
        "# Leaderboards\n\nGenerated by `claims run`: one board per task on a benchmark (and per split where "
        "the vocabulary lists splits apart), built from the score claims of the papers' abstracts. Values read in "
        "human units (2.4 ms, 21M); the CSVs keep the canonical ones (seconds, counts). "
        f"{len(boards)} boards. Delta and ratio claims: [comparisons.md](comparisons.md) "
        f"({len(comparisons)} claims). Exports: [model-index/]({MODEL_INDEX}/) (Hugging Face model-card "
        f"metadata, a YAML file per model), [{EVALUATION_TABLES}]({EVALUATION_TABLES}) (Papers with Code "
        "format).\n\n" + md_table(header, body)
    )


def _write_csv(frame: pd.DataFrame, target: Path, outputs: OutputSet) -> Path:
    write_table(frame, target, outputs)  # claims.runtime.io neutralizes formula starts in every CSV
    return target


def _write_md(text: str, target: Path, outputs: OutputSet) -> Path:
    write_text(text, target, outputs)
    return target


def _forget_stale(directory: Path, written: list[Path], outputs: OutputSet) -> None:
    """The files an earlier run wrote here (or in a subfolder) that this run did not, and only those, go once
    the run is committed; the manifest of this run's files is renamed after the files it names."""
    manifest = directory / MANIFEST
    names = {p.relative_to(directory).as_posix() for p in written}
    old = manifest.read_text(encoding="utf-8").split() if manifest.exists() else []
    for name in set(old) - names:
        path = PurePosixPath(name)
        if not path.is_absolute() and ".." not in path.parts and path.suffix in GENERATED_SUFFIXES:
            outputs.discard(directory / path)
    write_text("\n".join(sorted(names)) + "\n", manifest, outputs)


def write_leaderboards(
    boards: list[Board], comparisons: pd.DataFrame, directory: str | Path, outputs: OutputSet | None = None
) -> list[Path]:
    """<slug>.csv and .md per board, comparisons.csv and .md, README.md, the exports (claims.boards.export); the files
    written (committed with the run's `outputs` when given, else together here)."""
    directory = Path(directory)
    written = []
    if boards:  # every board's CSV checked before any is written (the checks go board by board)
        LeaderboardSchema.validate(pd.concat([board.entries for board in boards], ignore_index=True))
    with joined(outputs) as files:
        for board in boards:
            written.append(_write_csv(board.entries, directory / f"{board.slug}.csv", files))
            written.append(_write_md(board_markdown(board), directory / f"{board.slug}.md", files))
        written.append(_write_csv(comparisons, directory / "comparisons.csv", files))
        written.append(_write_md(comparisons_markdown(comparisons), directory / "comparisons.md", files))
        written.append(_write_md(index_markdown(boards, comparisons), directory / "README.md", files))
        written.append(_write_csv(results_table(boards), directory / "results.csv", files))
        written += write_exports(boards, directory, files)
        _forget_stale(directory, written, files)
    return written

"""Reader of a paper's plain text by sections (NLP-TDMS `text/<paper>.txt`): a line "section: NAME" opens a
section; "section: title" and "section: abstract" hold the title and the abstract."""

from __future__ import annotations

import re
from pathlib import Path

from claims.ingest.loaders import LoadError
from claims.tables.frame import FullPaper
from claims.tables.pdfjson import frames, paper_id_of

_SECTION = re.compile(r"^section:\s*(.*?)\s*$")


def read_sections(path: Path) -> FullPaper:
    """Title, abstract and sections of a "section: NAME" text file; a file without one such line is refused."""
    source = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise LoadError(source, f"not a UTF-8 text file: {err}") from None
    parts: list[tuple[str, list[str]]] = []
    for line in lines:
        if match := _SECTION.match(line):
            parts.append((match.group(1), []))
        elif parts:
            parts[-1][1].append(line)
    if not parts:
        raise LoadError(source, 'no "section: NAME" line: not a paper\'s text by sections')
    paper_id = paper_id_of(path)
    texts = [(name, "\n".join(body).strip()) for name, body in parts]
    title = next((" ".join(t.split()) for n, t in texts if n.lower() == "title" and t), None)
    abstract = next((" ".join(t.split()) for n, t in texts if n.lower() == "abstract" and t), None)
    rows = [
        {"paper_id": paper_id, "section": name, "text": text, "source": source}
        for name, text in texts
        if text and name.lower() not in ("title", "abstract")
    ]
    return FullPaper(paper_id, source, title, abstract, *frames(None, rows))

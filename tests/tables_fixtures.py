"""Small invented full papers in each NLP-TDMS format, written into a folder by the tests that read them."""

from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
TDMS_DEV = SHARED / "tdms" / "dev"

TITLE = "GraphNER: Named Entity Recognition with Graph Networks"
ABSTRACT = (
    "We propose GraphNER, a named entity recognition model over graphs of words. "
    "GraphNER reaches 91.4 F1 on CoNLL-2003."
)


def _cell(number: str, rows: list[str], columns: list[str], bold: bool = False, merged: list[str] = ()) -> dict:
    return {"number": number, "isBolded": bold, "associatedRows": rows, "associatedColumns": columns,
            "associatedMergedColumns": list(merged)}  # fmt: skip


RESULTS_TABLE = {
    "caption": "Model F1\nLample 90.9\nTable 2: Test results on CoNLL-2003 , compared with previous work .",
    "rows": [], "columns": [], "mergedAllColumns": [],
    "numberCells": [
        _cell("90.94", ["Lample et al . ( 2016 )"], ["Test", "F 1"]),
        _cell("91.21", ["Ma and Hovy ( 2016 )"], ["Test", "F 1"]),
        _cell("91.38", ["GraphNER - base"], ["Test", "F 1"]),
        _cell("91.62", ["GraphNER ( ours )"], ["Test", "F 1"], bold=True),
        _cell("94.10", ["GraphNER ( ours )"], ["Dev", "F 1"], bold=True),
    ],
}  # fmt: skip
HYPER_TABLE = {
    "caption": "Table 1: Hyper-parameters of all experiments.",
    "rows": [], "columns": [], "mergedAllColumns": [],
    "numberCells": [_cell("0.5", ["dropout"], ["NER"]), _cell("0.01", ["learning rate"], ["NER"])],
}  # fmt: skip

TEI = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
 <teiHeader><fileDesc><titleStmt><title level="a" type="main">{TITLE}</title></titleStmt></fileDesc>
  <profileDesc><abstract><p>{ABSTRACT}</p></abstract></profileDesc></teiHeader>
 <text><body>
  <div><head n="2">Related Work</head><p>Lample et al. reach 90.9 F1 on CoNLL-2003 with LSTM-CRF.</p></div>
  <div><head n="5">Results</head><p>GraphNER obtains 91.62 F1 on CoNLL-2003 test set.</p></div>
  <figure type="table" xml:id="tab_1"><head>Table 3: Results on CoNLL-2003.</head>
   <table><row role="label"><cell>Model</cell><cell>F1</cell></row>
    <row><cell>GraphNER</cell><cell><hi rend="bold">91.6</hi></cell></row></table></figure>
 </body></text>
</TEI>
"""

TEXT = f"""section: title
{TITLE}
section: abstract
{ABSTRACT}
section: 5 Results
GraphNER obtains 91.62 F1 on CoNLL-2003.
"""


def write_paper(folder: Path, stem: str = "2101.00001", tei: bool = True, text: bool = True) -> Path:
    """NLP-TDMS's layout: tables/STEM.json, tei/STEM.tei.xml, text/STEM.txt and the annotations beside."""
    for sub in ("tables", "tei", "text"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "tables" / f"{stem}.json").write_text(json.dumps([HYPER_TABLE, RESULTS_TABLE]), encoding="utf-8")
    if tei:
        (folder / "tei" / f"{stem}.tei.xml").write_text(TEI, encoding="utf-8")
    if text:
        (folder / "text" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    (folder / "results.jsonl").write_text(json.dumps({"paper": stem, "score": "91.62"}) + "\n", encoding="utf-8")
    (folder / "papers.jsonl").write_text(json.dumps({"paper": stem, "title": TITLE}) + "\n", encoding="utf-8")
    return folder


LATEX = r"""\documentclass{article}
\title{TagFormer: Part-of-Speech Tagging with Transformers}
\begin{document}
\begin{abstract}We propose TagFormer, a tagger.\end{abstract}
\section{Results}
\begin{table}
\caption{Test accuracy on the Penn Treebank POS tagging benchmark.}
\begin{tabular}{lc}
\toprule
Model & Accuracy \\
\midrule
Bi-LSTM~\cite{ling2015} & 97.36 \\
TagFormer (ours) & \textbf{97.61} \\
\bottomrule
\end{tabular}
\end{table}
\end{document}
"""

"""Full papers: their results tables and sections, read into DataFrames.

Every input format (LaTeX source, arXiv/ar5iv HTML, GROBID TEI, PDF-table JSON)
gives the same two frames, defined in `claims.tables.frame`: `tables`, one row
per cell with its provenance, and `sections`, the paper's text by section.
"""

"""claims: quantitative result claims from ML paper abstracts, as validated pandas tables.

>>> import claims
>>> papers = claims.load()            # the bundled sample pages
>>> table = claims.extract(papers)    # one row per claimed number
>>> valid, quarantine = claims.validate(table, papers)
>>> boards = claims.leaderboards(valid, papers)   # one ranked board per task on a benchmark
"""

# isort: off
from claims.runtime import interrupted as interrupted  # first: the command takes Ctrl-C while it imports as one line

# isort: on
from claims.api import leaderboards, load, report
from claims.extraction.extract import CLAIM_COLUMNS, extract
from claims.extraction.validate import validate_claims as validate
from claims.extraction.validate import validate_papers
from claims.ingest.loaders import LoadError

__all__ = [
    "CLAIM_COLUMNS",
    "LoadError",
    "extract",
    "leaderboards",
    "load",
    "report",
    "validate",
    "validate_papers",
]
__version__ = "0.1.0"

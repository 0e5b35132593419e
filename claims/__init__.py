"""claims: quantitative result claims from ML paper abstracts, as validated pandas tables.

>>> import claims
>>> papers = claims.load()            # the bundled sample pages
>>> table = claims.extract(papers)    # one row per claimed number
>>> valid, quarantine = claims.validate(table, papers)
"""

from __future__ import annotations

import importlib

# name -> (module, attribute): imported when first asked for, so that `import claims.cli` is quick and the
# command can take Ctrl-C as one line even while it imports pandas and the rest (claims.cli)
_API = {
    "CLAIM_COLUMNS": ("claims.extract", "CLAIM_COLUMNS"),
    "extract": ("claims.extract", "extract"),
    "LoadError": ("claims.loaders", "LoadError"),
    "load": ("claims.loaders", "load"),
    "validate": ("claims.validate", "validate_claims"),
    "validate_papers": ("claims.validate", "validate_papers"),
}
__all__ = ["CLAIM_COLUMNS", "LoadError", "extract", "load", "validate", "validate_papers"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    if name not in _API:
        raise AttributeError(f"module 'claims' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])

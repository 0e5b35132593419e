"""Cue words of abstracts: the small closed vocabularies that decide a claim's
kind, direction and bound. Kept as data tables here, apart from the logic
that reads them (claims/extraction/reading.py), so they can be extended without code.
"""

from __future__ import annotations

import re

# Bound words before a number (symbols are read by the grammar).
BOUND_WORDS = {
    "up to": "<=",
    "upto": "<=",
    "at most": "<=",
    "as much as": "<=",
    "as many as": "<=",
    "about": "~",
    "around": "~",
    "approximately": "~",
    "approx.": "~",
    "roughly": "~",
    "nearly": "~",
    "almost": "~",
    "circa": "~",
    "over": ">",
    "more than": ">",
    "greater than": ">",
    "above": ">",
    "exceeding": ">",
    "beyond": ">",
    "less than": "<",
    "fewer than": "<",
    "under": "<",
    "below": "<",
    "within": "<=",
    "at least": ">=",
    "no less than": ">=",
    "no fewer than": ">=",
}
BOUND_SYMBOLS = {"~": "~", "sim": "~", "≈": "~", ">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<="}

# "up to 50%", "at least ∼16.7%" (the word bounds it, whatever the tilde says)
BOUND_BEFORE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w) for w in BOUND_WORDS), key=len, reverse=True)) + r")\s+(?:by\s+)?[~∼]?$",
    re.IGNORECASE,
)

# Words that make a number a change rather than a level.
DELTA_AFTER = re.compile(
    r"^\s*(?:absolute\s+|relative\s+)?(?:points?\s+|pp\s+)?(?:of\s+)?"
    r"(?:(?!and\b|or\b|which\b|that\b|it\b|is\b|was\b|are\b|while\b|whereas\b|when\b|but\b)(?:[a-zA-Z][\w-]*|\([\w-]+\))\s+){0,3}?"
    r"(?:higher|lower|(?:more|fewer|less)(?!\s+than\s+[\d~$])|better|worse|superior|improvements?|gains?|boosts?|increases?|reductions?|"
    r"decreases?|drops?|savings?|deductions?|smaller|larger|faster|slower|absolute|relative|lead|margin|speed-?ups?|"
    r"acceleration|above|below|"
    # "2.08 BLEU over a pivoting mechanism": a margin over a system described
    r"over\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:baseline|model|method|approach|system|mechanism|counterpart)s?|"
    r"performance\s+(?:gain|improvement|boost|drop))\b",
    re.IGNORECASE,
)
# The stems of the verbs of doing better than another: "outperforms X", "surpassing X", "exceeding X"
OUTDOING = r"(?:outperform|surpass|beat|exceed)"
# "exceeding the previous SOTA 0.38 dB": a margin over a described baseline without "by"
MARGIN_WITHOUT_BY = (
    rf"\b{OUTDOING}\w*\s+(?:the\s+)?(?:previous|prior|former|current)\s+"
    r"(?:best|SOTA|state[- ]of[- ]the[- ]art)(?:\s+(?:methods?|results?|models?))?\s+"
)
DELTA_BEFORE = re.compile(
    r"(?:\bby\s+(?:an?\s+)?(?:(?:impressive|notable|significant|large|substantial|average|absolute|relative)\s+)*"
    r"(?:(?:margin|gain|improvement)\s+of\s+)?|"
    r"\b(?:improvements?|gains?|boosts?|increases?|reductions?|decreases?|drops?|margins?|lead|accelerations?|speed-?ups?|"
    r"gaps?)(?:\s+(?:achieved|obtained|observed))?"  # "the improvement achieved in IoU is 1.17%"
    r"(?:\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:[\w-]+|\([\w-]+\)))?"
    r"\s*,?\s*(?:of|are|were|is|was|,?\s*such as|:)\s+(?:up\s+to\s+|between\s+)?|"
    r"\(\s*(?:absolute|relative)\s+|"  # "lower error (absolute 7.8%) than X"
    # "closing the performance gap from 7.5 to 2.2 BLEU": the levels of a gap
    r"\bgaps?\s+(?:[\w-]+\s+){0,3}?(?:from\s+[\d.]+\s*%?\s+)?(?:from|to)\s+|"
    # "improve X by 0.8 BLEU on WMT14 and around 1.2 accuracy on ...": the margins "by" lists
    r"\bby\s+[+]?\d[\d.]*\s*%?(?:\s+[\w-]+){0,8}?\s+and\s+|"
    r"\b(?:improv\w*|boost\w*|increas\w*|reduc\w*|decreas\w*|lower\w*|rais\w*|cut\w*|outperform\w*|surpass\w*|beat\w*)\s+"
    r"(?:[\w-]+\s+){0,4}?by\s+|\b(?:sacrific\w*|los(?:e|es|ing|s))\s+(?:only\s+)?(?:less than\s+)?|"
    r"\b(?:gains|gained|gaining)\s+|"  # "X gains 1.2 mAP"
    r"\b(?:improves|improved|improving)\s+|"  # "our method improves 1.90%, 1.73% and 2.87% for ..."
    rf"{MARGIN_WITHOUT_BY}|"
    r"\b(?:sav(?:e|es|ed|ing)|cut(?:s|ting)?|reduc(?:e|es|ed|ing))\s+|"  # "while saving 59% FLOPs"
    r"\bat\s+(?:the|a)\s+(?:[\w-]+\s+)?cost\s+of\s+(?:only\s+|just\s+|about\s+)?|"  # "at the cost of 0.3%"
    # "a clear gain (~3%)", "reductions in memory (up to 40%)"
    r"\b(?:improvements?|gains?|boosts?|increases?|reductions?|decreases?|drops?|savings?|speed-?ups?)"
    r"(?:\s+in\s+(?:[\w-]+\s+){0,3}?[\w-]+)?\s*\(\s*|"
    # "by a large margin on three benchmarks, namely, 5.1% on A, 2.7% on B"
    r"\bby\s+an?\s+(?:[\w-]+\s+){0,2}?margin\b[^.;]{0,60}?(?:namely|i\.e\.|:)\s*,?\s*)"
    r"(?:(?:up to|upto|about|around|approximately|nearly|almost|over|more than|at least|roughly|an average of|"
    r"on average|only|just|merely)\s+)?[~∼+]?$",
    re.IGNORECASE,
)

# "with less than 1% top-1 accuracy loss": a share lost is a change (in percent only: "2.31 training loss" is a level)
PERCENT_LOST_AFTER = re.compile(r"^\s*(?:[a-zA-Z][\w-]*\s+){0,3}?(?:loss|degradation)\b", re.IGNORECASE)

# "reduces up to 40% of the training time": a share taken off a cost is a change of it.
SHARE_REMOVED = re.compile(
    r"\b(?:reduc|sav|cut|remov|eliminat|deduct|prun)\w*\s+(?:(?:up to|upto|about|nearly|almost|over)\s+)?$", re.I
)

# Direction words: what happened to the quantity.
UP_WORDS = re.compile(
    r"\b(?:faster|speed[- ]?ups?|accelerat\w*|higher|more|increas\w*|improv\w*|gains?|boost\w*|"
    r"outperform\w*|surpass\w*|better|larger|greater|raises?|exceed\w*|beat\w*|enhanc\w*|throughput|"
    r"longer|speeds? up)\b",
    re.IGNORECASE,
)
# "falls short of X", "lags behind X", "trails X": doing worse than another (a down word, and a shortfall)
_SHORTFALL = (
    r"falls?\s+short|fell\s+short|falling\s+short|lag(?:s|ged|ging)?\s+behind|trail(?:s|ed|ing)?|underperform\w*"
)
DOWN_WORDS = re.compile(
    r"\b(?:fewer|less|lower(?:s|ed|ing)?|reduc\w*|decreas\w*|drops?|smaller|sav\w*|cheaper|cuts?|compress\w*|"
    r"shrink\w*|lighter|slashes|halv\w*|shorter|declines?|compact|efficient|los(?:e|es|ing|s)|sacrific\w*|degrad\w*|"
    rf"deduct\w*|cost\s+of|{_SHORTFALL})\b",
    re.IGNORECASE,
)
# Praise words follow the metric's better direction ("improvement in WER" is down); shortfall words its worse
# one ("falls short of X by 2% accuracy" is down, "lags behind X by 0.5 WER" up).
PRAISE_WORDS = re.compile(
    r"\b(?:improv\w*|gains?|boost\w*|outperform\w*|surpass\w*|better|enhanc\w*|beat\w*|advanc\w*)\b",
    re.IGNORECASE,
)
SHORTFALL_WORDS = re.compile(rf"\b(?:{_SHORTFALL})\b", re.IGNORECASE)


def sense(word: str) -> str:
    """ "praise", "shortfall" or "": how a direction word stands to the metric's better side."""
    return "praise" if PRAISE_WORDS.fullmatch(word) else "shortfall" if SHORTFALL_WORDS.fullmatch(word) else ""


# What a share of another system's cost is a share of (singular and plural: "memory", "GPU hours").
_COST_NOUN = (
    r"(?:parameter counts?|parameters|params|weights|FLOPs|computations?|compute|computational costs?|memory|"
    r"model sizes?|sizes?|training costs?|costs?|latency|latencies|inference times?|training times?|energy|MACs|"
    r"GPU memory|tokens|GPU hours|GPU days|storage|bandwidth|power)"
)
# A share of another system's cost or size: "only 11% of the parameters of X", "15% the size of X",
# "29% as many parameters as X".
SHARE_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the\s+)?(?:its\s+|their\s+)?(?:total\s+)?|the\s+|as\s+(?:many|much)\s+(?:[\w-]+\s+)?)"
    rf"({_COST_NOUN})\b",
    re.IGNORECASE,
)

# Share nouns that name a metric of the vocabulary by another word.
SHARE_NOUN_METRICS = {
    "size": "model size",
    "sizes": "model size",
    "model sizes": "model size",
    "compute": "FLOPs",
    "computation": "FLOPs",
    "computations": "FLOPs",
    "params": "parameters",
    "weights": "parameters",
    "parameter count": "parameters",
    "parameter counts": "parameters",
    "latencies": "latency",
}

# "freezing 99% of the parameters", "tuning only 0.5% of the parameters": which parameters a share counts
PARAMETERS_VERB = re.compile(r"\b(freez\w*|train\w*|tun\w*|updat\w*|learn\w*)\s+(?:[\w-]+\s+){0,3}$", re.I)

# "keeping 99% of the teacher's accuracy", "retaining 97% of its language understanding capabilities": a share of
# another system's quality, never a score of its own
QUALITY_SHARE_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+(?:'s|’s)\s+|original\s+|full\s+)?"
    r"(?:[a-z]+(?:\s+[a-z]+)?\s+(?=capabilit))?(?P<noun>performance|accuracy|quality|score|capabilit\w*)\b",
    re.IGNORECASE,
)

# "while maintaining 99% and 96% performance": the share of the original's quality kept, not a score on a board
RETAINED_BEFORE = re.compile(
    r"\b(?:maintain|retain|keep|preserv|sustain)\w*\s+(?:(?:over|about|around|nearly|almost|up to)\s+)?$", re.I
)

# "while using only 11% parameters (than X)": a share written without "of".
BARE_SHARE_AFTER = re.compile(
    r"^\s*(?:the\s+)?(parameters|params|FLOPs|computation|memory|training cost|tokens)\b", re.I
)

# Nouns that make a scaled number a parameter/compute count rather than data.
COUNT_NOUNS = {
    "parameters": "parameters",
    "params": "parameters",
    "param": "parameters",
    "parameter": "parameters",
    "trainable parameters": "trainable parameters",
    "training parameters": "trainable parameters",
    "extra parameters": "extra parameters",
    "additional parameters": "extra parameters",
    "learnable parameters": "trainable parameters",
    "tunable parameters": "trainable parameters",
    "flops": "FLOPs",
    "gflops": "FLOPs",
    "macs": "MACs",
    "gmacs": "MACs",
    "multiply-accumulate operations": "MACs",
}
COUNT_AFTER = re.compile(
    r"^[\s-]*(?:model\s+)?((?:additional\s+|extra\s+|trainable\s+|training\s+|learnable\s+|tunable\s+)?"
    r"(?:parameters?|params?|FLOPs|GFLOPs|MACs|GMACs))\b",
    re.IGNORECASE,
)

# Plural measure nouns and their singular, the form a metric is named in
# ("5% higher success scores" -> "success score"); counted things stay plural
# ("fewer collisions", "fewer training steps").
MEASURE_PLURALS = {
    "scores": "score",
    "errors": "error",
    "rates": "rate",
    "accuracies": "accuracy",
    "losses": "loss",
    "distances": "distance",
}

# What a change is measured against when the sentence names no system: a described baseline ("than
# existing methods", "over the previous state of the art", "Compared with previous best results,"). The
# phrase is written as the abstract words it, without its article, and ends on one of these heads.
BASELINE_HEADS = (  # noqa: SIM905 (patterns of words, as a sentence lists them)
    "methods? approach(?:es)? models? baselines? results techniques? paradigms? counterparts? networks? "
    "detectors? trackers? systems? works? transformers alternatives competitors? rivals? solutions? architectures? "
    "frameworks? "
    "pipelines? algorithms? variants? practices? agents? LLMs? state(?:-|\\s+)of(?:-|\\s+)the(?:-|\\s+)art SOTA best "
    "fine-tuning teachers? accelerators? implementations? "
    "humans human\\s+performance experts? radiologists? clinicians? physicians? dermatologists? pathologists?"
).split()

"""Names in abstracts: the paper's own system, models, baselines, datasets, metrics.

Each finder returns spans in the abstract so the reader can pick the one
nearest to a number. Known names come from the vocabularies; unknown ones
from the shapes names have in ML writing (CamelCase, digits, hyphens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.vocab import canonical_dataset, canonical_metric, dataset_pattern, metric_pattern


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    name: str


# A token shaped like a model name: capitals inside, digits, or hyphenated parts.
_NAME_TOKEN = r"[A-Za-z][\w.+]*(?:[-/][\w.+]+)*"
_MODEL_SHAPE = re.compile(rf"(?<![\w-])(?=[\w.+/-]*[A-Z][\w.+/-]*[A-Z0-9])(?:{_NAME_TOKEN})(?![\w-])")
_TITLE_NAME = re.compile(r"^\s*([^:]{1,40}?)\s*:\s+\S")
_INTRODUCE = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work))\s+(?:[a-z]+\s+){0,6}?"
    r"(?:propose|introduce|present|develop|design|build|train|call|name|term|dub)[sd]?\b"
)
_NAMING = re.compile(
    r"\b(?:namely|called|named|dubbed|termed|coined|call (?:it|them|our \w+|this \w+|the \w+))\s*,?\s+"
    r"(?:the\s+|as\s+)?(?P<name>[A-Za-z][\w+-]*)"
)
_NAME_SHAPED = re.compile(r"(?<![\w-])(?:[A-Z][\w-]*[A-Z0-9][\w.+-]*|[a-z]+[A-Z][\w.+-]*)")
_ACRONYM_DEF = re.compile(r"(?P<expansion>(?:[\w-]+\s+){1,6}?)\((?P<name>[A-Za-z][\w-]*[A-Z][\w.+-]*)\)")
_COMMON_CAPS = {
    "AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "LLM", "LLMs", "SOTA", "CNN", "CNNs", "RNN", "API",
    "3D", "2D", "RGB", "AP", "FID", "IoU", "mIoU", "FLOPs", "MACs", "ViT", "ViTs", "MLP", "MLPs",
    "DiT", "DiTs", "SSL", "VQA", "ASR", "TTS", "NAS", "MHSA", "FFN", "LoRA",
}


def _looks_like_name(token: str) -> bool:
    """CamelCase, acronyms, digits: not a capitalized word or hyphenated Title-Case words."""
    if token in _COMMON_CAPS or dataset_at(token):
        return False
    parts = [p for p in re.split(r"[-\s]", token) if p]
    titlecase = all(re.fullmatch(r"[A-Z][a-z]+", p) for p in parts)
    return not titlecase and bool(re.search(r"[A-Z].*[A-Z0-9]|\d|^[a-z]+[A-Z]", token))


def _acronym_after(phrase: str, abstract: str) -> str | None:
    """'Once for Both (OFB)': the acronym an abstract defines for a phrase."""
    match = re.search(re.escape(phrase) + r"\s*\(([A-Z][\w+-]*[A-Z0-9+][\w+-]*)\)", abstract, re.IGNORECASE)
    return match.group(1) if match else None


def _title_acronym(title: str, abstract: str) -> str | None:
    """An acronym the abstract defines for words of the title: "Multiscale Vision Transformers (MViT)"."""
    title_words = {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", title.lower())}
    for match in _ACRONYM_DEF.finditer(abstract):
        words = re.findall(r"[a-z0-9]+", match.group("expansion").lower())[-2:]
        if len(words) == 2 and all(w.rstrip("s") in title_words for w in words) and match.group("name") not in _COMMON_CAPS:
            return match.group("name")
    return None


def _introduced(abstract: str) -> str | None:
    """What "we propose / introduce / call ..." names: an acronym it defines, else a name-shaped token."""
    for match in list(_NAMING.finditer(abstract)) + list(_INTRODUCE.finditer(abstract)):
        clause_end = re.search(r"[.;:]\s|,\s+(?:which|that|where)\b|$", abstract[match.end() :])
        clause = abstract[match.start() : match.end() + clause_end.start()]
        if (acronym := _ACRONYM_DEF.search(clause)) and acronym.group("name") not in _COMMON_CAPS:
            return acronym.group("name")
        if (name := match.groupdict().get("name")) and _looks_like_name(name):
            return name.rstrip(".-")
        for token in _NAME_SHAPED.finditer(clause, len(match.group(0))):
            if _looks_like_name(token.group().rstrip(".-")):
                return token.group().rstrip(".-")
    return None


def system_name(title: str, abstract: str) -> str | None:
    """The paper's own system: "AV-DiT: ..." in the title, an acronym of title words, or what "we propose" names."""
    if match := _TITLE_NAME.match(title):
        candidate = match.group(1).strip()
        words = candidate.split()
        if len(words) <= 3:
            return _acronym_after(candidate, abstract) or candidate
        if len(words) <= 5 and (acronym := _acronym_after(candidate, abstract)):
            return acronym
    return _title_acronym(title, abstract) or _introduced(abstract)


def name_key(name: str) -> str:
    """Names compared without case, spaces and hyphens ("Swin-B" ~ "swin b")."""
    return re.sub(r"[\s_-]+", "", name.lower())


def model_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Tokens shaped like model names in text[start:end]."""
    found = []
    for m in _MODEL_SHAPE.finditer(text, start, end):
        name = m.group().rstrip(".")
        if name in _COMMON_CAPS or dataset_at(name) or canonical_metric(name) != name:
            continue
        found.append(Mention(m.start(), m.start() + len(name), name))
    return found


def dataset_at(name: str) -> bool:
    return bool(dataset_pattern().fullmatch(name))


_OPEN_DATASET = re.compile(
    r"\b(?:on|in|across)\s+(?:the\s+)?(?:challenging\s+|large-scale\s+|popular\s+|public\s+|standard\s+)?"
    r"(?P<name>[A-Z][\w-]*(?:[ -](?:[A-Z0-9][\w-]*|v\d))?)\s+(?:dataset|benchmark|test set|validation set|corpus)\b"
)


_TRAINED_ON = re.compile(r"\b(?:pre-?train\w*|train\w*|learn\w*|fine-?tun\w*)\s+(?:\w+\s+){0,3}?(?:on|with|using|from)\s+(?:the\s+)?(?:large-scale\s+)?$", re.I)


def is_training_set(text: str, mention: Mention) -> bool:
    """ "pretrained on ImageNet-21K": data a model learned from, not the benchmark of its score."""
    return bool(_TRAINED_ON.search(text, max(0, mention.start - 50), mention.start))


def dataset_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Known datasets (canonical names) and "on <Name> dataset" phrases in text[start:end]."""
    found = [Mention(m.start(), m.end(), canonical_dataset(m.group())) for m in dataset_pattern().finditer(text, start, end)]
    known = {(m.start, m.end) for m in found}
    for m in _OPEN_DATASET.finditer(text, start, end):
        span = (m.start("name"), m.end("name"))
        if not any(s <= span[0] < e for s, e in known):
            found.append(Mention(*span, m.group("name")))
    return sorted(found, key=lambda mention: mention.start)


def metric_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Known metrics (canonical names) in text[start:end]."""
    return [Mention(m.start(), m.end(), canonical_metric(m.group())) for m in metric_pattern().finditer(text, start, end)]

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
    r"\b(?:we|this paper|this work)\s+(?:first\s+)?(?:propose|introduce|present|develop|design|build|call|name|term|dub)s?d?\s+"
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,8}?"
    r"(?:(?:called|named|dubbed|termed|coined)\s+)?"
    r"(?P<name>[A-Z][\w-]*[A-Z0-9][\w.-]*)",
)
_ACRONYM_DEF = re.compile(r"\((?P<name>[A-Z][\w-]*[A-Z][\w.-]*)\)")
_COMMON_CAPS = {
    "AI", "ML", "NLP", "CV", "GPU", "GPUs", "CPU", "LLM", "LLMs", "SOTA", "CNN", "CNNs", "RNN", "API",
    "3D", "2D", "RGB", "AP", "FID", "IoU", "mIoU", "FLOPs", "MACs", "ViT", "ViTs", "MLP", "MLPs",
    "DiT", "DiTs", "SSL", "VQA", "ASR", "TTS", "NAS", "MHSA", "FFN", "LoRA",
}


def system_name(title: str, abstract: str) -> str | None:
    """The paper's own system: "AV-DiT: ..." in the title, else "we propose X"."""
    if match := _TITLE_NAME.match(title):
        candidate = match.group(1).strip()
        if len(candidate.split()) <= 3 and re.search(r"[A-Z].*[A-Z0-9]|[A-Z][a-z]+\d", candidate):
            return candidate
    for match in _INTRODUCE.finditer(abstract):
        name = match.group("name").rstrip(".-")
        if name not in _COMMON_CAPS:
            return name
    return None


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

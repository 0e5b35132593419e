"""Paper identity: which records are one paper, decided once over every record before any chunk is cut.

The same paper on several pages or in several files is one paper: its
records are merged (the first record's fields, the empty ones filled from the
later records). Records are one paper when their titles have the same key
(`normalize_title`: case, accents and punctuation aside) and either their
titles are the same text or their abstracts do not disagree (the same
letters and digits, case and accents aside, or one empty). Two papers whose
titles differ only in accents, punctuation or case, with different abstracts,
stay two papers.

`Identity.assign` gives each record its paper id as the records stream by
and counts the papers of more than one record, so that a chunked reader can
hold a paper's records until the last one has come (claims.ingest.loaders): the
papers, and with them every output, are then the same whatever the chunk
size or the engine. Memory: one small integer per paper.
"""

from __future__ import annotations

import hashlib
import unicodedata

PAPER = "_paper"  # the record field holding its paper id, set by Identity.assign
_LOW = (1 << 64) - 1  # the abstract's half of a packed paper
# What re.sub(r"[\W_]+", "", text) removes is what str.isalnum refuses, on every code point (tests/test_identity.py);
# on ASCII text, deleting these bytes does it 20x faster (an abstract's key is computed for every record).
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def normalize_title(title: str) -> str:
    """The key that makes one paper of the same title on several pages.

    Letters and digits of any script count, accents do not ("PIXART-α" and
    "PIXART-δ" are two papers, "Café" is "Cafe"); a title of neither is its
    own key, so that no paper is dropped or merged for want of one.
    """
    if title.isascii():  # most titles and abstracts: NFKD changes nothing, casefold is lower
        text = title.lower()
        return text.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii") or " ".join(text.split())
    text = unicodedata.normalize("NFKD", title).casefold()
    return "".join(filter(str.isalnum, text)) or " ".join(text.split())


def id_of_key(key: str) -> str:
    """A stable short id of a paper's title key (`normalize_title`)."""
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _digest(text: str) -> int:
    """64 bits of a text's hash, never 0 (0 stands for an empty abstract)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()) | 1


def _same_paper(known: int, title: int, abstract: int) -> bool:
    """Whether a record (its title and abstract digests) is the paper `known` (the two packed in one integer)."""
    known_title, known_abstract = known >> 64, known & _LOW
    return title == known_title or not abstract or not known_abstract or abstract == known_abstract


class Identity:
    """Paper ids of records, assigned in the order the records come; the same records always get the same ids.

    The first paper of a title key has the id of the key (`id_of_key`), a
    later paper of the same key the id of the key and its abstract.
    """

    def __init__(self) -> None:
        self._papers: dict[int, int | list[int]] = {}  # a key's first paper id -> its paper (or papers), packed
        self.records: dict[str, int] = {}  # paper id -> its records, for papers of more than one

    def assign(self, title: str, abstract: str) -> str:
        """The id of the paper a record of this title and abstract belongs to."""
        key = normalize_title(title)
        first = id_of_key(key)
        title_digest, abstract_digest = _digest(title), _digest(normalize_title(abstract)) if abstract else 0
        stored = self._papers.get(int(first, 16), [])
        papers = stored if isinstance(stored, list) else [stored]  # one int per key but for keys of several papers
        for position, known in enumerate(papers):
            if _same_paper(known, title_digest, abstract_digest):
                if abstract_digest and not known & _LOW:  # its first abstract
                    papers[position] = known | abstract_digest
                paper = first if position == 0 else id_of_key(f"{key}\n{known & _LOW:x}")
                self.records[paper] = self.records.get(paper, 1) + 1
                break
        else:
            papers.append(title_digest << 64 | abstract_digest)
            paper = first if len(papers) == 1 else id_of_key(f"{key}\n{abstract_digest:x}")
        self._papers[int(first, 16)] = papers[0] if len(papers) == 1 else papers
        return paper

    def count(self, paper: str) -> int:
        """How many records the paper has (once every record was assigned)."""
        return self.records.get(paper, 1)

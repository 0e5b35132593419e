"""LaTeX markup of a cell, caption or paragraph -> plain text with its marks kept apart.

A table cell says more than its text: bold or underline picks the best value, a
`\\cite` makes the row a baseline, a dagger sends the reader to a note. The renderer
walks the markup once (a linear token scan, groups by recursion), keeps the text a
reader sees, and records these marks as flags, so that "\\textbf{87.7}$^\\dagger$"
reads "87.7", bold, mark "†". What each command does is data: `schemas/latex.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

MAX_DEPTH = 200  # nested groups deeper than this are not a table a paper prints

_TOKEN = re.compile(
    r"(?P<cmd>\\[A-Za-z@]+\*?)|(?P<esc>\\.)|(?P<open>\{)|(?P<close>\})|(?P<math>\$\$?)"
    r"|(?P<script>[\^_])|(?P<tilde>~)|(?P<text>[^\\{}$^_~]+)",
    re.S,
)
_ESCAPES = {"\\": " ", ",": " ", ";": " ", ":": " ", " ": " ", "!": "", "-": "", "/": "", "\n": " "}
_SPACES = re.compile(r"\s+")
_PM = re.compile(r"\s*±\s*")


class MarkupError(ValueError):
    """Markup the renderer cannot read (groups nested absurdly deep)."""


@dataclass(frozen=True)
class Vocabulary:
    """`schemas/latex.toml`, compiled once."""

    style: dict[str, str]
    declarations: dict[str, str]
    keep_after: dict[str, int]
    drop: dict[str, int]
    cite: frozenset[str]
    note: frozenset[str]
    symbols: dict[str, str]
    signs: frozenset[str]
    raw: dict


@cache
def vocabulary() -> Vocabulary:
    """The LaTeX vocabulary of the readers, loaded from the package data."""
    with (resources.files("claims.schemas") / "latex.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return Vocabulary(
        style={name: kind for kind, names in data["style"].items() for name in names},
        declarations={name: kind for kind, names in data["declarations"].items() for name in names},
        keep_after=dict(data["arguments"]["keep_after"]),
        drop=dict(data["arguments"]["drop"]),
        cite=frozenset(data["arguments"]["cite"]),
        note=frozenset(data["arguments"]["note"]),
        symbols=dict(data["symbols"]),
        signs=frozenset(data["marks"]["signs"]),
        raw=data,
    )


@dataclass
class Rendered:
    """Plain text of a piece of markup, with the marks a reader sees on it."""

    text: str = ""
    bold: bool = False
    underline: bool = False
    italic: bool = False
    cites: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


@dataclass
class _Style:
    bold: bool = False
    underline: bool = False
    italic: bool = False

    def with_kind(self, kind: str) -> _Style:
        """This style with one more property (`plain` clears bold and italic)."""
        if kind == "plain":
            return _Style(underline=self.underline)
        return _Style(**{**self.__dict__, kind: True})


class _Renderer:
    """One pass over the tokens of a fragment; `out` collects (text, style) pieces."""

    def __init__(self, markup: str) -> None:
        self.tokens = [(m.lastgroup or "text", m.group()) for m in _TOKEN.finditer(markup)]
        self.pos = 0
        self.out: list[tuple[str, _Style]] = []
        self.cites: list[str] = []
        self.marks: list[str] = []
        self.vocab = vocabulary()

    # ------------------------------------------------------------------ reading arguments
    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _skip_space(self) -> None:
        while (token := self._peek()) and token[0] == "text" and not token[1].strip():
            self.pos += 1
        if (token := self._peek()) and token[0] == "text" and token[1] != token[1].lstrip():
            self.tokens[self.pos] = ("text", token[1].lstrip())

    def _skip_options(self) -> None:
        """Skip `[...]` options (and `(...)` trims) right after a command."""
        while True:
            self._skip_space()
            token = self._peek()
            if not token or token[0] != "text" or token[1][0] not in "[(":
                return
            closer = "]" if token[1][0] == "[" else ")"
            depth = 0
            while (token := self._peek()) is not None:
                kind, value = token
                if kind == "open":
                    depth += 1
                elif kind == "close":
                    depth -= 1
                elif kind == "text" and depth == 0 and closer in value:
                    rest = value.split(closer, 1)[1]
                    self.tokens[self.pos] = ("text", rest)
                    break
                self.pos += 1

    def _argument(self) -> list[tuple[str, str]]:
        """The tokens of the next argument: a braced group, a command, or one character."""
        self._skip_space()
        token = self._peek()
        if token is None:
            return []
        kind, value = token
        if kind == "open":
            return self._group_tokens()
        self.pos += 1
        if kind == "text" and len(value) > 1:
            self.tokens[self.pos - 1 : self.pos] = [("text", value[0]), ("text", value[1:])]
            return [("text", value[0])]
        return [token]

    def _group_tokens(self) -> list[tuple[str, str]]:
        start, depth = self.pos + 1, 0
        while self.pos < len(self.tokens):
            kind = self.tokens[self.pos][0]
            depth += kind == "open"
            depth -= kind == "close"
            self.pos += 1
            if depth == 0:
                return self.tokens[start : self.pos - 1]
        return self.tokens[start:]

    def _sub(self, tokens: list[tuple[str, str]], style: _Style, depth: int, math: bool) -> None:
        saved = self.tokens, self.pos
        self.tokens, self.pos = list(tokens), 0
        self.run(style, depth + 1, math)
        self.tokens, self.pos = saved

    def _sub_text(self, tokens: list[tuple[str, str]], depth: int, math: bool) -> str:
        mark = len(self.out)
        self._sub(tokens, _Style(), depth, math)
        text = "".join(piece for piece, _ in self.out[mark:])
        del self.out[mark:]
        return _SPACES.sub(" ", text).strip()

    # ------------------------------------------------------------------ the walk
    def run(self, style: _Style, depth: int = 0, math: bool = False) -> None:
        """Render tokens until the end of the current group."""
        if depth > MAX_DEPTH:
            raise MarkupError(f"groups nested deeper than {MAX_DEPTH}")
        while (token := self._peek()) is not None:
            kind, value = token
            self.pos += 1
            if kind == "close":
                return
            if kind == "open":
                self._sub(self._group_tokens_after_open(), style, depth, math)
            elif kind == "cmd":
                style = self._command(value[1:].rstrip("*"), style, depth, math)
            elif kind == "esc":
                self.out.append((_ESCAPES.get(value[1], value[1]), style))
            elif kind == "math":
                math = not math
            elif kind == "script":
                self._script(value, style, depth, math)
            elif kind == "tilde":
                self.out.append((" ", style))
            else:
                self.out.append((value, style))

    def _group_tokens_after_open(self) -> list[tuple[str, str]]:
        self.pos -= 1
        return self._group_tokens()

    def _script(self, sign: str, style: _Style, depth: int, math: bool) -> None:
        text = self._sub_text(self._argument(), depth, True)
        if text and all(char in self.vocab.signs or char == " " for char in text):
            self.marks.extend(char for char in text if char != " ")
        elif text.startswith("±"):
            self.out.append((" " + text, style))
        elif sign == "^" and text:
            self.out.append(("^" + text, style))
        else:
            self.out.append((text, style))

    def _command(self, name: str, style: _Style, depth: int, math: bool) -> _Style:
        vocab = self.vocab
        if name in vocab.symbols:
            self.out.append((vocab.symbols[name], style))
        elif name in vocab.declarations:
            return style.with_kind(vocab.declarations[name])
        elif name in vocab.style:
            self._skip_options()
            self._sub(self._argument(), style.with_kind(vocab.style[name]), depth, math)
        elif name in vocab.cite:
            self._skip_options()
            keys = self._sub_text(self._argument(), depth, math)
            self.cites.extend(key.strip() for key in keys.split(",") if key.strip())
        elif name in vocab.note:
            self._note(name, depth)
        elif name in vocab.keep_after:
            self._keep_last(vocab.keep_after[name], style, depth, math)
        elif name in vocab.drop:
            for _ in range(vocab.drop[name]):
                self._skip_options()
                self._argument()
        elif name in ("begin", "end"):
            self._argument()
        return style

    def _keep_last(self, skipped: int, style: _Style, depth: int, math: bool) -> None:
        for _ in range(skipped):
            self._skip_options()
            self._argument()
        self._skip_options()
        self._sub(self._argument(), style, depth, math)

    def _note(self, name: str, depth: int) -> None:
        self._skip_options()
        text = self._sub_text(self._argument(), depth, False)
        if name in ("footnote", "tablefootnote"):
            self.marks.append("footnote")
        elif text:
            self.marks.append(text)


def render(markup: str) -> Rendered:
    """The plain text of `markup` and its bold/underline/italic, citations and note marks."""
    renderer = _Renderer(markup)
    renderer.run(_Style())
    while renderer.pos < len(renderer.tokens):  # a stray "}" ends a group early: read on
        renderer.run(_Style())
    text, trailing = split_marks(tidy("".join(piece for piece, _ in renderer.out)))
    inked = [style for piece, style in renderer.out if any(char.isalnum() for char in piece)]
    return Rendered(
        text=text,
        bold=any(style.bold for style in inked),
        underline=any(style.underline for style in inked),
        italic=any(style.italic for style in inked),
        cites=renderer.cites,
        marks=renderer.marks + trailing,
    )


def tidy(text: str) -> str:
    """Whitespace collapsed and "±" spaced alike however it was written ("0.5±0.1", "0.5 $\\pm$ 0.1")."""
    return _PM.sub(" ± ", _SPACES.sub(" ", text)).strip()


def split_marks(text: str) -> tuple[str, list[str]]:
    """Note signs written at the end of a value or name ("45.6*", "ResNet†") are marks, not text."""
    signs = vocabulary().signs
    marks: list[str] = []
    while len(text) > 1 and text[-1] in signs and text[-2] not in signs | {" "}:
        marks.insert(0, text[-1])
        text = text[:-1].rstrip()
    return text, marks


def plain(markup: str) -> str:
    """The text of `markup` a reader sees, markup removed."""
    return render(markup).text

"""The LaTeX source of one paper as one text: files gathered, `\\input` followed, macros expanded.

A paper comes as a .tex file, a folder, or an arXiv e-print (.tar.gz, or a single
gzipped .tex). The main file is the one with `\\documentclass`; `\\input` and
`\\include` are followed relative to it, cycles and depth guarded. The macros the
paper defines (`\\newcommand`, `\\renewcommand`, `\\def`, `\\newenvironment`) are
expanded before anything is parsed, so `\\best{87.7}` reads as `\\textbf{87.7}`.
Archives are read in memory, with limits on sizes and member names: a hostile or
broken archive gives a `LatexError` naming the file and the reason, never a crash.
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MAX_FILE_BYTES = 20_000_000  # one source file
MAX_TOTAL_BYTES = 100_000_000  # all source files of one paper
MAX_MEMBERS = 20_000  # members of an e-print archive
MAX_INPUT_DEPTH = 20
MAX_EXPANSIONS = 200_000  # macro calls expanded in one paper
MAX_GROWTH = 20  # expanded text at most this many times the source (and 1 MB more)
INPUT_MARK = r"\claimsinputfile"  # left in the flattened text where a file starts, so tables name their file
SOURCE_SUFFIXES = (".tex", ".ltx", ".sty", ".cls", ".bbl", ".tikz", ".table", ".tab")


class LatexError(ValueError):
    """A LaTeX source that cannot be read, with the file and the reason."""


@dataclass
class Source:
    """The files of one paper (relative POSIX path -> text) and which one is the main file."""

    files: dict[str, str]
    main: str
    origin: str  # the path given
    problems: list[str] = field(default_factory=list)  # inputs not followed, with the reason
    folder: Path | None = None  # for a single .tex file: where its inputs are read from when asked for


# --------------------------------------------------------------------------- gathering files
def load_source(path: Path) -> Source:
    """The files of the paper at `path`: a .tex file, a folder, or an e-print archive."""
    if path.is_dir():
        return _with_main(_folder_files(path), str(path), None)
    if path.suffix.lower() in (".gz", ".tgz", ".tar") or _is_archive(path):
        return _with_main(_archive_files(path), str(path), None)
    source = _with_main({path.name: _decode(_read_capped(path))}, str(path), path.name)
    source.folder = path.parent  # its inputs are read from beside it, only those it names
    return source


def _is_archive(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(262)
    return head[:2] == b"\x1f\x8b" or head[257:262] == b"ustar"


def _read_capped(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise LatexError(f"{path}: {size:,} bytes, more than the {MAX_FILE_BYTES:,} a source file may have")
    return path.read_bytes()


def _decode(data: bytes) -> str:
    """The text of a source file: UTF-8, else Latin-1 (older sources; every byte is a character, nothing lost)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _folder_files(folder: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    total = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SOURCE_SUFFIXES:
            continue
        total += path.stat().st_size
        if total > MAX_TOTAL_BYTES:
            raise LatexError(f"{folder}: sources larger than {MAX_TOTAL_BYTES:,} bytes in all")
        files[path.relative_to(folder).as_posix()] = _decode(_read_capped(path))
    return files


def _archive_files(path: Path) -> dict[str, str]:
    if path.stat().st_size > MAX_TOTAL_BYTES:
        raise LatexError(f"{path}: archive larger than {MAX_TOTAL_BYTES:,} bytes")
    data = path.read_bytes()
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            return _tar_members(archive, path)
    except tarfile.ReadError:
        pass  # not a tar: perhaps a gzipped .tex
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise LatexError(f"{path}: a broken archive ({error or type(error).__name__})") from error
    try:  # arXiv serves a one-file paper as a gzipped .tex, not a tar
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            text = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise LatexError(f"{path}: neither a tar archive nor a gzipped .tex ({error})") from error
    if len(text) > MAX_FILE_BYTES:
        raise LatexError(f"{path}: the gzipped .tex unpacks to more than {MAX_FILE_BYTES:,} bytes")
    return {"main.tex": _decode(text)}


def _tar_members(archive: tarfile.TarFile, path: Path) -> dict[str, str]:
    files: dict[str, str] = {}
    total = 0
    for count, member in enumerate(archive):
        if count >= MAX_MEMBERS:
            raise LatexError(f"{path}: more than {MAX_MEMBERS:,} members")
        name = _safe_name(member.name)
        if not member.isfile() or name is None or not name.lower().endswith(SOURCE_SUFFIXES):
            continue
        total += member.size
        if member.size > MAX_FILE_BYTES or total > MAX_TOTAL_BYTES:
            raise LatexError(f"{path}: member {member.name} makes the sources larger than the limits")
        handle = archive.extractfile(member)
        if handle is not None:
            files[name] = _decode(handle.read())
    if not files:
        raise LatexError(f"{path}: the archive holds no .tex file")
    return files


def _safe_name(name: str) -> str | None:
    """The member's name relative to the archive root, or None for absolute or escaping paths."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts:
        return None
    parts = [part for part in pure.parts if part not in ("", ".")]
    return "/".join(parts) or None


_DOCUMENTCLASS = re.compile(r"^[^%\n]*\\document(?:class|style)\b", re.M)


def _with_main(files: dict[str, str], origin: str, given: str | None) -> Source:
    """Pick the main file: the given one if it has `\\documentclass`, else the best that has."""
    mains = [name for name, text in files.items() if _DOCUMENTCLASS.search(text)]
    if given and (given in mains or not mains):
        return Source(files, given, origin)
    if not mains:
        raise LatexError(f"{origin}: no file has \\documentclass, so there is no main file")
    mains.sort(key=lambda name: ("\\begin{document}" not in files[name], name.count("/"), len(name), name))
    return Source(files, mains[0], origin)


# --------------------------------------------------------------------------- comments and inputs
_COMMENT = re.compile(r"(?<!\\)((?:\\\\)*)%.*")
_COMMENT_ENV = re.compile(r"\\begin\{comment\}.*?\\end\{comment\}", re.S)
_INPUT = re.compile(r"\\(?:input|include|subfile)\s*(?:\{([^{}]*)\}|([^\s{}\\]+))")
_ENDINPUT = re.compile(r"\\endinput\b.*", re.S)


def strip_comments(text: str) -> str:
    """The text without `%` comments (an escaped `\\%` stays), comment environments and `\\iffalse` blocks."""
    text = "\n".join(_COMMENT.sub(r"\1", line) for line in text.split("\n"))
    return _drop_iffalse(_COMMENT_ENV.sub("", text))


_CONDITIONAL = re.compile(r"\\(iffalse|if[A-Za-z@]*|else|fi)(?![A-Za-z@])")


def _drop_iffalse(text: str) -> str:
    """`\\iffalse A \\else B \\fi` reads B: authors switch tables off this way; nested conditionals are counted."""
    pieces: list[str] = []
    position = 0
    while (start := text.find("\\iffalse", position)) >= 0:
        pieces.append(text[position:start])
        depth, keep_from, position = 0, None, len(text)
        for match in _CONDITIONAL.finditer(text, start):
            word = match.group(1)
            if word == "fi":
                depth -= 1
            elif word == "else" and depth == 1:
                keep_from = match.end()
            elif word.startswith("if") and word not in ("ifthenelse",):
                depth += 1
            if depth == 0:
                pieces.append(text[keep_from : match.start()] if keep_from is not None else "")
                position = match.end()
                break
    pieces.append(text[position:])
    return "".join(pieces)


def flatten(source: Source) -> str:
    """The main file with every `\\input`/`\\include` replaced by the file it names."""
    base = PurePosixPath(source.main).parent
    return _mark(source.main) + _flatten(source, source.main, base, (source.main,))


def _mark(name: str) -> str:
    return f" {INPUT_MARK}{{{name}}} "


def _flatten(source: Source, name: str, base: PurePosixPath, stack: tuple[str, ...]) -> str:
    text = _ENDINPUT.sub("", strip_comments(source.files[name]))

    def include(match: re.Match[str]) -> str:
        wanted = (match.group(1) or match.group(2)).strip()
        target = _resolve(source, wanted, base)
        reason = (
            "no such file in the source"
            if target is None
            else "it includes itself"
            if target in stack
            else f"inputs nested deeper than {MAX_INPUT_DEPTH}"
            if len(stack) > MAX_INPUT_DEPTH
            else None
        )
        if reason:  # the input reads as nothing, the rest goes on, and the reason is kept
            source.problems.append(f"\\input{{{wanted}}} in {name} not followed: {reason}")
            return " "
        return _mark(target) + _flatten(source, target, base, (*stack, target)) + _mark(name)

    return _INPUT.sub(include, text)


def _resolve(source: Source, name: str, base: PurePosixPath) -> str | None:
    for candidate in (name, name + ".tex"):
        for folder in (base, PurePosixPath(".")):
            key = _safe_name(str(folder / candidate))
            if key in source.files or (key and _read_beside(source, key)):
                return key
    return None


def _read_beside(source: Source, key: str) -> bool:
    """Read an input of a single .tex file from its folder (never from outside it)."""
    if source.folder is None or not key.lower().endswith(SOURCE_SUFFIXES):
        return False
    path = source.folder / key
    if not path.is_file() or not path.resolve().is_relative_to(source.folder.resolve()):
        return False
    source.files[key] = _decode(_read_capped(path))
    return True


# --------------------------------------------------------------------------- macros
@dataclass(frozen=True)
class Macro:
    """A macro the paper defines: its parameter text and body (`#1`... in both)."""

    params: tuple[str, ...]  # "#1", "#2" or a delimiter text between them
    body: str
    default: str | None = None  # \newcommand's optional first argument


_NAME = r"\\([A-Za-z@]+|.)"
_NEWCOMMAND = re.compile(r"\\(?:re)?newcommand\*?\s*|\\providecommand\*?\s*|\\DeclareRobustCommand\*?\s*")
_DEF = re.compile(r"\\(?:[egx]?def|gdef)\s*" + _NAME)
_NEWENV = re.compile(r"\\(?:re)?newenvironment\*?\s*\{([^{}]+)\}")
_PARAM = re.compile(r"#(\d)")


def read_group(text: str, start: int) -> tuple[str, int]:
    """The content of the braced group opening at `start` and the index after it."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : index], index + 1
        index += 1
    raise LatexError(f"unbalanced braces in the group opening at character {start}")


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\n":
        index += 1
    return index


def _bracket(text: str, index: int) -> tuple[str | None, int]:
    index = _skip_space(text, index)
    if index < len(text) and text[index] == "[":
        end = text.find("]", index)
        if end > 0:
            return text[index + 1 : end], end + 1
    return None, index


def collect_macros(text: str) -> tuple[dict[str, Macro], dict[str, tuple[int, str, str]], str]:
    """The macros and environments `text` defines, and the text with the definitions taken out."""
    macros: dict[str, Macro] = {}
    environments: dict[str, tuple[int, str, str]] = {}
    pieces: list[str] = []
    index = 0
    pattern = re.compile(f"{_NEWCOMMAND.pattern}|{_DEF.pattern}|{_NEWENV.pattern}")
    while (match := pattern.search(text, index)) is not None:
        pieces.append(text[index : match.start()])
        try:
            index = _definition(text, match, macros, environments)
        except LatexError:
            index = match.end()  # a definition we cannot read stays out; its uses keep their text
    pieces.append(text[index:])
    return macros, environments, "".join(pieces)


def _definition(text: str, match: re.Match[str], macros: dict, environments: dict) -> int:
    """Record the definition `match` opens; the index after it."""
    head = match.group()
    if "environment" in head:
        return _environment(text, match, environments)
    if "def" in head and "newcommand" not in head and "providecommand" not in head:
        return _def(text, match, macros)
    return _newcommand(text, match, macros, provide="providecommand" in head)


def _environment(text: str, match: re.Match[str], environments: dict) -> int:
    """`\\newenvironment{name}[n]{begin}{end}`."""
    count, index = _bracket(text, match.end())
    _, index = _bracket(text, index)
    begin, index = read_group(text, _skip_space(text, index))
    end, index = read_group(text, _skip_space(text, index))
    environments[match.group(match.lastindex or 0)] = (int(count or 0), begin, end)
    return index


def _def(text: str, match: re.Match[str], macros: dict) -> int:
    """`\\def\\name#1\\pm#2\\@nil{body}`: its parameter text keeps the delimiters between parameters."""
    name = _DEF.match(match.group()).group(1)  # type: ignore[union-attr]
    brace = text.find("{", match.end())
    if brace < 0:
        raise LatexError("\\def without a body")
    params = tuple(part for part in re.split(r"(#\d)", text[match.end() : brace]) if part.strip())
    body, index = read_group(text, brace)
    macros[name] = Macro(params, body)
    return index


def _newcommand(text: str, match: re.Match[str], macros: dict, provide: bool) -> int:
    """`\\newcommand{\\name}[n][default]{body}` (braces around the name optional)."""
    index = _skip_space(text, match.end())
    if text.startswith("{", index):
        name_text, index = read_group(text, index)
    else:
        name_match = re.compile(_NAME).match(text, index)
        if name_match is None:
            raise LatexError("\\newcommand without a name")
        name_text, index = name_match.group(), name_match.end()
    count, index = _bracket(text, index)
    default, index = _bracket(text, index)
    body, index = read_group(text, _skip_space(text, index))
    name = name_text.strip().lstrip("\\")
    if not (provide and name in macros):
        macros[name] = Macro(tuple(f"#{n}" for n in range(1, int(count or 0) + 1)), body, default)
    return index


class _Expander:
    """Expands the paper's macros and environments in one left-to-right pass, guarded."""

    def __init__(self, macros: dict[str, Macro], environments: dict[str, tuple[int, str, str]], limit: int) -> None:
        self.macros = macros
        self.environments = environments
        self.budget = MAX_EXPANSIONS
        self.limit = limit
        names = sorted(macros, key=len, reverse=True)
        alternatives = [re.escape(name) + (r"(?![A-Za-z@])" if name[-1:].isalpha() else "") for name in names]
        envs = "|".join(re.escape(name) for name in environments)
        parts = []
        if alternatives:
            parts.append(r"\\(?P<macro>" + "|".join(alternatives) + ")")
        if envs:
            parts.append(r"\\(?P<edge>begin|end)\s*\{(?P<env>" + envs + r")\}")
        self.pattern = re.compile("|".join(parts)) if parts else None

    def expand(self, text: str, depth: int = 0) -> str:
        """`text` with every call expanded; what a call gives is expanded in turn."""
        if self.pattern is None:
            return text
        if depth > MAX_INPUT_DEPTH * 5:
            raise LatexError("macros nested too deep to expand (a macro that calls itself?)")
        pieces: list[str] = []
        position = 0
        while (match := self.pattern.search(text, position)) is not None:
            pieces.append(text[position : match.start()])
            replacement, position = self._replacement(text, match)
            self.budget -= 1
            self.limit -= len(replacement)
            if self.budget < 0 or self.limit < 0:
                raise LatexError("macro expansion does not end (a macro that calls itself?)")
            pieces.append(self.expand(replacement, depth + 1))
        pieces.append(text[position:])
        return "".join(pieces)

    def _replacement(self, text: str, match: re.Match[str]) -> tuple[str, int]:
        name = match.groupdict().get("macro")
        if name is not None:
            return self._call(text, self.macros[name], match.end())
        count, begin, end = self.environments[match.group("env")]
        if match.group("edge") == "end":
            return end, match.end()
        arguments, index = self._arguments(text, match.end(), tuple(f"#{n}" for n in range(1, count + 1)), None)
        return _substitute(begin, arguments), index

    def _call(self, text: str, macro: Macro, index: int) -> tuple[str, int]:
        arguments, index = self._arguments(text, index, macro.params, macro.default)
        return _substitute(macro.body, arguments), index

    def _arguments(self, text: str, index: int, params: tuple[str, ...], default: str | None) -> tuple[dict, int]:
        arguments: dict[str, str] = {}
        if default is not None and params:
            value, index = _bracket(text, index)
            arguments[params[0]] = default if value is None else value
            params = params[1:]
        for position, param in enumerate(params):
            if not param.startswith("#"):  # a delimiter of \def's parameter text: it must come next
                index = _skip_space(text, index) if not param[:1].isspace() else index
                if text.startswith(param.strip(), index):
                    index += len(param.strip())
                continue
            following = params[position + 1] if position + 1 < len(params) else ""
            if following and not following.startswith("#"):
                end = text.find(following.strip(), index)
                if end < 0:
                    raise LatexError(f"no {following.strip()!r} ends a macro argument")
                arguments[param], index = text[index:end], end
            else:
                arguments[param], index = _one_argument(text, index)
        return arguments, index


def _one_argument(text: str, index: int) -> tuple[str, int]:
    index = _skip_space(text, index)
    if index >= len(text):
        return "", index
    if text[index] == "{":
        return read_group(text, index)
    if text[index] == "\\":
        match = re.compile(_NAME).match(text, index)
        return match.group(), match.end()  # type: ignore[union-attr]
    return text[index], index + 1


def _substitute(body: str, arguments: dict[str, str]) -> str:
    return _PARAM.sub(lambda match: arguments.get(match.group(), ""), body).replace("##", "#")


def expand_macros(text: str) -> str:
    """`text` with the macros and environments it defines expanded and their definitions removed."""
    macros, environments, rest = collect_macros(text)
    return _Expander(macros, environments, MAX_GROWTH * len(text) + 1_000_000).expand(rest)


def read_source(path: Path) -> tuple[Source, str]:
    """The paper at `path`: its files and its whole text, inputs followed and macros expanded."""
    source = load_source(path)
    try:
        return source, expand_macros(flatten(source))
    except LatexError as error:
        raise LatexError(f"{path}: {error}") from error
    except RecursionError as error:
        raise LatexError(f"{path}: macros nested too deep to expand") from error

"""The README works as written: every Python block runs, every shell command names a real subcommand and flags.

Python blocks run in a fresh folder, in order, sharing one namespace. In shell blocks each `claims` command is
parsed by the command line's own parser (an unknown subcommand, flag or choice fails), the cheap ones run
on a small corpus, and every repository file a command names must exist.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
from pathlib import Path

import pytest

from claims.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
CHEAP = {"--version", "extract"}  # run, not only parsed: no cluster, no eval, a three-paper corpus
CORPUS = [
    {"title": "FastNet: a network", "abstract": "FastNet reaches 81.5% top-1 accuracy on ImageNet."},
    {"title": "SlowNet: another", "abstract": "SlowNet achieves 2.1% WER on LibriSpeech test-clean."},
    {"title": "A survey", "abstract": "We review methods."},
]


def blocks(language: str) -> list[str]:
    return [code for lang, code in BLOCK.findall(README.read_text(encoding="utf-8")) if lang == language]


def commands(block: str) -> list[list[str]]:
    """The block's commands as words: comments dropped, `&&` chains split, environment assignments skipped."""
    found = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        while words:
            end = words.index("&&") if "&&" in words else len(words)
            command = [w for w in words[:end] if not re.fullmatch(r"[A-Z_]+=\S*", w)]
            found += [command] if command else []
            words = words[end + 1 :]
    return found


def claims_args(command: list[str]) -> list[str] | None:
    """The arguments of a `claims` (or `.venv/bin/claims`) command, None for any other program."""
    return command[1:] if Path(command[0]).name == "claims" else None


def parses(args: list[str]) -> None:
    """The parser accepts the command (argparse exits 2 on an unknown subcommand, flag or choice)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        try:
            build_parser().parse_args(args)
        except SystemExit as stop:
            assert stop.code == 0, f"claims {shlex.join(args)}: {err.getvalue()}"


def test_the_readme_has_code_to_check() -> None:
    assert len(blocks("python")) >= 1 and len(blocks("bash")) >= 3


def test_every_python_block_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()) as out:
        for code in blocks("python"):
            exec(compile(code, str(README), "exec"), namespace)  # noqa: S102 - the README's own code
    assert "ImageNet" in out.getvalue()
    assert (tmp_path / "out" / "reports" / "index.html").is_file()
    assert (tmp_path / "out" / "leaderboards" / "evaluation-tables.json").is_file()


def test_every_claims_command_parses_and_the_cheap_ones_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "papers.jsonl").write_text("".join(json.dumps(p) + "\n" for p in CORPUS), encoding="utf-8")
    ran = []
    for command in (c for block in blocks("bash") for c in commands(block)):
        args = claims_args(command)
        if args is None:
            continue
        parses(args)
        if args[0] in CHEAP and "--engine" not in args and "--scheduler" not in args:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                try:
                    assert main(args) == 0, shlex.join(args)
                except SystemExit as stop:  # --version
                    assert stop.code == 0
            ran.append(args[0])
    assert "--version" in ran and "extract" in ran
    assert (tmp_path / "claims.csv").is_file()


def test_every_repository_file_a_command_names_exists() -> None:
    named = [
        word
        for block in blocks("bash")
        for command in commands(block)
        for word in command
        if re.match(r"(tests|benchmarks|claims|schemas)/\S+\.\w+$", word)
    ]
    assert named and [w for w in named if not (ROOT / w).exists()] == []


def test_a_wrong_flag_would_fail() -> None:
    with pytest.raises(AssertionError):
        parses(["extract", "papers.jsonl", "-o", "claims.csv", "--engines", "dask"])
    with pytest.raises(AssertionError):
        parses(["extract", "papers.jsonl", "-o", "claims.txt"])

"""Ctrl-C while the command imports its libraries is one line and exit 130, as it is while the command runs.

Importing pandas, pyarrow, pandera and dask takes seconds on a busy
machine; a Ctrl-C then would print a 30-line traceback from deep inside them.
The package imports this module before any other: in the `claims` command (its
console script), and only there, it sets a SIGINT handler for the time of the
imports, and `claims.cli` calls `imports_done` after its own. A program that
imports the package keeps its Ctrl-C as it was.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

MESSAGE = "interrupted: earlier outputs left as they were"


def _interrupted(signum: int, frame: object) -> None:
    print(MESSAGE, file=sys.stderr)
    raise SystemExit(128 + signum)


def _in_the_command() -> bool:
    """Whether this process is the `claims` console script, not a program that imports the package."""
    return bool(sys.argv and sys.argv[0]) and Path(sys.argv[0]).name == "claims"


_before = None
if _in_the_command():
    try:  # only the main thread may set a handler
        _before = signal.signal(signal.SIGINT, _interrupted)
    except ValueError:
        _before = None


def imports_done() -> None:
    """Give Ctrl-C back its own handler (KeyboardInterrupt), which the command turns into the same line."""
    if _before is not None and signal.getsignal(signal.SIGINT) is _interrupted:
        signal.signal(signal.SIGINT, _before)

"""Ctrl-C while the command imports its libraries is one line and exit 130, as it is while the command runs.

Importing pandas, pyarrow, pandera and matplotlib takes seconds on a busy
machine; a Ctrl-C then would print a 30-line traceback from deep inside them.
`claims.cli` imports this module before any other, which sets a SIGINT handler
for the time of its imports, and calls `imports_done` after them.
"""

from __future__ import annotations

import signal
import sys

MESSAGE = "interrupted: earlier outputs left as they were"


def _interrupted(signum: int, frame: object) -> None:
    print(MESSAGE, file=sys.stderr)
    raise SystemExit(128 + signum)


try:  # only the main thread may set a handler; imported from another, there is nothing to guard
    _before = signal.signal(signal.SIGINT, _interrupted)
except ValueError:
    _before = None


def imports_done() -> None:
    """Give Ctrl-C back its own handler (KeyboardInterrupt), which the command turns into the same line."""
    if _before is not None and signal.getsignal(signal.SIGINT) is _interrupted:
        signal.signal(signal.SIGINT, _before)

"""How a long build says how far it is: a callable the build calls with a
stage (``reports``, ``pages``, ``index``), how many are done and of how many.

The build only calls it; the command line decides what a reader sees (bars
on a terminal, one summary line elsewhere, nothing with ``-q``).
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


def no_progress(stage: str, done: int, total: int) -> None:
    """Say nothing."""

"""The exceptions baogao raises on purpose, each turned into a one-line message.

`build.py` catches `BaogaoError` and prints ``str(error)``; anything else is a
bug and keeps its traceback.
"""

from __future__ import annotations


class BaogaoError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 1


class InputError(BaogaoError):
    """A source file that cannot be read as report text."""

    exit_code = 2

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Raised in a worker process, it is pickled back to the parent.
        return (InputError, (self.path, self.problem))


class ConfigError(BaogaoError):
    """Bad command-line options or project layout."""

    exit_code = 2


class SiteError(BaogaoError):
    """MkDocs failed to build the site."""

    exit_code = 3

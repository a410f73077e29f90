"""Reading the sources: each report file, or each row of a dataset, as the
task of preparing one report, with what the plan compares (its path as the
manifest records it, and the hash of its bytes and corrections).

The one place that turns source files into tasks; their bytes are read by
`sources`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import BaogaoError, InputError
from ..model import CORRECTABLE
from ..text.datasets import DATASET_ROW, DatasetRow, dataset_rows, is_dataset
from ..text.decode import decode_bytes
from .files import sha256
from .plan import Given
from .sources import SourceDigests, published_path, read_bytes, read_corrections


@dataclass(frozen=True)
class Task:
    """A changed source to prepare."""

    data: bytes
    """Its bytes; empty where they are read again from `file` when prepared."""
    shown: str
    """Its path in messages and the manifest (`sources.shown_path`)."""
    published: str
    """Its path on the site (`sources.published_path`)."""
    digest: str
    """SHA-256 of its bytes."""
    slug: str
    corrections: tuple[tuple[str, str], ...] = ()
    """A reader's corrections to its metadata (`sources.read_corrections`)."""
    edited: tuple[tuple[str, str], ...] = ()
    """Its section pages the reader edited: (file name, Markdown as saved)."""
    file: str = ""
    """The report file its bytes are read from when it is prepared: a run
    does not hold every changed source's bytes until its turn (245 MB at
    10,000 reports)."""

    def source_bytes(self) -> bytes:
        """Its bytes, as they were hashed; BaogaoError when the file changed since."""
        if not self.file:
            return self.data
        data, digest = read_bytes(Path(self.file), self.shown)
        if digest != self.digest:
            raise BaogaoError(f"{self.shown}: changed while baogao was building; nothing was replaced, run again")
        return data


def read_path(
    path: Path, shown: str, slug: str, root: Path, taken: set[str], digests: SourceDigests | None = None
) -> Iterator[tuple[str, tuple[Given, Task]]]:
    """A source as (slug, (what the plan compares, what processing takes)):
    one for a report file, one per row for a dataset (slug ``<file>-<row key>``).
    With `digests`, a report file whose stats are as the last run kept them is not read."""
    if not is_dataset(path.name):
        yield slug, read_source_task(path, shown, slug, root, digests)
        return
    for row, task in dataset_tasks(path, shown, root):
        row_slug = f"{slug}-{row.key}".lower()
        while row_slug in taken:  # a report file of that name is given too
            row_slug += "-row"
        taken.add(row_slug)
        yield row_slug, (Given(task.shown, task.digest), replace(task, slug=row_slug))


def dataset_tasks(path: Path, shown: str, root: Path) -> Iterator[tuple[DatasetRow, Task]]:
    data, _ = read_bytes(path, shown)
    text, _ = decode_bytes(data, shown)
    published = published_path(path, root)
    for row in dataset_rows(text, shown):
        name = f"{DATASET_ROW}{row.key}"
        yield row, Task(row.text.encode("utf-8"), shown + name, published + name, row.digest, "", row.metadata)


def read_again(shown: str, slug: str, root: Path) -> tuple[Given, Task]:
    """An earlier run's source, read again by the path its manifest entry records."""
    if DATASET_ROW not in shown:
        return read_source_task(root / shown, shown, slug, root)
    file = shown.split(DATASET_ROW, 1)[0]
    for _row, task in dataset_tasks(root / file, file, root):
        if task.shown == shown:
            return Given(task.shown, task.digest), replace(task, slug=slug)
    raise InputError(shown, "this row is no longer in its dataset; run again")


def read_source_task(
    path: Path, shown: str, slug: str, root: Path, digests: SourceDigests | None = None
) -> tuple[Given, Task]:
    """A source and its corrections, read: what the plan compares, and what
    processing it takes (its bytes are read again when it is prepared)."""
    digest = digests.digest(path, shown) if digests is not None else read_bytes(path, shown)[1]
    corrections, written = read_corrections(path, shown, CORRECTABLE)
    # The report changes when its source or its corrections do.
    given = Given(shown, sha256(digest.encode() + written) if written else digest)
    task = Task(b"", shown, published_path(path, root), digest, slug, tuple(corrections.items()), file=str(path))
    return given, task

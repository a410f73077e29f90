"""Atomic output: a folder is rebuilt beside itself and swapped in whole.

`staged` hands out a staging copy of a folder (hard links, so it is cheap),
and swaps it with the real folder only when the block finished. A crash, an
exception or Ctrl-C at any moment leaves the real folder as it was: either
the old version or the new one, never a mix. Files are written into the
staging copy by `atomic_write`, which replaces a hard link instead of writing
through it, so the real folder is never touched before the swap. One
exception, for speed: folders a build keeps whole are moved from the real
folder into the staging one just before the swap (`carry`); a crash in that
moment leaves them there, named in a file beside the folder, and the next
run's `recover` moves them back before anything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import BaogaoError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True) if name else None
    except OSError:
        return None


_LIBC = _libc()


def exchange(first: Path, second: Path) -> None:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE).

    Where the kernel or libc lacks it, fall back to two renames; a crash
    between them leaves `second` under its `.previous` name, which
    `recover` puts back on the next run.
    """
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is not None:
        result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
        if result == 0:
            return
    previous = _previous(second)
    second.rename(previous)
    first.rename(second)
    previous.rename(first)


def _staging(target: Path) -> Path:
    return target.with_name(f".{target.name}.staging")


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}.previous")


# Lock handles this process holds. A forked worker inherits them, and a
# flock lives as long as any copy is open: a worker orphaned by a killed
# build would keep the folder locked. Workers close their copies at once.
_held: set[int] = set()


def _close_held_in_child() -> None:
    for handle in _held:
        with contextlib.suppress(OSError):
            os.close(handle)
    _held.clear()


if hasattr(os, "register_at_fork"):  # POSIX only
    os.register_at_fork(after_in_child=_close_held_in_child)


@contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold a lock on the folder that holds `target` for the block, or fail at once.

    Two builds of the same folder would remove each other's staging copy;
    the second one stops with a clear error instead. The lock is taken on the
    parent folder itself (no lock file is left behind), so builds into
    sibling folders also take turns.
    """
    target = target.resolve() if target.is_symlink() else target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # not POSIX (Windows): no lock, builds must not overlap
        yield
        return
    handle = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    _held.add(handle)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BaogaoError(
                f"{target}: another build in {target.parent} is running; try again when it has finished"
            ) from None
        yield
    finally:
        _held.discard(handle)
        os.close(handle)


def recover(target: Path) -> None:
    """Undo what an interrupted run left beside `target`."""
    previous = _previous(target)
    if previous.exists() and not target.exists():
        previous.rename(target)
    _carry_back(target, _staging(target))
    for leftover in (_staging(target), previous):
        if leftover.is_symlink():
            leftover.unlink()
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _carried(target: Path) -> Path:
    return target.with_name(f".{target.name}.carried")


def carry(target: Path, staging: Path, names: list[str]) -> None:
    """Move the folders `names` of `target` into `staging` as they are, for
    a build that keeps them whole: one rename a folder where linking their
    files took 0.9 s, and removing them with the old folder as long, at
    1,000 reports. The last step before the swap: the folders are gone from
    `target` for that moment only. Their names are written beside `target`
    first, so that a run stopped before the swap moves them back
    (`recover`)."""
    if not names:
        return
    atomic_write(_carried(target), "\n".join(names).encode("utf-8"))
    for name in names:
        os.rename(target / name, staging / name)


def _carry_back(target: Path, staging: Path) -> None:
    """Move the folders `carry` took from `target` back from `staging` (the
    new folder before the swap, the old one after it: a folder `target` has
    is left where it is)."""
    record = _carried(target)
    if not record.is_file():
        return
    if staging.is_dir() and target.is_dir():
        for name in record.read_text(encoding="utf-8").splitlines():
            if name and (staging / name).exists() and not (target / name).exists():
                os.rename(staging / name, target / name)
    record.unlink()


@contextmanager
def staged(target: Path, copy: bool = True, whole: Collection[str] = ()) -> Iterator[Path]:
    """A staging folder for `target`, swapped in when the block succeeds.

    With `copy`, the staging folder starts as a copy of `target` (hard
    links), except its entries named in `whole`: folders the block leaves
    alone, which are moved over as they are once it has finished (`carry`).
    A symlinked `target` is staged beside the folder it points to, so the
    link stays a link.
    """
    target = target.resolve() if target.is_symlink() else target.absolute()
    recover(target)
    staging = _staging(target)
    if copy and target.exists():
        shutil.copytree(
            target,
            staging,
            symlinks=True,
            copy_function=os.link,
            ignore=lambda folder, names: [name for name in names if name in whole and folder == str(target)],
        )
    else:
        staging.mkdir(parents=True)
    try:
        yield staging
        if copy:
            carry(target, staging, sorted(name for name in whole if (target / name).exists()))
    except BaseException:
        _carry_back(target, staging)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        exchange(staging, target)
        _carried(target).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    else:
        staging.rename(target)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp creates 0600; generated files are as readable as any other.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

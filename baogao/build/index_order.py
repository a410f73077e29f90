"""Pagefind's filter files in one order, so that the same pages give the same index.

Pagefind (1.5) writes each filter's values, and the list of filters in its
meta file, in the order of a hash map: two runs over the same records give
filter files of other bytes and names, a meta file that names them, and an
entry file that names the meta (upstream's issue 638: "other files will
still change"). A site must be the same bytes for the same input, and a part
of the index linked from the last build must be what indexing it again
would write. So after Pagefind has run, `canonical_filters` sorts each
filter's values and the meta's list of filters, and names each rewritten
file after a hash of its bytes, as Pagefind does.

The files are gzip streams of a signature and one CBOR value; CBOR is read
and written with cbor2, whose encoding of these values (definite-length
arrays, text strings, smallest integers) is Pagefind's own: a file read and
written back unchanged keeps its bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# How long the hashes in Pagefind's names are: filter files en_1234567, meta files en_1234567890.
FILTER_HASH_CHARS = 7
META_HASH_CHARS = 10


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _encoded(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _name(language: str, data: bytes, chars: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:chars]}"


def canonical_filters(index: Path) -> None:
    """Rewrite the filter files and meta file of the Pagefind index in the
    folder `index` in sorted order (see the module's doc); an index of
    another shape than this expects is left as it is."""
    entry_path = index / ENTRY
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
    except (OSError, ValueError, KeyError):
        return
    for language, details in sorted(languages.items()):
        meta_path = index / f"pagefind.{details['hash']}.pf_meta"
        try:
            meta = _read(meta_path)
            filters = meta[3]
        except (OSError, ValueError, IndexError, cbor2.CBORDecodeError):
            continue
        if not isinstance(filters, list):
            continue
        contents = [(name, index / "filter" / f"{old_hash}.pf_filter") for name, old_hash in filters]
        read = [(name, path, _read(path)) for name, path in contents]
        if not all(
            isinstance(content, list) and len(content) == 2 and isinstance(content[1], list) for *_, content in read
        ):
            continue
        renamed = []
        for name, path, content in read:
            content[1] = sorted(content[1], key=lambda value: str(value[0]))
            data = _encoded(content)
            new_hash = _name(language, data, FILTER_HASH_CHARS)
            path.unlink()
            (index / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        data = _encoded(meta)
        new_meta = _name(language, data, META_HASH_CHARS)
        meta_path.unlink()
        (index / f"pagefind.{new_meta}.pf_meta").write_bytes(data)
        details["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

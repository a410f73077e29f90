"""Nothing the site publishes names a folder of the machine that built it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE, SLUG, run_build


def published_files(out: Path) -> list[Path]:
    """Every file of the site, and of content/ less baogao's bookkeeping (.baogao/, never published)."""
    site = [path for path in (out / "site").rglob("*") if path.is_file()]
    content = [path for path in (out / "content").rglob("*") if path.is_file() and ".baogao" not in path.parts]
    return site + content


def leaks(out: Path, *folders: Path) -> list[str]:
    needles = [str(folder).encode("utf-8") for folder in folders]
    found = []
    for path in published_files(out):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        found += [f"{path.relative_to(out)}: {needle.decode()}" for needle in needles if needle in data]
    return found


@pytest.mark.parametrize("search", ["material", "pagefind"])
def test_a_site_built_from_a_temporary_folder_never_shows_its_path(tmp_path: Path, search: str) -> None:
    source = tmp_path / "private" / "reports" / "张掖 自评.txt"
    source.parent.mkdir(parents=True)
    shutil.copy(SAMPLE, source)
    out = tmp_path / "out"
    result = run_build(
        "-q", "--search", search, "--content", str(out / "content"), "--site", str(out / "site"), str(source)
    )
    assert result.returncode == 0, result.stderr
    assert len(published_files(out)) > 20
    assert leaks(out, tmp_path, ROOT) == []
    # The source is named by its file name, which is what a reader needs.
    slug = next(path.name for path in (out / "content").iterdir() if path.is_dir() and path.name != ".baogao")
    data = json.loads((out / "content" / slug / "report.json").read_text(encoding="utf-8"))
    assert data["source"]["path"] == "张掖 自评.txt"


def test_a_source_inside_the_project_is_shown_relative_to_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_build("-q", "--no-site", "--content", str(out / "content"), str(SAMPLE))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "content" / SLUG / "report.json").read_text(encoding="utf-8"))
    assert data["source"]["path"] == SAMPLE.relative_to(ROOT).as_posix()

"""The folders are the layers: a module may import its own layer and the ones below it, never above.

model, errors, baogao/__init__   (the document model; no layer of its own)
text/     pure text stages
render/   pages and data from a Report
build/    sources, plan, content store, MkDocs, Pagefind (all the I/O)
cli       the command line
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "baogao"
LAYERS = {"model": 0, "errors": 0, "progress": 0, "__init__": 0, "text": 1, "render": 2, "build": 3, "cli": 4}


def layer_of(module: str) -> int:
    """`module` is a dotted name inside baogao: ``text.clean``, ``model``."""
    return LAYERS[module.split(".")[0]]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def imported(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module inside baogao) for every import in `source`, the text of
    `module` (``text.clean``), function-level imports included."""
    parts = module.split(".")
    package = parts if is_package else parts[:-1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "baogao":
                target = node.module.split(".")[1:]
            else:
                continue
            if node.module is None:  # from . import x: x is a module, or a constant of __init__
                found += [(node.lineno, ".".join([*target, alias.name])) for alias in node.names]
            else:
                found.append((node.lineno, ".".join(target) or "__init__"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name[7:]) for alias in node.names if alias.name.startswith("baogao.")]
    return found


def layer(name: str) -> int:
    """The layer of a module inside baogao; a name that is no module (a
    constant of baogao/__init__, imported as ``from .. import X``) is layer 0."""
    first = name.split(".")[0]
    return LAYERS.get(first, 0)


MODULES = sorted(PACKAGE.rglob("*.py"))


def _imports_of(path: Path) -> list[tuple[int, str]]:
    module = module_name(path).removesuffix(".__init__")
    return imported(path.read_text(encoding="utf-8"), module, path.name == "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=[module_name(path) for path in MODULES])
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    own = layer(module_name(path))
    upward = [f"line {line}: {name}" for line, name in _imports_of(path) if layer(name) > own]
    assert upward == [], f"{module_name(path)} (layer {own}) imports a higher layer"


def test_the_check_sees_upward_imports_at_any_depth() -> None:
    source = "def f():\n    from ..render.labels import VERDICTS\n    from baogao.build import store\n"
    names = [name for _, name in imported(source, "text.clean")]
    assert sorted(names) == ["build", "render.labels"]
    assert all(layer(name) > layer("text.clean") for name in names)


def test_the_text_stages_import_no_rendering_or_build_machinery() -> None:
    for path in sorted((PACKAGE / "text").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        names |= {
            node.module.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and not node.level
        }
        assert not names & {"jinja2", "mkdocs", "material", "yaml", "markupsafe", "pymdownx", "orjson"}, path.name

"""The shape of the code a maintainer can hold in their head: small modules, short functions, no import cycles,
and the outer layers (models, ingest, writers) independent of the linguistics."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "models")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = modules()


def imports_of(name: str, path: Path) -> set[str]:
    """Modules of ours that ``name`` imports anywhere in its body (function-level imports included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
            # "from . import fields" imports the submodule; "from . import app" the package's own contents.
            targets = submodules + ([base] if len(submodules) < len(node.names) else [])
        else:
            continue
        found.update(t for t in targets if t in MODULES and t != name)
    return found


GRAPH = {name: imports_of(name, path) for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name}: {lines} lines"


def test_no_function_is_over_80_lines():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert not long


def test_no_two_modules_import_each_other():
    """Not directly, and not through others (every cycle found, packages' own __init__ excepted)."""
    cycles = []
    for start in GRAPH:
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, trail = stack.pop()
            for nxt in GRAPH[node]:
                if nxt == start and len(trail) > 1:
                    cycles.append(" -> ".join([*trail, start]))
                elif nxt not in seen and not MODULES[nxt].name == "__init__.py":
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert not cycles, cycles[:5]


@pytest.mark.parametrize("layer, allowed", [
    ("models", ("models",)),
    ("pipeline.ingest", ("models", "pipeline.ingest", "pipeline.errors")),
    # The codebooks (ACLED, GTD, UCDP) read records and the actor registry, never a stage's Doc; writers
    # may write their rows.
    ("pipeline.codebooks", ("models", "pipeline.codebooks", "pipeline.errors", "pipeline.rules",
                            "pipeline.actors.registry")),
    ("pipeline.writers", ("models", "pipeline.writers", "pipeline.errors", "pipeline.codebooks")),
])
def test_outer_layers_depend_only_on_the_record_and_errors(layer, allowed):
    strays = {f"{name} imports {target}" for name in GRAPH if name == layer or name.startswith(layer + ".")
              for target in GRAPH[name] if not target.startswith(allowed)}
    assert not strays

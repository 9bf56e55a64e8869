"""The built wheel works from outside the repository: packages listed explicitly, rule files shipped as data."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
STAGES = {
    "pipeline.actors": ["actors.jsonl"],
    "pipeline.places": ["places_pk.jsonl", "places_af.jsonl", "places_in.jsonl", "places_admin1.jsonl",
                        "places_admin2.jsonl", "places_towns.jsonl",
                        "geonames_admin1.jsonl", "country_aliases.jsonl", "place_rules.json"],
    "pipeline.triggers": ["triggers.jsonl"],
    "pipeline.lexicon": ["weapons.jsonl", "targets.jsonl"],
    "pipeline.casualties": ["casualty_groups.jsonl", "outcome_cues.jsonl", "quantities.json"],
    "pipeline.dates": ["date_patterns.jsonl"],
    "pipeline.context": ["context_rules.jsonl"],
    "pipeline.codebooks": ["acled_actors.jsonl", "acled_periods.jsonl", "acled_regions.jsonl", "country_names.jsonl",
                           "acled_cues.jsonl"],
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (the shared checkout stays untouched) and unpack it with pip."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        assert (ROOT / name).is_file(), f"{name} is missing: pyproject.toml needs it to build the wheel"
        shutil.copy2(ROOT / name, source / name)
    for package in ("pipeline", "models"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = work / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                            str(source)], capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    [wheel] = dist.glob("newsevents-*.whl")
    site = work / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-compile", "--target", str(site),
                          str(wheel)], capture_output=True, text=True, timeout=120)
    assert pip.returncode == 0, pip.stderr[-2000:]
    return site


def run_outside(site: Path, cwd: Path, code: str) -> subprocess.CompletedProcess:
    # The editable install maps `pipeline` to the repository; putting the unpacked wheel first on sys.path makes
    # the wheel's copy win, and the script asserts that it did.
    script = f"import sys\nsys.path.insert(0, {str(site)!r})\n" + textwrap.dedent(code)
    return subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=90)


def test_wheel_contains_only_the_listed_top_level_packages(installed):
    tops = {p.name for p in installed.iterdir()
            if p.is_dir() and p.name != "bin" and not p.name.endswith((".dist-info", "__pycache__"))}
    assert tops == {"pipeline", "models"}
    assert not (installed / "tests").exists() and not (installed / "corpus").exists()


def test_installed_wheel_imports_from_its_own_files_outside_the_repo(installed, tmp_path):
    done = run_outside(installed, tmp_path, f"""
        import models, pipeline
        assert pipeline.__file__.startswith({str(installed)!r}), pipeline.__file__
        assert models.__file__.startswith({str(installed)!r}), models.__file__
        print("ok")
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.parametrize("package", sorted(STAGES))
def test_rule_files_are_shipped_as_package_data(installed, tmp_path, package):
    done = run_outside(installed, tmp_path, f"""
        from importlib.resources import files
        missing = [n for n in {STAGES[package]!r} if not files({package!r}).joinpath("data", n).is_file()]
        assert not missing, missing
    """)
    assert done.returncode == 0, done.stderr[-1500:]


@pytest.mark.model
def test_installed_wheel_extracts_an_event(installed, tmp_path):
    done = run_outside(installed, tmp_path, f"""
        import pipeline
        assert pipeline.__file__.startswith({str(installed)!r})
        from pipeline import extract_events
        result = extract_events("Three policemen were martyred when gunmen attacked a checkpoint in Bannu on Tuesday.",
                                published="2025-01-10")
        assert result.error is None, result.error
        [event] = result.events
        assert event.location.name == "Bannu", event.location
        assert event.total("killed", "police") == 3
        print(event.time.start)
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "2025-01-07"

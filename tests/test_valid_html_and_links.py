"""Every built page is valid HTML (W3C Nu Html Checker) and every link inside the book leads
somewhere, anchors included (LinkChecker, local files only)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest

from conftest import IN_CI, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = ROOT / ".venv" / "bin" / "linkchecker"
CONFIG = ROOT / "tests" / "tools" / "linkcheckerrc"


def _pages(site) -> list[str]:
    """Every HTML page the build wrote (not the theme's static files or the build reports)."""
    skip = ("_static", "reports", "_sources")
    return sorted(str(p) for p in site.rglob("*.html") if not any(part in skip for part in p.parts))


def _need(tool: str, path) -> None:
    if not path or not shutil.which(str(path)) and not path.exists():
        if IN_CI:
            pytest.fail(f"{tool} is missing: make test installs it")
        pytest.skip(f"{tool} is missing")


def test_every_page_is_valid_html(site):
    _need("java", shutil.which("java"))
    _need("vnu.jar", VNU)
    pages = _pages(site)
    assert len(pages) >= 16
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    # One line per error: "file":line.column-line.column: error: the rule broken.
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])


# LinkChecker run as root switches to the user "nobody", who cannot read a clone in a private
# folder (CI clones into `mktemp -d`, mode 700), nor the .venv the checker itself imports from.
# It only reads the book's own local files here, so the switch is skipped.
RUN_LINKCHECKER = (
    "import sys; import linkcheck.command.linkchecker as lc; "
    "lc.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; sys.exit(lc.linkchecker())"
)


def test_every_link_and_anchor_inside_the_book_leads_somewhere(site):
    _need("linkchecker", LINKCHECKER)
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", RUN_LINKCHECKER, "--config", str(CONFIG),
         "--no-robots", "-o", "csv", (site / "index.html").as_uri()],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    rows = [r for r in csv.reader(io.StringIO(result.stdout), delimiter=";") if r]
    rows = [r for r in rows if not r[0].startswith("#")][1:]  # drop comments and the header
    broken = [f"{r[1]} line {r[8]}: {r[0]} -> {r[3] or r[4]}" for r in rows]
    assert result.returncode == 0 and not broken, "broken links:\n" + "\n".join(broken[:40])
    assert "Checking intern URLs only" in result.stderr  # nothing outside the book was fetched

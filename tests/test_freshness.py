"""A data edit reaches every chart and sentence on the next `make book`, and re-runs only the
chapters that load the edited table (jupyter-cache alone would keep the stale outputs)."""

from __future__ import annotations

import csv
import io
import re
import shutil

from conftest import ROOT, run


def _edit_2009(path, extra_women):
    """Add women to 2009; return the new grand total and the new number of women in 2009."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["period"] == "2009":
            row["female"] = women_2009 = str(int(row["female"]) + extra_women)
            row["total"] = str(int(row["total"]) + extra_women)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return sum(int(r["total"]) for r in rows), women_2009


def _chapters_loading(table):
    pattern = re.compile(rf"""load\(\s*["']{table}["']""")
    return {
        p.stem
        for p in (ROOT / "chapters").glob("*.md")
        if not p.name.startswith("_") and pattern.search(p.read_text(encoding="utf-8"))
    }


def test_editing_a_csv_updates_charts_and_numbers(repo_copy):
    shutil.copytree(ROOT / "_build", repo_copy / "_build", symlinks=True)
    new_total, women_2009 = _edit_2009(repo_copy / "data" / "sk_arrivals.csv", extra_women=1000)

    result = run(["make", "book"], cwd=repo_copy)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]

    page = (repo_copy / "_build/html/chapters/south-korea.html").read_text(encoding="utf-8")
    assert f"{new_total:,}" in page, "the glued total did not change"
    spec_2009 = re.search(r'\{[^{}]*"period":"2009"[^{}]*"sex":"Women"[^{}]*\}', page)
    assert spec_2009 and f'"people":{women_2009}' in spec_2009.group(0), (
        "the chart data did not change"
    )

    # Chapters run either by scripts/prewarm.py ("  chapters/x.md: 3.1 s") or by the build.
    executed = set(re.findall(r"chapters/([\w-]+)\.md: Executing notebook", log))
    executed |= set(re.findall(r"^  chapters/([\w-]+)\.md: [\d.]+ s$", log, re.M))
    users = _chapters_loading("sk_arrivals")
    assert users <= executed, f"stale chapters: {users - executed}"
    assert executed <= users, f"re-ran chapters that do not use the table: {executed - users}"

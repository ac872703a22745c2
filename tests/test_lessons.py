"""Every chapter has a 45-minute lesson plan (lessons/<chapter>.yml) that the build checks and
the page "Lesson plans" shows; a plan whose timings do not add up stops the build."""

from __future__ import annotations

import copy

import pytest
import yaml
from test_conventions import REFERENCE_PAGES

from conftest import SITE, toc_files
from nkbook.sphinx.lessons import LESSONS_DIR, MINUTES, problems, read_plan

CHAPTERS = [doc.rpartition("/")[2] for doc in toc_files() if doc not in REFERENCE_PAGES]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_a_lesson_plan_that_adds_up(chapter):
    plan = read_plan(chapter)  # raises with the file and the rule when a rule is broken
    assert sum(phase["minutes"] for phase in plan["phases"]) == MINUTES
    assert len(plan["exit_check"]) == 3


def test_no_plan_without_its_chapter():
    names = {path.stem for path in LESSONS_DIR.glob("*.yml")}
    assert names == set(CHAPTERS), names ^ set(CHAPTERS)


def test_the_rules_catch_a_broken_plan():
    good = yaml.safe_load((LESSONS_DIR / "russia.yml").read_text(encoding="utf-8"))
    assert problems(good, "russia") == []
    bad = copy.deepcopy(good)
    bad["phases"][1]["minutes"] += 5
    bad["model_answers"].pop()
    bad["exit_check"].pop()
    found = problems(bad, "russia")
    assert any(f"add up to {MINUTES + 5} minutes" in p for p in found), found
    assert any("model answers for" in p for p in found), found
    assert any("three questions" in p for p in found), found


def test_the_page_shows_every_plan():
    page = (SITE / "chapters" / "lesson-plans.html").read_text(encoding="utf-8")
    assert page.count('class="nk-lesson-plan') == len(CHAPTERS)
    for chapter in CHAPTERS:
        assert f'href="{chapter}.html"' in page, f"no plan links {chapter}"


def test_teachers_page_has_a_rubric_with_levels_and_subject_links_without_endorsement():
    page = (SITE / "chapters" / "for-teachers.html").read_text(encoding="utf-8")
    header = page.split("Criterion", 1)[1].split("</tr>", 1)[0]
    levels = ["Beginning", "Developing", "Secure", "Excellent"]
    assert all(level in header for level in levels), "the rubric lacks its four levels"
    assert "not endorsed" in page, "subject links must not claim an endorsement"
    assert 'href="lesson-plans.html"' in page, "the teachers' page does not link the plans"
